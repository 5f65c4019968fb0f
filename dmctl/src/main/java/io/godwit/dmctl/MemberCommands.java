package io.godwit.dmctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code list-member} and {@code transfer-source}: the cluster's members and which source each worker holds. */
final class MemberCommands {
    private MemberCommands() {}

    @Command(name = "list-member", description = "list the masters and the workers")
    static final class ListMember implements Callable<Integer> {
        @Option(names = "--master", description = "only the masters") boolean masters;
        @Option(names = "--worker", description = "only the workers") boolean workers;
        @Spec picocli.CommandLine.Model.CommandSpec spec;

        @Override public Integer call() {
            MasterApi api = MasterCall.api(spec);
            boolean all = !masters && !workers;
            ObjectNode out = DmctlOutput.ok();
            ArrayNode members = out.putArray("members");
            if (all || masters) {
                ObjectNode master = members.addObject().putObject("master");
                master.put("msg", "");
                ArrayNode list = master.putArray("masters");
                for (JsonNode m : api.get("/api/v1/cluster/masters").path("data")) {
                    ObjectNode line = list.addObject();
                    line.put("name", DmctlOutput.text(m, "name"));
                    line.put("alive", m.path("alive").asBoolean());
                    line.put("leader", m.path("leader").asBoolean());
                    line.putArray("clientURLs").add("http://" + DmctlOutput.text(m, "addr"));
                }
            }
            if (all || workers) {
                ObjectNode worker = members.addObject().putObject("worker");
                worker.put("msg", "");
                ArrayNode list = worker.putArray("workers");
                for (JsonNode w : api.get("/api/v1/cluster/workers").path("data")) {
                    ObjectNode line = list.addObject();
                    line.put("name", DmctlOutput.text(w, "name"));
                    line.put("addr", DmctlOutput.text(w, "addr"));
                    line.put("stage", DmctlOutput.text(w, "bound_stage"));
                    line.put("source", DmctlOutput.text(w, "bound_source_name"));
                }
            }
            return DmctlOutput.print(spec.commandLine().getOut(), out);
        }
    }

    @Command(name = "transfer-source", description = "bind a source to another (free) worker")
    static final class TransferSource implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "source-id") String source;
        @Parameters(index = "1", paramLabel = "worker-name") String worker;
        @Spec picocli.CommandLine.Model.CommandSpec spec;

        @Override public Integer call() {
            ObjectNode body = MasterApi.object();
            body.put("worker_name", worker);
            MasterCall.api(spec).post("/api/v1/sources/" + OperateSourceCommand.encode(source) + "/transfer", body);
            return DmctlOutput.print(spec.commandLine().getOut(), DmctlOutput.ok());
        }
    }
}
