package io.godwit.worker.http;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.worker.task.TaskApi;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * The standalone process's HTTP API, shaped like DM's OpenAPI:
 * <ul>
 *   <li>{@code GET /api/v1/tasks/{task-name}/status}</li>
 *   <li>{@code POST /api/v1/tasks/{task-name}/resume}: resume the paused sources</li>
 *   <li>{@code POST /api/v1/tasks/{task-name}/sources/{source-name}/binlog/skip}: DM's {@code binlog skip}</li>
 *   <li>{@code POST /api/v1/tasks/{task-name}/sources/{source-name}/binlog/replace} with
 *       {@code {"sqls": ["..."]}}: DM's {@code binlog replace}</li>
 * </ul>
 * A thin adapter: each handler parses, calls {@link TaskApi} off the event loop (it uses JDBC) and
 * writes JSON; an unknown task is a 404 and a refused request a 400, both as
 * {@code {"error_code", "error_msg"}}.
 */
public final class TaskHttpServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Vertx vertx;
    private final HttpServer server;

    private TaskHttpServer(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    /** Listens on {@code host:port} (port 0: any free port). */
    public static TaskHttpServer start(String host, int port, TaskApi api) {
        Vertx vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create().setBodyLimit(1 << 20));
        router.get("/api/v1/tasks/:task/status").handler(ctx -> answer(ctx, () -> api.status(ctx.pathParam("task"))));
        router.post("/api/v1/tasks/:task/resume").handler(ctx -> answer(ctx, () -> api.resume(ctx.pathParam("task"))));
        router.post("/api/v1/tasks/:task/sources/:source/binlog/skip").handler(ctx -> answer(ctx,
                () -> api.skipDdl(ctx.pathParam("task"), ctx.pathParam("source"))));
        router.post("/api/v1/tasks/:task/sources/:source/binlog/replace").handler(ctx -> answer(ctx,
                () -> api.replaceDdl(ctx.pathParam("task"), ctx.pathParam("source"), sqls(ctx))));
        try {
            HttpServer server = vertx.createHttpServer().requestHandler(router).listen(port, host)
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            return new TaskHttpServer(vertx, server);
        } catch (Exception e) {
            vertx.close();
            throw new GodwitException(ErrorCode.CONFIG_INVALID, "cannot listen for the HTTP API on " + host + ":" + port
                    + ": " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage())
                    + " (another process has the port? give a free one with --status-addr, port 0 for any)", e);
        }
    }

    /** The port it listens on (the chosen one when started with port 0). */
    public int port() {
        return server.actualPort();
    }

    private static List<String> sqls(RoutingContext ctx) {
        try {
            Map<String, List<String>> body = JSON.readValue(ctx.body().asString(), new TypeReference<>() {});
            List<String> sqls = body.get("sqls");
            if (sqls == null || sqls.isEmpty()) {
                throw new GodwitException(ErrorCode.CONFIG_INVALID, "the request body needs \"sqls\": [\"...\"]");
            }
            return sqls;
        } catch (GodwitException e) {
            throw e;
        } catch (Exception e) {
            throw new GodwitException(ErrorCode.CONFIG_INVALID, "the request body is not JSON {\"sqls\": [...]}: "
                    + e.getMessage());
        }
    }

    private static void answer(RoutingContext ctx, Callable<Map<String, Object>> call) {
        ctx.vertx().executeBlocking(call).onComplete(ar -> {
            try {
                if (ar.failed()) {
                    if (ar.cause() instanceof GodwitException g) {
                        send(ctx, 400, Map.of("error_code", g.code().code(), "error_msg", g.oneLine()));
                    } else {
                        ctx.fail(ar.cause());
                    }
                } else if (ar.result() == null) {
                    send(ctx, 404, Map.of("error_code", 404, "error_msg", "task " + ctx.pathParam("task") + " not found"));
                } else {
                    send(ctx, 200, ar.result());
                }
            } catch (Exception e) {
                ctx.fail(e);
            }
        });
    }

    private static void send(RoutingContext ctx, int status, Object body) throws Exception {
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
                .end(JSON.writeValueAsString(body));
    }

    @Override public void close() {
        vertx.close();
    }
}
