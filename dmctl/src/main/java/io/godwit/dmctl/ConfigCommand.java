package io.godwit.dmctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * DM's {@code config task|source|master|worker <name> [-p file]}: what a task, source or member runs
 * with. Each prints {@code {"result", "msg", "cfg"}} with the text the master returns (passwords masked,
 * as DM's get-config masks them); with {@code --path} the text is written to that file instead.
 */
@Command(name = "config", description = "show the configuration the cluster holds",
        subcommands = {ConfigCommand.Task.class, ConfigCommand.Source.class, ConfigCommand.Master.class,
                ConfigCommand.Worker.class})
final class ConfigCommand {

    @Command(name = "task", description = "show a task's task.yaml (passwords masked)")
    static final class Task implements Callable<Integer> {
        @Parameters(paramLabel = "task-name") String task;
        @Option(names = {"-p", "--path"}, paramLabel = "file", description = "write the task.yaml to this file")
        Path path;
        @Spec CommandSpec spec;

        @Override public Integer call() {
            JsonNode detail = MasterCall.api(spec).get("/api/v1/tasks/" + OperateSourceCommand.encode(task));
            return show(spec, field(detail, "task_yaml"), path);
        }
    }

    @Command(name = "source", description = "show a source's source.yaml (passwords masked)")
    static final class Source implements Callable<Integer> {
        @Parameters(paramLabel = "source-id") String source;
        @Option(names = {"-p", "--path"}, paramLabel = "file", description = "write the source.yaml to this file")
        Path path;
        @Spec CommandSpec spec;

        @Override public Integer call() {
            JsonNode detail = MasterCall.api(spec).get("/api/v1/sources/" + OperateSourceCommand.encode(source));
            return show(spec, field(detail, "source_yaml"), path);
        }
    }

    @Command(name = "master", description = "show a master's settings as master.toml")
    static final class Master implements Callable<Integer> {
        @Parameters(paramLabel = "master-name") String name;
        @Option(names = {"-p", "--path"}, paramLabel = "file", description = "write the master.toml to this file")
        Path path;
        @Spec CommandSpec spec;

        @Override public Integer call() {
            JsonNode config = MasterCall.api(spec).get("/api/v1/cluster/masters/" + OperateSourceCommand.encode(name)
                    + "/config");
            return show(spec, field(config, "config"), path);
        }
    }

    @Command(name = "worker", description = "show a worker's settings as worker.toml (the worker must be online)")
    static final class Worker implements Callable<Integer> {
        @Parameters(paramLabel = "worker-name") String name;
        @Option(names = {"-p", "--path"}, paramLabel = "file", description = "write the worker.toml to this file")
        Path path;
        @Spec CommandSpec spec;

        @Override public Integer call() {
            JsonNode config = MasterCall.api(spec).get("/api/v1/cluster/workers/" + OperateSourceCommand.encode(name)
                    + "/config");
            return show(spec, field(config, "config"), path);
        }
    }

    /** The text the master returned; its absence is an error, not an empty config. */
    private static String field(JsonNode answer, String name) {
        if (!answer.hasNonNull(name)) {
            throw new DmctlException("the master's answer has no \"" + name + "\" (a master older than this dmctl?)");
        }
        return answer.get(name).asText();
    }

    /** Prints the text as {@code cfg}, or writes it to {@code path} and says so in {@code msg}, as DM does. */
    private static int show(CommandSpec spec, String text, Path path) {
        ObjectNode out = DmctlOutput.ok();
        if (path == null) {
            out.put("cfg", text);
        } else {
            write(path, text);
            out.put("msg", "write config to file " + path + " succeed");
        }
        return DmctlOutput.print(spec.commandLine().getOut(), out);
    }

    private static void write(Path path, String text) {
        try {
            Files.writeString(path, text);
        } catch (IOException e) {
            throw new DmctlException("cannot write " + path + ": " + e.getMessage());
        }
    }
}
