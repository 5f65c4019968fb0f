package io.godwit.master.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.godwit.core.config.FlatToml;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.master.cluster.KeepaliveRequest;
import io.godwit.master.cluster.MembershipService;
import io.godwit.master.cluster.SourceService;
import io.godwit.master.cluster.TaskService;
import io.godwit.master.cluster.WorkerProxy;
import io.godwit.master.http.MasterHttpServer.MasterIdentity;
import io.godwit.master.http.MasterHttpServer.Reply;
import io.godwit.master.metrics.MasterMetrics;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One method per endpoint: parse, call the service, shape the reply. */
final class Routes {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SourceService sources;
    private final TaskService tasks;
    private final MembershipService members;
    private final MasterIdentity identity;
    private final WorkerProxy workerProxy;
    private final MasterMetrics metrics;
    private final String openApiJson = OpenApiDocument.load();
    private volatile String boundAddr = "";

    Routes(SourceService sources, TaskService tasks, MembershipService members, MasterIdentity identity,
           WorkerProxy workerProxy) {
        this.sources = sources;
        this.tasks = tasks;
        this.members = members;
        this.identity = identity;
        this.workerProxy = workerProxy;
        this.metrics = new MasterMetrics(sources, tasks, members);
    }

    void bound(String host, int port) {
        boundAddr = host + ":" + port;
    }

    Reply keepalive(RoutingContext ctx) {
        return Reply.ok(members.keepalive(MasterHttpServer.requiredBody(ctx, KeepaliveRequest.class)));
    }

    Reply createSource(RoutingContext ctx) {
        ApiRequests.CreateSource request = MasterHttpServer.requiredBody(ctx, ApiRequests.CreateSource.class);
        return new Reply(201, sources.create(request.sourceYaml()));
    }

    Reply listSources(RoutingContext ctx) {
        return Reply.listing(sources.list());
    }

    Reply getSource(RoutingContext ctx) {
        return Reply.ok(sources.detail(ctx.pathParam("source")));
    }

    Reply updateSource(RoutingContext ctx) {
        ApiRequests.CreateSource request = MasterHttpServer.requiredBody(ctx, ApiRequests.CreateSource.class);
        return Reply.ok(sources.update(ctx.pathParam("source"), request.sourceYaml()));
    }

    /** DM's shape: a list with one entry per worker serving the source (one here: no relay workers). */
    Reply sourceStatus(RoutingContext ctx) {
        return Reply.listing(List.of(sources.status(ctx.pathParam("source"))));
    }

    Reply enableSource(RoutingContext ctx) {
        sources.enable(ctx.pathParam("source"));
        return Reply.ok(Map.of("source_name", ctx.pathParam("source"), "enable", true));
    }

    Reply disableSource(RoutingContext ctx) {
        sources.disable(ctx.pathParam("source"));
        return Reply.ok(Map.of("source_name", ctx.pathParam("source"), "enable", false));
    }

    Reply deleteSource(RoutingContext ctx) {
        sources.delete(ctx.pathParam("source"));
        return new Reply(204, null);
    }

    Reply transferSource(RoutingContext ctx) {
        ApiRequests.Transfer request = MasterHttpServer.requiredBody(ctx, ApiRequests.Transfer.class);
        sources.transfer(ctx.pathParam("source"), request.workerName());
        return Reply.ok(Map.of("source_name", ctx.pathParam("source"), "worker_name", request.workerName()));
    }

    Reply createTask(RoutingContext ctx) {
        ApiRequests.CreateTask request = MasterHttpServer.requiredBody(ctx, ApiRequests.CreateTask.class);
        return new Reply(201, Map.of("task_name", tasks.create(request.taskYaml(), request.removeMeta())));
    }

    Reply checkTask(RoutingContext ctx) {
        ApiRequests.CreateTask request = MasterHttpServer.requiredBody(ctx, ApiRequests.CreateTask.class);
        return Reply.ok(tasks.check(request.taskYaml()).toJson());
    }

    Reply listTasks(RoutingContext ctx) {
        return Reply.listing(tasks.list());
    }

