package io.godwit.worker.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A master that answers keepalives with whatever the test scripted last: a bound source and expected
 * subtasks, or an error status while "down". It records every keepalive body it received.
 */
final class FakeMaster implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final List<JsonNode> keepalives = new CopyOnWriteArrayList<>();
    private volatile long leaseMs = 10_000;
    private volatile Map<String, Object> source;
    private volatile List<Map<String, Object>> subtasks = List.of();
    private volatile int downStatus;
    private volatile CountDownLatch hanging;
    private final AtomicInteger answered = new AtomicInteger();

    FakeMaster() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(MasterClient.KEEPALIVE_PATH, this::answer);
        server.setExecutor(handlers);
        server.start();
    }

    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    FakeMaster lease(long ms) {
        leaseMs = ms;
        return this;
    }

    /** Binds {@code sourceId} to the worker with a source.yaml naming it. */
    FakeMaster bind(String sourceId) {
        return bind(sourceId, "source-id: " + sourceId + "\n");
    }

    FakeMaster bind(String sourceId, String sourceYaml) {
        source = Map.of("source_id", sourceId, "config_yaml", sourceYaml);
        return this;
    }

    /** Expects one subtask with this task.yaml. */
    FakeMaster expect(String task, String sourceId, String stage, String taskYaml) {
        subtasks = List.of(Map.of("task", task, "source", sourceId, "stage", stage, "task_yaml", taskYaml));
        return this;
    }

    /** Expects these subtasks, each given as {task, source, stage}. */
    FakeMaster expect(String[]... taskSourceStage) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String[] s : taskSourceStage) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("task", s[0]);
            m.put("source", s[1]);
            m.put("stage", s[2]);
            m.put("task_yaml", "name: " + s[0] + "\n");
            out.add(m);
        }
        subtasks = out;
        return this;
    }

    /** Answers every keepalive with this HTTP status and the master's error shape; 0 to answer normally. */
    FakeMaster down(int status) {
        downStatus = status;
        return this;
    }

    /** Holds every keepalive without an answer until {@link #release()}, as a master stuck in a long pause. */
    FakeMaster hang() {
        hanging = new CountDownLatch(1);
        return this;
    }

    FakeMaster release() {
        CountDownLatch h = hanging;
        hanging = null;
        if (h != null) {
            h.countDown();
        }
        return this;
    }

    /** How many keepalives got an answer. */
    int answered() {
        return answered.get();
    }

    List<JsonNode> keepalives() {
        return keepalives;
    }

    /** The subtask reports of the last keepalive received. */
    JsonNode lastReports() {
        return keepalives.isEmpty() ? JSON.createArrayNode() : keepalives.get(keepalives.size() - 1).get("subtasks");
    }

    private void answer(HttpExchange exchange) throws IOException {
        keepalives.add(JSON.readTree(exchange.getRequestBody()));
        CountDownLatch h = hanging;
        if (h != null) {
            try {
                h.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int status = downStatus;
        Map<String, Object> body = new LinkedHashMap<>();
        if (status != 0) {
            body.put("error_code", 38005);
            body.put("error_msg", "scripted outage");
        } else {
            status = 200;
            body.put("lease_ms", leaseMs);
            body.put("source", source);
            body.put("subtasks", subtasks);
        }
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("content-type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
        answered.incrementAndGet();
    }

    @Override public void close() {
        release();
        server.stop(0);
        handlers.shutdownNow();
    }
}
