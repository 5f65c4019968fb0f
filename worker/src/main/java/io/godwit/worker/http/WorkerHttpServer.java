package io.godwit.worker.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The cluster worker's HTTP endpoint: {@code GET /api/v1/status} answers
 * {@code {"name", "source", "subtasks": [...]}} from a plain supplier (the worker agent's status,
 * which reads only what its loop already holds, so it is cheap enough for the event loop).
 */
public final class WorkerHttpServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private final Vertx vertx;
    private final HttpServer server;

    private WorkerHttpServer(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    /** Listens on {@code host:port} (port 0: any free port). */
    public static WorkerHttpServer start(String host, int port, Supplier<Map<String, Object>> status) {
        Vertx vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.get("/api/v1/status").handler(ctx -> send(ctx, status.get()));
        try {
            HttpServer server = vertx.createHttpServer().requestHandler(router).listen(port, host)
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            return new WorkerHttpServer(vertx, server);
        } catch (Exception e) {
            vertx.close();
            throw new GodwitException(ErrorCode.CONFIG_INVALID, "cannot listen on worker-addr " + host + ":" + port
                    + ": " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage())
                    + " (another process has the port? give a free one with --worker-addr, port 0 for any)", e);
        }
    }

    /** The port it listens on (the chosen one when started with port 0). */
    public int port() {
        return server.actualPort();
    }

    private static void send(RoutingContext ctx, Object body) {
        try {
            ctx.response().setStatusCode(200).putHeader("content-type", "application/json")
                    .end(JSON.writeValueAsString(body));
        } catch (Exception e) {
            ctx.fail(e);
        }
    }

    @Override public void close() {
        vertx.close();
    }
}
