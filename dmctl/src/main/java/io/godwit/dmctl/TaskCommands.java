package io.godwit.dmctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.godwit.core.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The task lifecycle: {@code start-task}, {@code stop-task}, {@code pause-task}, {@code resume-task}. */
final class TaskCommands {
    private TaskCommands() {}

    @Command(name = "start-task", description = "start a task from its task.yaml")
    static final class Start implements Callable<Integer> {
        @Parameters(paramLabel = "task.yaml") Path file;
        @Option(names = "--remove-meta", description = "clear the task's checkpoints in the target first")
        boolean removeMeta;
        @Spec picocli.CommandLine.Model.CommandSpec spec;

        @Override public Integer call() {
            MasterApi api = MasterCall.api(spec);
            ObjectNode body = MasterApi.object();
            body.put("task_yaml", read(file));
            body.put("remove_meta", removeMeta);
            String task = DmctlOutput.text(api.post("/api/v1/tasks", body), "task_name");
            ObjectNode out = DmctlOutput.ok();
            out.set("sources", sourceLines(api, task, null));
            out.put("checkResult", "");
            return DmctlOutput.print(spec.commandLine().getOut(), out);
        }
    }

    @Command(name = "stop-task", description = "stop a task and remove it from the cluster (its checkpoints stay)")
    static final class Stop implements Callable<Integer> {
        @Parameters(paramLabel = "task-name|task.yaml") String task;
        @Spec picocli.CommandLine.Model.CommandSpec spec;

        @Override public Integer call() {
            MasterApi api = MasterCall.api(spec);
            String name = taskName(task);
            ArrayNode lines = sourceLines(api, name, null);
            api.delete("/api/v1/tasks/" + OperateSourceCommand.encode(name));
            return DmctlOutput.print(spec.commandLine().getOut(), op("Stop", lines));
        }
    }

    @Command(name = "pause-task", description = "pause a task's subtasks (all, or those of -s sources)")
    static final class Pause implements Callable<Integer> {
        @Parameters(paramLabel = "task-name|task.yaml") String task;
        @Option(names = {"-s", "--source"}, paramLabel = "source-id") List<String> sources;
        @Spec picocli.CommandLine.Model.CommandSpec spec;

        @Override public Integer call() {
            return changeStage(spec, task, sources, "pause", "Pause");
        }
    }

    @Command(name = "resume-task", description = "resume a task's paused subtasks (all, or those of -s sources)")
    static final class Resume implements Callable<Integer> {
        @Parameters(paramLabel = "task-name|task.yaml") String task;
        @Option(names = {"-s", "--source"}, paramLabel = "source-id") List<String> sources;
        @Spec picocli.CommandLine.Model.CommandSpec spec;

        @Override public Integer call() {
            return changeStage(spec, task, sources, "resume", "Resume");
        }
    }

    private static int changeStage(picocli.CommandLine.Model.CommandSpec spec, String task, List<String> sources,
                                   String action, String op) {
        MasterApi api = MasterCall.api(spec);
        String name = taskName(task);
        ObjectNode body = MasterApi.object();
        if (sources != null) {
            ArrayNode list = body.putArray("source_name_list");
            sources.forEach(list::add);
        }
        api.post("/api/v1/tasks/" + OperateSourceCommand.encode(name) + "/" + action, body);
        return DmctlOutput.print(spec.commandLine().getOut(), op(op, sourceLines(api, name, sources)));
    }

    private static ObjectNode op(String op, ArrayNode sources) {
        ObjectNode out = DmctlOutput.ok();
        out.put("op", op);
        out.set("sources", sources);
        return out;
    }

    /** One {@code {result, msg, source, worker}} per subtask of {@code task} (of {@code only}, when given). */
    private static ArrayNode sourceLines(MasterApi api, String task, List<String> only) {
        JsonNode status = api.get("/api/v1/tasks/" + OperateSourceCommand.encode(task) + "/status");
        ArrayNode lines = DmctlOutput.array();
        for (JsonNode s : status.path("data")) {
            String source = DmctlOutput.text(s, "source_name");
            if (only == null || only.contains(source)) {
                lines.add(OperateSourceCommand.sourceLine(source, DmctlOutput.text(s, "worker_name")));
            }
        }
        return lines;
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new DmctlException("cannot read " + f + ": " + e.getMessage());
        }
    }

    /** A task name, or the name inside an existing task.yaml (DM accepts both). */
    static String taskName(String arg) {
        Path p = Path.of(arg);
        if (!Files.isRegularFile(p)) {
            return arg;
        }
        return ConfigLoader.parseTask(read(p), p.toString(), ConfigLoader.DEFAULT_CIPHER).name();
    }
}
