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

    /** A {@code config} subcommand: one GET on the master, one field of its answer shown or written. */
    abstract static class Shown implements Callable<Integer> {
        @Option(names = {"-p", "--path"}, paramLabel = "file", description = "write the configuration to this file")
        Path path;
        @Spec CommandSpec spec;

        /** The name given on the command line. */
        abstract String name();

        /** The API path for {@code encodedName}. */
        abstract String apiPath(String encodedName);

        /** The field of the answer that holds the text. */
        abstract String field();

        @Override public Integer call() {
            JsonNode answer = MasterCall.api(spec).get(apiPath(OperateSourceCommand.encode(name())));
            return show(spec, textOf(answer, field()), path);
        }
    }

    @Command(name = "task", description = "show a task's task.yaml (passwords masked)")
    static final class Task extends Shown {
        @Parameters(paramLabel = "task-name") String task;

        @Override String name() { return task; }
        @Override String apiPath(String encodedName) { return "/api/v1/tasks/" + encodedName; }
        @Override String field() { return "task_yaml"; }
    }

    @Command(name = "source", description = "show a source's source.yaml (passwords masked)")
    static final class Source extends Shown {
        @Parameters(paramLabel = "source-id") String source;

        @Override String name() { return source; }
        @Override String apiPath(String encodedName) { return "/api/v1/sources/" + encodedName; }
        @Override String field() { return "source_yaml"; }
    }

    @Command(name = "master", description = "show a master's settings as master.toml")
    static final class Master extends Shown {
        @Parameters(paramLabel = "master-name") String master;

        @Override String name() { return master; }
        @Override String apiPath(String encodedName) { return "/api/v1/cluster/masters/" + encodedName + "/config"; }
        @Override String field() { return "config"; }
    }

    @Command(name = "worker", description = "show a worker's settings as worker.toml (the worker must be online)")
    static final class Worker extends Shown {
        @Parameters(paramLabel = "worker-name") String worker;

        @Override String name() { return worker; }
        @Override String apiPath(String encodedName) { return "/api/v1/cluster/workers/" + encodedName + "/config"; }
        @Override String field() { return "config"; }
    }

    /** The text the master returned; its absence is an error, not an empty config. */
    private static String textOf(JsonNode answer, String name) {
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
