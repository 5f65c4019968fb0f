package io.godwit.dmctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code query-status}: without a task, every task with its stage and sources; with one, each
 * subtask's stage, unit, error and the status its worker reports (positions, lag, rows/s).
 */
@Command(name = "query-status", description = "show the tasks, or one task's subtasks in detail")
final class QueryStatusCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "task-name|task.yaml") String task;
    @Option(names = {"-s", "--source"}, paramLabel = "source-id") List<String> sources;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override public Integer call() {
        MasterApi api = MasterCall.api(spec);
        ObjectNode out = DmctlOutput.ok();
        if (task == null) {
            ArrayNode tasks = out.putArray("tasks");
            for (JsonNode t : api.get("/api/v1/tasks").path("data")) {
                ObjectNode line = tasks.addObject();
                line.put("taskName", DmctlOutput.text(t, "name"));
                line.put("taskStatus", DmctlOutput.text(t, "stage"));
                line.set("sources", t.path("source_name_list").deepCopy());
            }
            return DmctlOutput.print(spec.commandLine().getOut(), out);
        }
        String name = TaskCommands.taskName(task);
        ArrayNode lines = out.putArray("sources");
        for (JsonNode s : api.get("/api/v1/tasks/" + OperateSourceCommand.encode(name) + "/status").path("data")) {
            String source = DmctlOutput.text(s, "source_name");
            if (sources != null && !sources.contains(source)) {
                continue;
            }
            ObjectNode line = lines.addObject();
            line.put("result", true);
            line.put("msg", "");
            ObjectNode sourceStatus = line.putObject("sourceStatus");
            sourceStatus.put("source", source);
            sourceStatus.put("worker", DmctlOutput.text(s, "worker_name"));
            ObjectNode sub = line.putArray("subTaskStatus").addObject();
            sub.put("name", name);
            sub.put("stage", DmctlOutput.text(s, "stage"));
            sub.put("expectedStage", DmctlOutput.text(s, "expected_stage"));
            // DM's lock this subtask waits on: another shard's DDL that must run on the merged table first
            sub.put("unresolvedDDLLockID", DmctlOutput.text(s.path("status"), "unresolved_ddl_lock_id"));
            String error = DmctlOutput.text(s, "error");
            if (error.isEmpty()) {
                sub.putNull("result");
            } else {
                ObjectNode result = sub.putObject("result");
                result.put("isCanceled", false);
                result.putArray("errors").addObject().put("message", error);
            }
            sub.set("status", s.path("status").isMissingNode() ? MasterApi.object() : s.get("status").deepCopy());
        }
        return DmctlOutput.print(spec.commandLine().getOut(), out);
    }
}
