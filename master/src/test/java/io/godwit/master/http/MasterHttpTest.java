package io.godwit.master.http;

import static io.godwit.master.TestYaml.sourceYaml;
import static io.godwit.master.TestYaml.taskYaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.godwit.core.error.ErrorCode;
import io.godwit.master.Master;
import io.godwit.master.MasterConfig;
import io.godwit.master.http.MasterClient.Answer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The master's API through real HTTP on a free port. */
class MasterHttpTest {
    @TempDir Path dataDir;
    private Master master;
    private MasterClient client;

    @BeforeEach
    void startMaster() {
        master = Master.start(config());
        client = new MasterClient(master.port());
    }

    @AfterEach
    void stopMaster() {
        master.close();
    }

    private MasterConfig config() {
        // a lease far longer than any test, so the real clock never expires a worker mid-test
        return new MasterConfig("m1", "127.0.0.1", 0, "", dataDir, Duration.ofMinutes(10));
    }

    private Answer keepalive(String worker, List<Map<String, Object>> subtasks) {
        return client.post("/internal/v1/workers/keepalive",
                Map.of("name", worker, "address", "127.0.0.1:9" + worker.length(), "subtasks", subtasks));
    }

    @Test
    void sourceLifecycleAndBindingThroughKeepalive() {
        assertThat(keepalive("w1", List.of()).body().get("source").isNull()).isTrue();

        Answer created = client.post("/api/v1/sources", Map.of("source_yaml", sourceYaml("s1")));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("source_name").asText()).isEqualTo("s1");
        assertThat(created.raw()).doesNotContain("s3cret");
        Answer listed = client.get("/api/v1/sources");
        assertThat(listed.body().get("total").asInt()).isEqualTo(1);
        assertThat(asMap(listed.body().get("data").get(0))).isEqualTo(Map.of(
                "source_name", "s1", "host", "db-s1.example", "port", 3306, "user", "repl", "enable_gtid", true,
                "enable", true, "worker_name", "w1"));
        assertThat(listed.raw()).doesNotContain("s3cret");
        assertThat(client.get("/api/v1/sources/s1").body().get("worker_name").asText()).isEqualTo("w1");

        JsonNode lease = keepalive("w1", List.of()).body();
        assertThat(lease.get("lease_ms").asLong()).isEqualTo(Duration.ofMinutes(10).toMillis());
        assertThat(lease.get("source").get("source_id").asText()).isEqualTo("s1");
        assertThat(lease.get("source").get("config_yaml").asText()).isEqualTo(sourceYaml("s1"));

