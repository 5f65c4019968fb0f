package io.godwit.dist;

import io.godwit.core.config.ConfigChecker;
import io.godwit.core.config.ConfigProblem;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** Lints task and source files without connecting: every problem with file, line and key path. */
@Command(name = "check-config", mixinStandardHelpOptions = true,
        description = "Validate task.yaml and source.yaml files without connecting; exit 0 when valid, 1 otherwise.")
final class CheckConfigCommand implements Callable<Integer> {
    @Mixin TaskFilesOptions files;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override public Integer call() {
        List<ConfigProblem> problems = ConfigChecker.check(files.requireTask(), files.sources);
        if (problems.isEmpty()) {
            spec.commandLine().getOut().println("check-config: " + files.task + " and " + files.sources.size()
                    + " source file(s) are valid");
            return 0;
        }
        problems.forEach(p -> spec.commandLine().getOut().println(p));
        spec.commandLine().getOut().println("check-config: " + problems.size() + " problem(s)");
        return 1;
    }
}
