package io.godwit.master.cluster;

import static io.godwit.master.cluster.ClusterFixture.sourceYaml;
import static io.godwit.master.cluster.ClusterFixture.taskYaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which worker a subtask command goes to, and the refusals when there is none. */
class WorkerProxyTest {
    @TempDir Path dir;

    private static void assertCode(Runnable call, ErrorCode code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(GodwitException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void forwardsToTheBoundWorkersAddressAndRefusesWhenThereIsNone() throws Exception {
        ClusterFixture c = new ClusterFixture(dir, new ManualClock());
        WorkerProxy proxy = new WorkerProxy(c.tasks, c.members);
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer worker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        worker.createContext("/", exchange -> {
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = "{\"error_code\": 38002, \"error_msg\": \"not paused\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(409, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        worker.start();
        try {
            c.members.keepalive(new KeepaliveRequest("w1", "127.0.0.1:" + worker.getAddress().getPort(), List.of()));
            c.sources.create(sourceYaml("s1"));
            c.tasks.create(taskYaml("t1", "s1"), false);

            WorkerProxy.WorkerReply reply = proxy.send("POST", "t1", "s1", "binlog/replace", "{\"sqls\": [\"x\"]}");
            assertThat(reply.workerName()).isEqualTo("w1");
            assertThat(reply.status()).as("the worker's answer comes back as it is").isEqualTo(409);
            assertThat(reply.body()).contains("not paused");
            assertThat(seen).containsExactly("POST /api/v1/subtasks/t1/s1/binlog/replace {\"sqls\": [\"x\"]}");

            assertCode(() -> proxy.send("GET", "nope", "s1", "binlog-schema", null), ErrorCode.CLUSTER_NOT_FOUND);
            assertCode(() -> proxy.send("GET", "t1", "s9", "binlog-schema", null), ErrorCode.CLUSTER_NOT_FOUND);
            c.clock.advance(Duration.ofMillis(ClusterFixture.LEASE_MS + 1));
            c.state.expireLeases();
            assertCode(() -> proxy.send("GET", "t1", "s1", "binlog-schema", null), ErrorCode.CLUSTER_CONFLICT);
        } finally {
            worker.stop(0);
        }
    }

    @Test
    void reachesAWorkerByNameOnlyWhileItIsAlive() throws Exception {
        ClusterFixture c = new ClusterFixture(dir, new ManualClock());
        WorkerProxy proxy = new WorkerProxy(c.tasks, c.members);
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer worker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        worker.createContext("/", exchange -> {
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath());
            byte[] body = "{\"config\": \"\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        worker.start();
        try {
            c.members.keepalive(new KeepaliveRequest("w1", "127.0.0.1:" + worker.getAddress().getPort(), List.of()));

            WorkerProxy.WorkerReply reply = proxy.get("w1", "/api/v1/config");
            assertThat(reply.workerName()).isEqualTo("w1");
            assertThat(reply.status()).isEqualTo(200);
            assertThat(seen).containsExactly("GET /api/v1/config");

            assertCode(() -> proxy.get("w9", "/api/v1/config"), ErrorCode.CLUSTER_NOT_FOUND);
            c.clock.advance(Duration.ofMillis(ClusterFixture.LEASE_MS + 1));
            c.state.expireLeases();
            assertCode(() -> proxy.get("w1", "/api/v1/config"), ErrorCode.CLUSTER_CONFLICT);
            assertThat(seen).as("an offline worker is not called").hasSize(1);
        } finally {
            worker.stop(0);
        }
    }
}
