package io.godwit.dist;

import io.godwit.worker.full.FullMigration;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs one task in this process (master and worker in one JVM). For task-mode full, dump and
 * load it exits 0 when done; a rerun after a crash or failure resumes from the checkpoints.
 */
@Command(name = "standalone", mixinStandardHelpOptions = true,
        description = "Run a DM task in this process: full, dump and load modes run to completion.")
final class StandaloneCommand implements Callable<Integer> {
    @Mixin TaskFilesOptions files;
    @Option(names = "--progress-interval", defaultValue = "2", paramLabel = "seconds",
            description = "seconds between progress reports (default: ${DEFAULT-VALUE})")
    double progressSeconds;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override public Integer call() {
        TaskFilesOptions.Loaded loaded = files.load();
        PrintWriter out = spec.commandLine().getOut();
        new FullMigration(loaded.task(), loaded.sources(), lines -> {
            synchronized (out) {
                lines.forEach(out::println);
                out.flush();
            }
        }, Duration.ofMillis((long) (progressSeconds * 1000))).run();
        return 0;
    }
}
