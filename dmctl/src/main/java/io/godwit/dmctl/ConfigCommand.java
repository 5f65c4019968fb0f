package io.godwit.dmctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code config task}: DM's way to see what a task runs with. */
@Command(name = "config", description = "show the configuration the cluster holds",
        subcommands = {ConfigCommand.Task.class})
final class ConfigCommand {

    /**
     * Prints {@code {"result", "msg", "cfg"}} with the task.yaml as the master returns it: every
     * password masked, as DM's get-config masks the target password. With {@code --path} the YAML is
     * written to that file instead.
     */
    @Command(name = "task", description = "show a task's task.yaml (passwords masked)")
    static final class Task implements Callable<Integer> {
        @Parameters(paramLabel = "task-name") String task;
        @Option(names = {"-p", "--path"}, paramLabel = "file", description = "write the task.yaml to this file")
        Path path;
        @Spec picocli.CommandLine.Model.CommandSpec spec;

        @Override public Integer call() {
            JsonNode detail = MasterCall.api(spec).get("/api/v1/tasks/" + OperateSourceCommand.encode(task));
            String yaml = DmctlOutput.text(detail, "task_yaml");
            ObjectNode out = DmctlOutput.ok();
            if (path == null) {
                out.put("cfg", yaml);
            } else {
                write(path, yaml);
                out.put("msg", "write config to file " + path + " succeed");
            }
            return DmctlOutput.print(spec.commandLine().getOut(), out);
        }

        private static void write(Path path, String yaml) {
            try {
                Files.writeString(path, yaml);
            } catch (IOException e) {
                throw new DmctlException("cannot write " + path + ": " + e.getMessage());
            }
        }
    }
}
