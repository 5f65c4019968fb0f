package io.godwit.master.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.godwit.core.error.ErrorClass;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.master.cluster.KeepaliveRequest;
import io.godwit.master.cluster.MembershipService;
import io.godwit.master.cluster.ShardDdlService;
import io.godwit.master.cluster.SourceService;
import io.godwit.master.cluster.TaskService;
import io.godwit.master.cluster.WorkerProxy;
import io.godwit.shardmerge.ShardDdlWire;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's HTTP endpoint: the public API under {@code /api/v1} (DM's OpenAPI paths, described
 * at {@code /api/v1/dm.json}), the workers' keepalive and shard-DDL coordination under
 * {@code /internal/v1} and the Prometheus
 * metrics at {@code /metrics}. A thin adapter: each handler parses the request,
 * calls a service off the event loop (services write the meta store with fsync) and maps the
 * result to JSON, or a {@link GodwitException} to {@code {"error_code", "error_msg"}} with the
 * status its code calls for.
 */
public final class MasterHttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MasterHttpServer.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    /** Workers of a newer version may report keys or stages this master does not know; that must not cost the lease. */
    private static final ObjectReader KEEPALIVE = JSON.readerFor(KeepaliveRequest.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .with(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL);

    private final Vertx vertx;
    private final HttpServer server;
    private final Router router;

    /**
     * What {@code GET /api/v1/cluster/masters} and {@code .../masters/{name}/config} say about this master:
     * its settings but the listen address, which is the one bound.
     */
    public record MasterIdentity(String name, String advertiseAddr, Path dataDir, Duration keepaliveTtl) {
    }

    private MasterHttpServer(Vertx vertx, HttpServer server, Router router) {
        this.vertx = vertx;
        this.server = server;
        this.router = router;
    }

    /**
     * Listens on {@code host:port} (port 0: any free port). {@code identity.advertiseAddr()} empty
     * means "the address bound".
     */
    public static MasterHttpServer start(String host, int port, MasterIdentity identity, SourceService sources,
                                         TaskService tasks, MembershipService members, ShardDdlService shardDdl) {
        Vertx vertx = Vertx.vertx();
        WorkerProxy workers = new WorkerProxy(tasks, members);
        Routes routes = new Routes(sources, tasks, members, identity, workers);
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create().setBodyLimit(4 << 20));
        handle(router.post("/internal/v1/workers/keepalive"), routes::keepalive);
        ShardDdlRoutes locks = new ShardDdlRoutes(shardDdl);
        handle(router.post(ShardDdlWire.REGISTER), locks::register);
        handle(router.post(ShardDdlWire.REPORT), locks::report);
        handle(router.post(ShardDdlWire.ACKNOWLEDGE), locks::acknowledge);
        handle(router.post(ShardDdlWire.LEAVE), locks::leave);
        handle(router.post(ShardDdlWire.GROUP), locks::group);
        handle(router.get("/api/v1/shard-ddl-locks"), locks::allLocks);
        handle(router.get("/api/v1/tasks/:task/shard-ddl-locks"), locks::taskLocks);
        handle(router.post("/api/v1/sources"), routes::createSource);
        handle(router.get("/api/v1/sources"), routes::listSources);
        handle(router.get("/api/v1/sources/:source"), routes::getSource);
        handle(router.delete("/api/v1/sources/:source"), routes::deleteSource);
        handle(router.post("/api/v1/sources/:source/transfer"), routes::transferSource);
        handle(router.post("/api/v1/tasks"), routes::createTask);
        handle(router.post("/api/v1/tasks/check"), routes::checkTask);
        handle(router.get("/api/v1/tasks"), routes::listTasks);
        handle(router.get("/api/v1/tasks/:task/status"), routes::taskStatus);
        handle(router.post("/api/v1/tasks/:task/pause"), routes::pauseTask);
        handle(router.post("/api/v1/tasks/:task/resume"), routes::resumeTask);
        handle(router.delete("/api/v1/tasks/:task"), routes::deleteTask);
        handle(router.get("/api/v1/cluster/masters"), routes::masters);
        handle(router.get("/api/v1/cluster/workers"), routes::workers);
        handle(router.get("/api/v1/cluster/masters/:master/config"), routes::masterConfig);
        handle(router.get("/api/v1/cluster/workers/:worker/config"), routes::workerConfig);
        handle(router.put("/api/v1/sources/:source"), routes::updateSource);
        handle(router.get("/api/v1/sources/:source/status"), routes::sourceStatus);
        handle(router.post("/api/v1/sources/:source/enable"), routes::enableSource);
        handle(router.post("/api/v1/sources/:source/disable"), routes::disableSource);
        handle(router.get("/api/v1/tasks/:task"), routes::getTask);
        handle(router.post("/api/v1/tasks/:task/start"), routes::startTask);
        handle(router.post("/api/v1/tasks/:task/stop"), routes::stopTask);
        handle(router.get("/api/v1/dm.json"), routes::openApiDocument);
        handle(router.get("/metrics"), routes::metrics);
        BinlogRoutes binlog = new BinlogRoutes(workers);
        String subtask = "/api/v1/tasks/:task/sources/:source";
        handle(router.post(subtask + "/binlog/skip"), binlog::skip);
        handle(router.post(subtask + "/binlog/replace"), binlog::replace);
        handle(router.get(subtask + "/binlog-schema"), binlog::listSchemas);
        handle(router.get(subtask + "/binlog-schema/:db/:table"), binlog::getSchema);
        handle(router.put(subtask + "/binlog-schema/:db/:table"), binlog::updateSchema);
        handle(router.delete(subtask + "/binlog-schema/:db/:table"), binlog::deleteSchema);
        try {
            HttpServer server = vertx.createHttpServer().requestHandler(router).listen(port, host)
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            routes.bound(host, server.actualPort());
            return new MasterHttpServer(vertx, server, router);
        } catch (Exception e) {
            vertx.close();
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new GodwitException(ErrorCode.CONFIG_INVALID, "cannot listen on " + host + ":" + port + ": "
                    + cause.getMessage() + " (another process has the port? give a free one with --master-addr,"
                    + " port 0 for any)", e);
        }
    }

    /** The port it listens on (the chosen one when started with port 0). */
    public int port() {
        return server.actualPort();
    }

    /** Every route registered, as {@code "METHOD /path/:param"} (what the OpenAPI document must describe). */
    List<String> registeredRoutes() {
        List<String> out = new java.util.ArrayList<>();
        for (io.vertx.ext.web.Route route : router.getRoutes()) {
            if (route.getPath() != null && route.methods() != null) {
                route.methods().forEach(m -> out.add(m.name() + " " + route.getPath()));
            }
        }
        return out;
    }

    @Override public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("closing the HTTP server: {}", e.getMessage());
        }
    }

    /** A handler body: runs on a worker thread, returns the reply to send. */
    @FunctionalInterface
    interface Call {
        Reply run(RoutingContext ctx) throws Exception;
    }

    /** A status and a body ({@code null}: no body; a {@link Text}: sent as is; else written as JSON). */
    record Reply(int status, Object body) {
        /** A body that is already text in its own format (the metrics, the OpenAPI document). */
        record Text(String contentType, String text) {
        }

        static Reply text(String contentType, String text) {
            return new Reply(200, new Text(contentType, text));
        }

        static Reply ok(Object body) {
            return new Reply(200, body);
        }

        static Reply listing(List<?> data) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("total", data.size());
            body.put("data", data);
            return new Reply(200, body);
        }
    }

    private static void handle(io.vertx.ext.web.Route route, Call call) {
        route.handler(ctx -> ctx.vertx().executeBlocking(() -> call.run(ctx), false).onComplete(ar -> {
            Reply reply = ar.succeeded() ? ar.result() : failure(ctx, ar.cause());
            try {
                ctx.response().setStatusCode(reply.status());
                if (reply.body() == null) {
                    ctx.response().end();
                } else if (reply.body() instanceof Reply.Text text) {
                    ctx.response().putHeader("content-type", text.contentType()).end(text.text());
                } else {
                    ctx.response().putHeader("content-type", "application/json")
                            .end(JSON.writeValueAsString(reply.body()));
                }
            } catch (Exception e) {
                ctx.fail(e);
            }
        }));
    }

    private static Reply failure(RoutingContext ctx, Throwable error) {
        if (error instanceof GodwitException g) {
            int status = statusOf(g.code());
            if (status >= 500) {
                LOG.error("{} {}: {}", ctx.request().method(), ctx.request().path(), g.oneLine(), g);
            }
            return new Reply(status, errorBody(g.code().code(), g.oneLine()));
        }
        LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), error);
        return new Reply(500, errorBody(ErrorCode.INTERNAL.code(), String.valueOf(error.getMessage())));
    }

    static int statusOf(ErrorCode code) {
        return switch (code) {
            case CLUSTER_NOT_FOUND -> 404;
            // a shard's DDL the group cannot take: the sync pauses at it until an operator acts
            case CLUSTER_CONFLICT, SHARD_DDL_CONFLICT, SHARD_DDL_UNSUPPORTED, SHARD_DDL_READD_DROPPED -> 409;
            case CLUSTER_BAD_REQUEST, CLUSTER_NO_FREE_WORKER -> 400;
            case CLUSTER_UNREACHABLE -> 503;
            default -> code.errorClass() == ErrorClass.CONFIG ? 400 : 500;
        };
    }

    private static Map<String, Object> errorBody(int code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error_code", code);
        body.put("error_msg", message);
        return body;
    }

    /** Reads the JSON body as {@code type}; an empty body gives null (for optional bodies). */
    static <T> T body(RoutingContext ctx, Class<T> type) {
        String text = ctx.body().asString();
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return type == KeepaliveRequest.class ? KEEPALIVE.readValue(text) : JSON.readValue(text, type);
        } catch (Exception e) {
            throw new GodwitException(ErrorCode.CLUSTER_BAD_REQUEST, "the request body is not the expected JSON: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** Like {@link #body} for a body the endpoint cannot do without. */
    static <T> T requiredBody(RoutingContext ctx, Class<T> type) {
        T value = body(ctx, type);
        if (value == null) {
            throw new GodwitException(ErrorCode.CLUSTER_BAD_REQUEST, "the request needs a JSON body");
        }
        return value;
    }
}
