package io.godwit.worker.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The standalone process's HTTP status, shaped like DM's OpenAPI: {@code GET
 * /api/v1/tasks/{task-name}/status}. A thin adapter: the handler asks a plain function for the
 * report and writes it as JSON; an unknown task is a 404 with DM's error shape.
 */
public final class StatusHttpServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Vertx vertx;
    private final HttpServer server;

    private StatusHttpServer(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    /**
     * Listens on {@code host:port} (port 0: any free port).
     *
     * @param statusOf the report of a task by name, or null when there is no such task
     */
    public static StatusHttpServer start(String host, int port, Function<String, Map<String, Object>> statusOf) {
        Vertx vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.get("/api/v1/tasks/:name/status").handler(ctx -> status(ctx, statusOf));
        try {
            HttpServer server = vertx.createHttpServer().requestHandler(router).listen(port, host)
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            return new StatusHttpServer(vertx, server);
        } catch (Exception e) {
            vertx.close();
            throw new GodwitException(ErrorCode.CONFIG_INVALID, "cannot listen for status on " + host + ":" + port
                    + ": " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
    }

    /** The port it listens on (the chosen one when started with port 0). */
    public int port() {
        return server.actualPort();
    }

    private static void status(RoutingContext ctx, Function<String, Map<String, Object>> statusOf) {
        String name = ctx.pathParam("name");
        // the report asks the sources for their positions: JDBC, so off the event loop
        ctx.vertx().executeBlocking(() -> statusOf.apply(name)).onComplete(ar -> {
            if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
            }
            try {
                Map<String, Object> report = ar.result();
                if (report == null) {
                    ctx.response().setStatusCode(404).putHeader("content-type", "application/json").end(
                            JSON.writeValueAsString(Map.of("error_code", 404, "error_msg", "task " + name + " not found")));
                    return;
                }
                ctx.response().putHeader("content-type", "application/json").end(JSON.writeValueAsString(report));
            } catch (Exception e) {
                ctx.fail(e);
            }
        });
    }

    @Override public void close() {
        vertx.close();
    }
}
