package io.godwit.master.http;

import static io.godwit.master.TestYaml.sourceYaml;
import static io.godwit.master.TestYaml.taskYaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.testkit.PrometheusScrape;
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

/** Source update, status, enable and disable, task get, start and stop, and /metrics, over real HTTP. */
class MasterHttpSurfaceTest {
    @TempDir Path dataDir;
    private Master master;
    private MasterClient client;

    @BeforeEach
    void startMaster() {
        // a lease far longer than any test, so the real clock never expires a worker mid-test
        master = Master.start(new MasterConfig("m1", "127.0.0.1", 0, "", dataDir, Duration.ofMinutes(10)));
        client = new MasterClient(master.port());
    }

    @AfterEach
    void stopMaster() {
        master.close();
    }

    private JsonNode keepalive(String worker, List<Map<String, Object>> subtasks) {
        return client.post("/internal/v1/workers/keepalive",
                Map.of("name", worker, "address", "127.0.0.1:1", "subtasks", subtasks)).body();
    }

    private static String movedSourceYaml(String id) {
        return sourceYaml(id).replace("db-" + id + ".example", "db-" + id + "-new.example");
    }

    @Test
    void sourceUpdateNeedsItsTasksStopped() {
        keepalive("w1", List.of());
        client.post("/api/v1/sources", Map.of("source_yaml", sourceYaml("s1")));
        client.post("/api/v1/tasks", Map.of("task_yaml", taskYaml("t1", "s1")));

        assertError(client.put("/api/v1/sources/s1", Map.of("source_yaml", movedSourceYaml("s1"))), 409,
                ErrorCode.CLUSTER_CONFLICT, "t1");
        assertError(client.put("/api/v1/sources/s1", Map.of("source_yaml", sourceYaml("s2"))), 400,
                ErrorCode.CLUSTER_BAD_REQUEST, "s2");
        assertError(client.put("/api/v1/sources/s9", Map.of("source_yaml", sourceYaml("s9"))), 404,
                ErrorCode.CLUSTER_NOT_FOUND, "s9");

        assertThat(client.post("/api/v1/tasks/t1/stop", "").status()).isEqualTo(200);
        Answer updated = client.put("/api/v1/sources/s1", Map.of("source_yaml", movedSourceYaml("s1")));

        assertThat(updated.status()).as(updated.raw()).isEqualTo(200);
        assertThat(updated.body().get("host").asText()).isEqualTo("db-s1-new.example");
        assertThat(updated.raw()).doesNotContain("s3cret");
        assertThat(keepalive("w1", List.of()).get("source").get("config_yaml").asText())
                .isEqualTo(movedSourceYaml("s1"));
    }

    @Test
    void sourceStatusAndDisableEnable() {
        keepalive("w1", List.of());
        client.post("/api/v1/sources", Map.of("source_yaml", sourceYaml("s1")));
        client.post("/api/v1/tasks", Map.of("task_yaml", taskYaml("t1", "s1")));
        keepalive("w1", List.of(Map.of("task", "t1", "source", "s1", "stage", "Running")));

        JsonNode status = client.get("/api/v1/sources/s1/status").body();

        assertThat(status.get("total").asInt()).isEqualTo(1);
        JsonNode entry = status.get("data").get(0);
        assertThat(entry.get("worker_name").asText()).isEqualTo("w1");
        assertThat(entry.get("worker_alive").asBoolean()).isTrue();
        assertThat(entry.get("subtasks").get(0).get("task_name").asText()).isEqualTo("t1");
        assertThat(entry.get("subtasks").get(0).get("stage").asText()).isEqualTo("Running");
        assertThat(entry.get("subtasks").get(0).get("expected_stage").asText()).isEqualTo("Running");

        assertThat(client.post("/api/v1/sources/s1/disable", "").body().get("enable").asBoolean()).isFalse();
        assertThat(keepalive("w1", List.of()).get("source").isNull()).isTrue();
        JsonNode disabled = client.get("/api/v1/sources/s1/status").body().get("data").get(0);
        assertThat(disabled.get("enable").asBoolean()).isFalse();
        assertThat(disabled.get("worker_name").asText()).isEmpty();
        assertThat(client.get("/api/v1/sources/s1").body().get("enable").asBoolean()).isFalse();

        assertThat(client.post("/api/v1/sources/s1/enable", "").status()).isEqualTo(200);
        assertThat(keepalive("w1", List.of()).get("subtasks").get(0).get("task").asText()).isEqualTo("t1");
        assertError(client.post("/api/v1/sources/s9/disable", ""), 404, ErrorCode.CLUSTER_NOT_FOUND, "s9");
    }

