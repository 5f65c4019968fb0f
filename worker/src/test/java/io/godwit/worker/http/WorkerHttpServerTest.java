package io.godwit.worker.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.godwit.core.error.ErrorCode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The worker's own settings and the checks made before a subtask command reaches the agent. */
class WorkerHttpServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private WorkerHttpServer server;

    @BeforeEach
    void start() {
        server = WorkerHttpServer.start("127.0.0.1", 0, () -> Map.of("name", "w1"), () -> null,
                () -> "name = \"w1\"\nworker-addr = \"127.0.0.1:" + server.port() + "\"\n");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    @Test
    void servesItsSettingsAsReadAtTheRequest() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/config")).GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("config").asText())
                .isEqualTo("name = \"w1\"\nworker-addr = \"127.0.0.1:" + server.port() + "\"\n");
    }

    @Test
    void aMalformedBinlogPosIsABadRequestBeforeAnySubtaskIsLookedUp() throws Exception {
        for (String command : new String[] {"skip", "replace"}) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/subtasks/t1/s1/binlog/" + command))
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"binlog_pos\": \"mysql-bin.000001\", \"sqls\": [\"DROP TABLE `d`.`t`\"]}")));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            JsonNode error = JSON.readTree(response.body());
            assertThat(error.get("error_code").asInt()).isEqualTo(ErrorCode.CLUSTER_BAD_REQUEST.code());
            assertThat(error.get("error_msg").asText()).contains("\"mysql-bin.000001\" is not file:pos")
                    .doesNotContain("\n");
        }
    }
}
