package io.godwit.master.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.master.cluster.WorkerProxy;
import io.godwit.master.http.MasterHttpServer.Reply;
import io.vertx.ext.web.RoutingContext;

/**
 * DM's {@code binlog skip|replace} and {@code binlog-schema list|update|delete} on the public API, under
 * {@code /api/v1/tasks/{task}/sources/{source}/}: {@code POST binlog/skip}, {@code POST binlog/replace}
 * ({@code {"sqls": [...]}}), {@code GET binlog-schema}, {@code GET|PUT|DELETE binlog-schema/{db}/{table}}
 * ({@code PUT} with {@code {"sql": "CREATE TABLE ..."}}). Each is handed to the source's worker
 * ({@link WorkerProxy}); its JSON answer comes back with {@code worker_name} added.
 */
final class BinlogRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WorkerProxy workers;

    BinlogRoutes(WorkerProxy workers) {
        this.workers = workers;
    }

    Reply skip(RoutingContext ctx) {
        return forward(ctx, "POST", "binlog/skip");
    }

    Reply replace(RoutingContext ctx) {
        return forward(ctx, "POST", "binlog/replace");
    }

    Reply listSchemas(RoutingContext ctx) {
        return forward(ctx, "GET", "binlog-schema");
    }

    Reply getSchema(RoutingContext ctx) {
        return forward(ctx, "GET", tablePath(ctx));
    }

    Reply updateSchema(RoutingContext ctx) {
        return forward(ctx, "PUT", tablePath(ctx));
    }

    Reply deleteSchema(RoutingContext ctx) {
        return forward(ctx, "DELETE", tablePath(ctx));
    }

    private static String tablePath(RoutingContext ctx) {
        return "binlog-schema/" + WorkerProxy.segment(ctx.pathParam("db")) + "/"
                + WorkerProxy.segment(ctx.pathParam("table"));
    }

    private Reply forward(RoutingContext ctx, String method, String subPath) {
        String body = ctx.body() == null ? null : ctx.body().asString();
        WorkerProxy.WorkerReply reply = workers.send(method, ctx.pathParam("task"), ctx.pathParam("source"), subPath,
                body == null || body.isBlank() ? null : body);
        JsonNode answer;
        try {
            answer = JSON.readTree(reply.body());
        } catch (Exception e) {
            throw new GodwitException(ErrorCode.CLUSTER_UNREACHABLE, "worker " + reply.workerName()
                    + " answered " + reply.status() + " without JSON");
        }
        if (answer instanceof ObjectNode object) {
            object.put("worker_name", reply.workerName());
        }
        return new Reply(reply.status(), answer);
    }
}
