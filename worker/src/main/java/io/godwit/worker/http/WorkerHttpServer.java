package io.godwit.worker.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.error.RetryKind;
import io.godwit.core.model.BinlogPos;
import io.godwit.core.model.TableId;
import io.godwit.worker.agent.SubtaskBinlogCommands;
import io.godwit.worker.metrics.SubtaskMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The cluster worker's HTTP endpoint, called by the master:
 * <ul>
 *   <li>{@code GET /api/v1/status}: {@code {"name", "source", "subtasks": [...]}} from a plain supplier (the
 *       worker agent's status, which reads only what its loop already holds, so it runs on the event loop);</li>
 *   <li>{@code GET /api/v1/config}: {@code {"config": "<worker.toml>"}}, the settings the worker runs with as
 *       DM's worker.toml keys (dmctl's {@code config worker});</li>
 *   <li>{@code GET /metrics}: per-subtask gauges in the Prometheus text format ({@link SubtaskMetrics}), read
 *       from the same status;</li>
 *   <li>{@code POST /api/v1/subtasks/{task}/{source}/binlog/skip} and {@code .../binlog/replace} with
 *       {@code {"sqls": [...]}}: DM's {@code binlog skip|replace}; both take {@code "binlog_pos":
 *       "mysql-bin.000001:1234"} (dmctl's {@code -b}), and then act only when the sync paused at that DDL;</li>
 *   <li>{@code GET .../binlog-schema}, {@code GET|PUT|DELETE .../binlog-schema/{db}/{table}} (PUT with
 *       {@code {"sql": "CREATE TABLE ..."}}): DM's {@code binlog-schema list|update|delete}.</li>
 * </ul>
 * The subtask commands use JDBC, so they run off the event loop; errors are {@code {"error_code",
 * "error_msg"}} with 404 for an unknown subtask, 409 for one in the wrong stage, 503 for a retryable failure
 * and 400 otherwise.
 */
public final class WorkerHttpServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    private static final String SUBTASK = "/api/v1/subtasks/:task/:source";

    private final Vertx vertx;
    private final HttpServer server;

    private WorkerHttpServer(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    /**
     * Listens on {@code host:port} (port 0: any free port).
     *
     * @param commands the worker agent's subtask commands; null until the agent exists (the agent needs
     *                 this server's port first), and the subtask commands answer 404 until then
     * @param config   the worker's settings as worker.toml text; read at each request, so it may name the
     *                 port this server bound
     */
    public static WorkerHttpServer start(String host, int port, Supplier<Map<String, Object>> status,
                                         Supplier<SubtaskBinlogCommands> commands, Supplier<String> config) {
        Vertx vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create().setBodyLimit(1 << 20));
        router.get("/api/v1/status").handler(ctx -> send(ctx, 200, status.get()));
        router.get("/api/v1/config").handler(ctx -> send(ctx, 200, Map.of("config", config.get())));
        SubtaskMetrics metrics = SubtaskMetrics.ofStatus(status);
        router.get("/metrics").handler(ctx -> ctx.response().putHeader("content-type", SubtaskMetrics.CONTENT_TYPE)
                .end(metrics.scrape()));
        SubtaskRoutes routes = new SubtaskRoutes(commands);
        router.post(SUBTASK + "/binlog/skip").handler(ctx -> answer(ctx, () -> routes.skip(ctx)));
        router.post(SUBTASK + "/binlog/replace").handler(ctx -> answer(ctx, () -> routes.replace(ctx)));
        router.get(SUBTASK + "/binlog-schema").handler(ctx -> answer(ctx, () -> routes.list(ctx)));
        router.get(SUBTASK + "/binlog-schema/:db/:table").handler(ctx -> answer(ctx, () -> routes.show(ctx)));
        router.put(SUBTASK + "/binlog-schema/:db/:table").handler(ctx -> answer(ctx, () -> routes.update(ctx)));
        router.delete(SUBTASK + "/binlog-schema/:db/:table").handler(ctx -> answer(ctx, () -> routes.delete(ctx)));
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

    /** One method per subtask endpoint: parse, call the agent's commands, shape the reply. */
    private record SubtaskRoutes(Supplier<SubtaskBinlogCommands> commands) {

        Map<String, Object> skip(RoutingContext ctx) {
            BinlogPos expectedAt = expectedAt(ctx);
            return resolved(ctx, agent().resolvePausedDdl(task(ctx), source(ctx), expectedAt, List.of()));
        }

        Map<String, Object> replace(RoutingContext ctx) {
            List<String> sqls = new ArrayList<>();
            body(ctx).path("sqls").forEach(sql -> sqls.add(sql.asText()));
            if (sqls.stream().allMatch(String::isBlank)) {
                throw new GodwitException(ErrorCode.CLUSTER_BAD_REQUEST, "the request body needs \"sqls\": [\"...\"]"
                        + " with the statements to run instead of the DDL");
            }
            BinlogPos expectedAt = expectedAt(ctx);
            return resolved(ctx, agent().resolvePausedDdl(task(ctx), source(ctx), expectedAt,
                    sqls.stream().filter(s -> !s.isBlank()).toList()));
        }

        Map<String, Object> list(RoutingContext ctx) {
            List<Map<String, Object>> tables = new ArrayList<>();
            for (TableId t : agent().tables(task(ctx), source(ctx))) {
                tables.add(table(t));
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("total", tables.size());
            out.put("data", tables);
            return out;
        }

        Map<String, Object> show(RoutingContext ctx) {
            TableId t = table(ctx);
            Map<String, Object> out = table(t);
            out.put("schema_create_sql", agent().createTableSql(task(ctx), source(ctx), t));
            return out;
        }

        Map<String, Object> update(RoutingContext ctx) {
            String sql = body(ctx).path("sql").asText("");
            if (sql.isBlank()) {
                throw new GodwitException(ErrorCode.CLUSTER_BAD_REQUEST, "the request body needs \"sql\":"
                        + " \"CREATE TABLE ...\" with the table's definition");
            }
            TableId t = table(ctx);
            agent().define(task(ctx), source(ctx), t, sql);
            return table(t);
        }

        Map<String, Object> delete(RoutingContext ctx) {
            TableId t = table(ctx);
            agent().forget(task(ctx), source(ctx), t);
            return table(t);
        }

        /** The body's {@code binlog_pos}, null when absent (act on whatever DDL the sync paused at). */
        private static BinlogPos expectedAt(RoutingContext ctx) {
            String text = body(ctx).path("binlog_pos").asText("");
            return text.isBlank() ? null : BinlogPos.parse(text);
        }

        private SubtaskBinlogCommands agent() {
            SubtaskBinlogCommands c = commands.get();
            if (c == null) {
                throw new GodwitException(ErrorCode.CLUSTER_NOT_FOUND, "this worker has not joined the master yet:"
                        + " it runs no subtask");
            }
            return c;
        }

        private static Map<String, Object> resolved(RoutingContext ctx, String at) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("task_name", task(ctx));
            out.put("source_name", source(ctx));
            out.put("binlog_pos", at);
            return out;
        }

        private static Map<String, Object> table(TableId t) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("schema_name", t.schema());
            out.put("table_name", t.table());
            return out;
        }

        private static String task(RoutingContext ctx) {
            return ctx.pathParam("task");
        }

        private static String source(RoutingContext ctx) {
            return ctx.pathParam("source");
        }

        private static TableId table(RoutingContext ctx) {
            return TableId.of(ctx.pathParam("db"), ctx.pathParam("table"));
        }

        private static JsonNode body(RoutingContext ctx) {
            try {
                String text = ctx.body().asString();
                return text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
            } catch (Exception e) {
                throw new GodwitException(ErrorCode.CLUSTER_BAD_REQUEST, "the request body is not JSON: "
                        + e.getMessage().lines().findFirst().orElse(""));
            }
        }
    }

    private static void answer(RoutingContext ctx, Callable<Map<String, Object>> call) {
        ctx.vertx().executeBlocking(call, false).onComplete(ar -> {
            if (ar.succeeded()) {
                send(ctx, 200, ar.result());
            } else if (ar.cause() instanceof GodwitException g) {
                Map<String, Object> error = new LinkedHashMap<>();
                error.put("error_code", g.code().code());
                error.put("error_msg", g.oneLine());
                send(ctx, statusOf(g.code()), error);
            } else {
                ctx.fail(ar.cause());
            }
        });
    }

    static int statusOf(ErrorCode code) {
        return switch (code) {
            case CLUSTER_NOT_FOUND -> 404;
            case CLUSTER_CONFLICT -> 409;
            default -> code.retryKind() == RetryKind.RETRYABLE ? 503 : 400;
        };
    }

    private static void send(RoutingContext ctx, int status, Object body) {
        try {
            ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
                    .end(JSON.writeValueAsString(body));
        } catch (Exception e) {
            ctx.fail(e);
        }
    }

    @Override public void close() {
        vertx.close();
    }
}
