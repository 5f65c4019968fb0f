package io.godwit.dmctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code shard-ddl-lock [task]}: the shard DDL locks of a task (every task's without one) in DM's shape, each with its
 * owner, its pending DDLs and which shards ({@code source-id:`db`.`tbl`}) have the merged definition.
 * {@code shard-ddl-lock unlock} is not there yet and says so (exit 2).
 */
@Command(name = "shard-ddl-lock", description = "show the shard DDL locks of a task, or of every task")
final class ShardDdlLockCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "task-name|task.yaml") String task;
    @Spec CommandLine.Model.CommandSpec spec;

    @Override public Integer call() {
        if ("unlock".equals(task)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "shard-ddl-lock unlock is not supported yet:"
                    + " a lock is released when its owner acknowledges its DDL, or with stop-task");
        }
        MasterApi api = MasterCall.api(spec);
        JsonNode listing = task == null ? api.get("/api/v1/shard-ddl-locks")
                : api.get("/api/v1/tasks/" + OperateSourceCommand.encode(TaskCommands.taskName(task))
                        + "/shard-ddl-locks");
        ObjectNode out = DmctlOutput.ok();
        ArrayNode locks = out.putArray("lock");
        for (JsonNode l : listing.path("data")) {
            ObjectNode line = locks.addObject();
            line.put("ID", DmctlOutput.text(l, "id"));
            line.put("task", DmctlOutput.text(l, "task"));
            line.put("mode", DmctlOutput.text(l, "mode"));
            line.put("owner", DmctlOutput.text(l, "owner"));
            line.set("DDLs", strings(l.path("ddls")));
            line.set("synced", strings(l.path("synced")));
            line.set("unsynced", strings(l.path("unsynced")));
        }
        return DmctlOutput.print(spec.commandLine().getOut(), out);
    }

    /** The array as it came, an empty one when absent (DM prints {@code []}, never null). */
    private static ArrayNode strings(JsonNode values) {
        ArrayNode array = DmctlOutput.array();
        values.forEach(v -> array.add(v.asText()));
        return array;
    }
}