        assertThat(client.delete("/api/v1/sources/s1").status()).isEqualTo(204);
        assertThat(client.get("/api/v1/sources").body().get("total").asInt()).isZero();
        assertThat(keepalive("w1", List.of()).body().get("source").isNull()).isTrue();
    }

    @Test
    void removeMetaThatCannotReachTheTargetRefusesTheTask() {
        client.post("/api/v1/sources", Map.of("source_yaml", sourceYaml("s1")));

        Answer refused = client.post("/api/v1/tasks", Map.of("task_yaml", taskYaml("t1", "s1"), "remove_meta", true));

        assertThat(refused.status()).as(refused.body().toString()).isGreaterThanOrEqualTo(400);
        assertThat(refused.body().get("error_msg").asText()).contains("127.0.0.1:4000");
        assertThat(client.get("/api/v1/tasks").body().get("total").asInt()).isZero();
    }

    @Test
    void taskLifecycleWithStatusFromWorkerReports() {
        keepalive("w1", List.of());
        client.post("/api/v1/sources", Map.of("source_yaml", sourceYaml("s1")));
        client.post("/api/v1/sources", Map.of("source_yaml", sourceYaml("s2")));

        Answer created = client.post("/api/v1/tasks", Map.of("task_yaml", taskYaml("t1", "s1", "s2"), "remove_meta", false));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("task_name").asText()).isEqualTo("t1");
        JsonNode tasks = client.get("/api/v1/tasks").body();
        assertThat(tasks.get("total").asInt()).isEqualTo(1);
        assertThat(asMap(tasks.get("data").get(0))).isEqualTo(Map.of(
                "name", "t1", "task_mode", "all", "source_name_list", List.of("s1", "s2"), "stage", "Running"));
        JsonNode lease = keepalive("w1", List.of(Map.of("task", "t1", "source", "s1", "stage", "Running",
                "status", Map.of("unit", "sync", "rows", 7)))).body();
        assertThat(asList(lease.get("subtasks"))).isEqualTo(List.of(Map.of(
                "task", "t1", "source", "s1", "stage", "Running", "task_yaml", taskYaml("t1", "s1", "s2"))));

        JsonNode status = client.get("/api/v1/tasks/t1/status").body();
        assertThat(status.get("total").asInt()).isEqualTo(2);
        assertThat(asList(status.get("data"))).containsExactly(
                mapOf("name", "t1", "source_name", "s1", "worker_name", "w1", "stage", "Running",
                        "expected_stage", "Running", "error", null, "status", Map.of("unit", "sync", "rows", 7)),
                mapOf("name", "t1", "source_name", "s2", "worker_name", "", "stage", "",
                        "expected_stage", "Running", "error", null, "status", Map.of()));

        assertThat(client.post("/api/v1/tasks/t1/pause", Map.of("source_name_list", List.of("s1"))).status())
                .isEqualTo(200);
        assertThat(keepalive("w1", List.of()).body().get("subtasks").get(0).get("stage").asText()).isEqualTo("Paused");
        assertThat(client.get("/api/v1/tasks/t1/status").body().get("data").get(1).get("expected_stage").asText())
                .isEqualTo("Running");
        assertThat(client.post("/api/v1/tasks/t1/resume", "").status()).isEqualTo(200);
        assertThat(keepalive("w1", List.of()).body().get("subtasks").get(0).get("stage").asText()).isEqualTo("Running");

        assertThat(client.delete("/api/v1/tasks/t1").status()).isEqualTo(204);
        assertThat(keepalive("w1", List.of()).body().get("subtasks")).isEmpty();
        assertThat(client.get("/api/v1/tasks/t1/status").status()).isEqualTo(404);
    }

    @Test
    void keepaliveFromNewerWorkerKeepsItsLease() {
        client.post("/api/v1/sources", Map.of("source_yaml", sourceYaml("s1")));
        client.post("/api/v1/tasks", Map.of("task_yaml", taskYaml("t1", "s1")));

        Answer lease = client.post("/internal/v1/workers/keepalive", Map.of("name", "w1", "address", "h:1",
                "version", "9.9", "subtasks", List.of(Map.of("task", "t1", "source", "s1", "stage", "Validating"))));

        assertThat(lease.status()).as(lease.raw()).isEqualTo(200);
        assertThat(lease.body().get("source").get("source_id").asText()).isEqualTo("s1");
        assertThat(client.get("/api/v1/tasks/t1/status").body().get("data").get(0).get("stage").asText()).isEmpty();
    }

    @Test
    void refusalsCarryCodeAndOneLineMessage() {
        client.post("/api/v1/sources", Map.of("source_yaml", sourceYaml("s1")));

        assertError(client.post("/api/v1/sources", Map.of("source_yaml", "source-id: s2\nfrom:\n  hots: x\n")), 400,
                ErrorCode.CONFIG_INVALID, "hots");
        assertError(client.post("/api/v1/sources", Map.of("source_yaml", sourceYaml("s1"))), 409,
                ErrorCode.CLUSTER_CONFLICT, "s1");
        assertError(client.get("/api/v1/sources/nope"), 404, ErrorCode.CLUSTER_NOT_FOUND, "nope");
        assertError(client.post("/api/v1/tasks", Map.of("task_yaml", taskYaml("t1", "s1", "s7"))), 400,
                ErrorCode.CLUSTER_BAD_REQUEST, "s7");
        assertThat(client.post("/api/v1/tasks", Map.of("task_yaml", taskYaml("t1", "s1"))).status()).isEqualTo(201);
        assertError(client.post("/api/v1/tasks", Map.of("task_yaml", taskYaml("t1", "s1"))), 409,
                ErrorCode.CLUSTER_CONFLICT, "t1");
        assertError(client.delete("/api/v1/sources/s1"), 409, ErrorCode.CLUSTER_CONFLICT, "t1");
        assertError(client.get("/api/v1/tasks/nope/status"), 404, ErrorCode.CLUSTER_NOT_FOUND, "nope");
        assertError(client.post("/api/v1/tasks/nope/pause", ""), 404, ErrorCode.CLUSTER_NOT_FOUND, "nope");
        assertError(client.delete("/api/v1/tasks/nope"), 404, ErrorCode.CLUSTER_NOT_FOUND, "nope");
        assertError(client.post("/api/v1/sources/s1/transfer", Map.of("worker_name", "w9")), 400,
                ErrorCode.CLUSTER_BAD_REQUEST, "w9");
        assertError(client.post("/api/v1/tasks", "{\"task_yaml\": "), 400, ErrorCode.CLUSTER_BAD_REQUEST, "JSON");
        assertError(client.post("/api/v1/tasks", Map.of("task_yml", "x")), 400, ErrorCode.CLUSTER_BAD_REQUEST,
                "task_yml");
    }

    @Test
    void transferAndMemberList() {
        keepalive("w1", List.of());
        client.post("/api/v1/sources", Map.of("source_yaml", sourceYaml("s1")));
        keepalive("w2", List.of());

        assertThat(client.post("/api/v1/sources/s1/transfer", Map.of("worker_name", "w2")).status()).isEqualTo(200);

        JsonNode workers = client.get("/api/v1/cluster/workers").body();
        assertThat(workers.get("total").asInt()).isEqualTo(2);
        assertThat(asList(workers.get("data"))).containsExactly(
                Map.of("name", "w1", "addr", "127.0.0.1:92", "bound_stage", "free", "bound_source_name", ""),
                Map.of("name", "w2", "addr", "127.0.0.1:92", "bound_stage", "bound", "bound_source_name", "s1"));
        assertThat(keepalive("w2", List.of()).body().get("source").get("source_id").asText()).isEqualTo("s1");
        JsonNode masters = client.get("/api/v1/cluster/masters").body();
        assertThat(asMap(masters)).isEqualTo(Map.of("total", 1, "data", List.of(
                Map.of("name", "m1", "addr", "127.0.0.1:" + master.port(), "alive", true, "leader", true))));
    }

    @Test
    void stateSurvivesMasterRestart() {
        keepalive("w1", List.of());
        client.post("/api/v1/sources", Map.of("source_yaml", sourceYaml("s1")));
        client.post("/api/v1/tasks", Map.of("task_yaml", taskYaml("t1", "s1")));
        client.post("/api/v1/tasks/t1/pause", "");

        master.close();
        master = Master.start(config());
        client = new MasterClient(master.port());

        assertThat(client.get("/api/v1/sources/s1").body().get("worker_name").asText()).isEqualTo("w1");
        assertThat(client.get("/api/v1/tasks").body().get("data").get(0).get("stage").asText()).isEqualTo("Paused");
        JsonNode lease = keepalive("w1", List.of()).body();
        assertThat(lease.get("source").get("source_id").asText()).isEqualTo("s1");
        assertThat(lease.get("subtasks").get(0).get("stage").asText()).isEqualTo("Paused");
    }

    private static void assertError(Answer answer, int status, ErrorCode code, String mentioned) {
        assertThat(answer.status()).as(answer.raw()).isEqualTo(status);
        assertThat(answer.body().get("error_code").asInt()).as(answer.raw()).isEqualTo(code.code());
        assertThat(answer.body().get("error_msg").asText()).contains(mentioned).doesNotContain("\n");
    }

    private static Map<String, Object> asMap(JsonNode node) {
        return MasterClient.JSON.convertValue(node, new TypeReference<Map<String, Object>>() {});
    }

    private static List<Object> asList(JsonNode node) {
        return MasterClient.JSON.convertValue(node, new TypeReference<List<Object>>() {});
    }

    /** Map.of refuses nulls; the status rows carry "error": null. */
    private static Map<String, Object> mapOf(Object... keyValues) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