    @Test
    void taskGetMasksThePasswordAndStartStopChangeTheStage() {
        keepalive("w1", List.of());
        client.post("/api/v1/sources", Map.of("source_yaml", sourceYaml("s1")));
        String yaml = taskYaml("t1", "s1").replace("password: \"\"", "password: \"t4rget-pw\"");
        client.post("/api/v1/tasks", Map.of("task_yaml", yaml));

        Answer task = client.get("/api/v1/tasks/t1");

        assertThat(task.status()).isEqualTo(200);
        assertThat(task.raw()).doesNotContain("t4rget-pw");
        assertThat(task.body().get("name").asText()).isEqualTo("t1");
        assertThat(task.body().get("task_mode").asText()).isEqualTo("all");
        assertThat(task.body().get("stage").asText()).isEqualTo("Running");
        assertThat(task.body().get("task_yaml").asText()).contains("******").contains("source-id: s1");

        assertThat(client.post("/api/v1/tasks/t1/stop", Map.of("source_name_list", List.of("s1"))).status())
                .isEqualTo(200);
        assertThat(client.get("/api/v1/tasks/t1").body().get("stage").asText()).isEqualTo("Stopped");
        assertThat(keepalive("w1", List.of()).get("subtasks")).isEmpty();
        assertThat(client.post("/api/v1/tasks/t1/start", "").status()).isEqualTo(200);
        assertThat(keepalive("w1", List.of()).get("subtasks").get(0).get("stage").asText()).isEqualTo("Running");

        assertError(client.get("/api/v1/tasks/nope"), 404, ErrorCode.CLUSTER_NOT_FOUND, "nope");
        assertError(client.post("/api/v1/tasks/t1/start", Map.of("source_name_list", List.of("s7"))), 400,
                ErrorCode.CLUSTER_BAD_REQUEST, "s7");
    }

    @Test
    void metricsAreScrapedInPrometheusFormat() {
        keepalive("w1", List.of());
        keepalive("w2", List.of());
        client.post("/api/v1/sources", Map.of("source_yaml", sourceYaml("s1")));
        client.post("/api/v1/tasks", Map.of("task_yaml", taskYaml("t1", "s1")));

        Answer answer = client.getText("/metrics");

        assertThat(answer.status()).isEqualTo(200);
        PrometheusScrape scrape = PrometheusScrape.parse(answer.raw());
        assertThat(scrape.value("godwit_master_sources")).isEqualTo(1);
        assertThat(scrape.value("godwit_master_tasks")).isEqualTo(1);
        assertThat(scrape.value("godwit_master_workers", "state", "alive")).isEqualTo(2);
        assertThat(scrape.value("godwit_master_workers", "state", "bound")).isEqualTo(1);
        assertThat(scrape.value("godwit_master_workers", "state", "free")).isEqualTo(1);
        assertThat(scrape.value("godwit_master_workers", "state", "offline")).isZero();
        assertThat(scrape.value("godwit_master_keepalives_total")).isEqualTo(2);
    }

    static void assertError(Answer answer, int status, ErrorCode code, String mentioned) {
        assertThat(answer.status()).as(answer.raw()).isEqualTo(status);
        assertThat(answer.body().get("error_code").asInt()).as(answer.raw()).isEqualTo(code.code());
        assertThat(answer.body().get("error_msg").asText()).contains(mentioned).doesNotContain("\n");
    }
}
