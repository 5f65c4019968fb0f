package io.godwit.master.http;

import io.godwit.master.cluster.ShardDdlService;
import io.godwit.master.http.MasterHttpServer.Reply;
import io.godwit.shardmerge.ShardDdlReport;
import io.godwit.shardmerge.ShardDdlWire;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * The shard-DDL lock service: for the workers' syncs under {@code /internal/v1/shard-ddl/} (register, report,
 * acknowledge, leave, group; bodies and answers in {@link ShardDdlWire}'s JSON, read by the workers'
 * {@code HttpShardDdlCoordinator}), and DM's {@code shard-ddl-lock} listing on the public API.
 */
final class ShardDdlRoutes {
    private static final String JSON_TYPE = "application/json";

    private final ShardDdlService service;

    ShardDdlRoutes(ShardDdlService service) {
        this.service = service;
    }

    Reply register(RoutingContext ctx) {
        ShardDdlWire.RegisterRequest request = request(ctx, ShardDdlWire.RegisterRequest.class);
        return answer(service.register(request.group(), request.member(), request.definition()));
    }

    Reply report(RoutingContext ctx) {
        return answer(service.report(request(ctx, ShardDdlReport.class)));
    }

    Reply acknowledge(RoutingContext ctx) {
        ShardDdlWire.AcknowledgeRequest request = request(ctx, ShardDdlWire.AcknowledgeRequest.class);
        service.acknowledge(request.group(), request.member(), request.version());
        return answer(Map.of());
    }

    Reply leave(RoutingContext ctx) {
        ShardDdlWire.LeaveRequest request = request(ctx, ShardDdlWire.LeaveRequest.class);
        service.leave(request.group(), request.member());
        return answer(Map.of());
    }

    Reply group(RoutingContext ctx) {
        ShardDdlWire.GroupRequest request = request(ctx, ShardDdlWire.GroupRequest.class);
        return answer(new ShardDdlWire.GroupReply(service.group(request.group()).orElse(null)));
    }

    /** {@code GET /api/v1/tasks/{task}/shard-ddl-locks}: the task's locks, listed as the API lists everything. */
    Reply taskLocks(RoutingContext ctx) {
        return Reply.listing(service.locks(ctx.pathParam("task")));
    }

    /** {@code GET /api/v1/shard-ddl-locks}: every task's locks. */
    Reply allLocks(RoutingContext ctx) {
        return Reply.listing(service.locks(null));
    }

    private static <T> T request(RoutingContext ctx, Class<T> type) {
        return ShardDdlWire.readRequest(ctx.body() == null ? null : ctx.body().asString(), type);
    }

    /** The wire's own JSON (camelCase, as the workers read it), not the API's snake_case. */
    private static Reply answer(Object message) {
        return Reply.text(JSON_TYPE, ShardDdlWire.toJson(message));
    }
}
