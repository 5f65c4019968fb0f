package io.godwit.worker.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.godwit.core.testkit.PrometheusScrape;
import io.godwit.worker.agent.SubtaskReport;
import io.godwit.worker.agent.SubtaskStage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics} on the worker's HTTP endpoint, scraped over real HTTP. */
class WorkerMetricsHttpTest {
    @Test
    void scrapesSubtaskGaugesFromTheWorkersStatus() throws Exception {
        Map<String, Object> entry = Map.of("source_name", "s1",
                "sync_status", Map.of("total_rows_applied", 99, "seconds_behind_master", 2));
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("name", "w1");
        status.put("source", "s1");
        status.put("subtasks", List.of(new SubtaskReport("t1", "s1", SubtaskStage.RUNNING, null, entry)));

        try (WorkerHttpServer server = WorkerHttpServer.start("127.0.0.1", 0, () -> status, () -> null, () -> "")) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/metrics")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/plain"));
            PrometheusScrape scrape = PrometheusScrape.parse(response.body());
            assertThat(scrape.value("godwit_worker_subtask_rows_applied", "task", "t1", "source", "s1")).isEqualTo(99);
            assertThat(scrape.value("godwit_worker_subtask_seconds_behind_master", "task", "t1", "source", "s1"))
                    .isEqualTo(2);
            assertThat(scrape.value("godwit_worker_subtask_stage", "task", "t1", "source", "s1", "stage", "Running"))
                    .isEqualTo(1);
        }
    }
}