    Reply getTask(RoutingContext ctx) {
        return Reply.ok(tasks.get(ctx.pathParam("task")));
    }

    Reply startTask(RoutingContext ctx) {
        tasks.start(ctx.pathParam("task"), selectedSources(ctx));
        return Reply.ok(Map.of("task_name", ctx.pathParam("task")));
    }

    Reply stopTask(RoutingContext ctx) {
        tasks.stop(ctx.pathParam("task"), selectedSources(ctx));
        return Reply.ok(Map.of("task_name", ctx.pathParam("task")));
    }

    Reply taskStatus(RoutingContext ctx) {
        return Reply.listing(tasks.status(ctx.pathParam("task")));
    }

    Reply pauseTask(RoutingContext ctx) {
        tasks.pause(ctx.pathParam("task"), selectedSources(ctx));
        return Reply.ok(Map.of("task_name", ctx.pathParam("task")));
    }

    Reply resumeTask(RoutingContext ctx) {
        tasks.resume(ctx.pathParam("task"), selectedSources(ctx));
        return Reply.ok(Map.of("task_name", ctx.pathParam("task")));
    }

    Reply deleteTask(RoutingContext ctx) {
        tasks.delete(ctx.pathParam("task"));
        return new Reply(204, null);
    }

    Reply masters(RoutingContext ctx) {
        Map<String, Object> self = new LinkedHashMap<>();
        self.put("name", identity.name());
        self.put("addr", advertiseAddr());
        self.put("alive", true);
        self.put("leader", true);
        return Reply.listing(List.of(self));
    }

    Reply workers(RoutingContext ctx) {
        return Reply.listing(members.workers());
    }

    /** dmctl's {@code config master}: this master's settings as DM's master.toml keys. */
    Reply masterConfig(RoutingContext ctx) {
        String name = ctx.pathParam("master");
        if (!name.equals(identity.name())) {
            throw new GodwitException(ErrorCode.CLUSTER_NOT_FOUND, "master " + name + " not found: this cluster's"
                    + " master is " + identity.name());
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", identity.name());
        values.put("master-addr", boundAddr);
        values.put("advertise-addr", advertiseAddr());
        values.put("data-dir", identity.dataDir() == null ? "" : identity.dataDir().toString());
        values.put("keepalive-ttl", identity.keepaliveTtl());
        return Reply.ok(memberConfig(name, FlatToml.write(values)));
    }

    /** dmctl's {@code config worker}: the settings the named worker runs with, which only it knows. */
    Reply workerConfig(RoutingContext ctx) {
        String name = ctx.pathParam("worker");
        WorkerProxy.WorkerReply reply = workerProxy.get(name, "/api/v1/config");
        JsonNode answer;
        try {
            answer = JSON.readTree(reply.body());
        } catch (Exception e) {
            answer = null;
        }
        if (answer == null || !answer.isObject()) {
            throw new GodwitException(ErrorCode.CLUSTER_UNREACHABLE, "worker " + name + " answered " + reply.status()
                    + " to GET /api/v1/config without JSON (a worker older than this master?)");
        }
        if (reply.status() != 200) {
            return new Reply(reply.status(), answer);
        }
        return Reply.ok(memberConfig(name, answer.path("config").asText("")));
    }

    private static Map<String, Object> memberConfig(String name, String toml) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("config", toml);
        return body;
    }

    private String advertiseAddr() {
        return identity.advertiseAddr().isEmpty() ? boundAddr : identity.advertiseAddr();
    }

    Reply openApiDocument(RoutingContext ctx) {
        return Reply.text("application/json", openApiJson);
    }

    Reply metrics(RoutingContext ctx) {
        return Reply.text(MasterMetrics.CONTENT_TYPE, metrics.scrape());
    }

    private static List<String> selectedSources(RoutingContext ctx) {
        ApiRequests.SourceSelection selection = MasterHttpServer.body(ctx, ApiRequests.SourceSelection.class);
        return selection == null ? null : selection.sourceNameList();
    }
}
