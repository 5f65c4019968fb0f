package io.godwit.master.http;

import static io.godwit.master.TestYaml.sourceYaml;
import static io.godwit.master.http.MasterHttpSurfaceTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.godwit.core.config.PasswordCipher;
import io.godwit.core.error.ErrorCode;
import io.godwit.master.Master;
import io.godwit.master.MasterConfig;
import io.godwit.master.http.MasterClient.Answer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What dmctl's {@code config source|master|worker} reads, over real HTTP: masked, and refused by name. */
class MasterConfigRoutesTest {
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

    private void keepalive(String worker, String address) {
        assertThat(client.post("/internal/v1/workers/keepalive", Map.of("name", worker, "address", address,
                "subtasks", List.of())).status()).isEqualTo(200);
    }

    @Test
    void sourceDetailCarriesItsYamlWithEveryPasswordMasked() {
        String encrypted = PasswordCipher.encryptDm("s3cret-s2", PasswordCipher.DM_BUILT_IN_KEY);
        client.post("/api/v1/sources", Map.of("source_yaml", sourceYaml("s1")));
        client.post("/api/v1/sources", Map.of("source_yaml", sourceYaml("s2").replace("\"s3cret-s2\"", encrypted)));

        Answer plain = client.get("/api/v1/sources/s1");
        Answer ciphered = client.get("/api/v1/sources/s2");

        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.raw()).doesNotContain("s3cret");
        assertThat(plain.body().get("source_yaml").asText()).contains("source-id: s1").contains("host: db-s1.example")
                .contains("password: '******'");
        assertThat(plain.body().get("host").asText()).isEqualTo("db-s1.example");
        assertThat(ciphered.raw()).doesNotContain(encrypted).doesNotContain("s3cret");
        assertThat(ciphered.body().get("source_yaml").asText()).contains("******");
        assertThat(client.get("/api/v1/sources").raw()).as("the list stays short").doesNotContain("source_yaml");
        assertError(client.get("/api/v1/sources/s9"), 404, ErrorCode.CLUSTER_NOT_FOUND, "s9");
    }

    @Test
    void masterConfigIsItsSettingsAsMasterToml() {
        Answer answer = client.get("/api/v1/cluster/masters/m1/config");

        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        assertThat(answer.body().get("name").asText()).isEqualTo("m1");
        assertThat(answer.body().get("config").asText()).isEqualTo("name = \"m1\"\n"
                + "master-addr = \"127.0.0.1:" + master.port() + "\"\n"
                + "advertise-addr = \"127.0.0.1:" + master.port() + "\"\n"
                + "data-dir = \"" + dataDir + "\"\n"
                + "keepalive-ttl = 600\n");
        assertError(client.get("/api/v1/cluster/masters/m9/config"), 404, ErrorCode.CLUSTER_NOT_FOUND, "m9");
    }

    @Test
    void workerConfigIsAskedOfTheWorkerAtItsRegisteredAddress() throws Exception {
        HttpServer worker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        worker.createContext("/api/v1/config", exchange -> {
            byte[] body = "{\"config\": \"name = \\\"w1\\\"\\n\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        worker.start();
        try {
            keepalive("w1", "127.0.0.1:" + worker.getAddress().getPort());

            Answer answer = client.get("/api/v1/cluster/workers/w1/config");

            assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
            assertThat(answer.body().get("name").asText()).isEqualTo("w1");
            assertThat(answer.body().get("config").asText()).isEqualTo("name = \"w1\"\n");
        } finally {
            worker.stop(0);
        }
        assertError(client.get("/api/v1/cluster/workers/w9/config"), 404, ErrorCode.CLUSTER_NOT_FOUND, "w9");
    }

    @Test
    void aWorkerThatDoesNotAnswerIsOneLineUnreachable() {
        keepalive("w2", "127.0.0.1:1"); // nothing listens on port 1

        assertError(client.get("/api/v1/cluster/workers/w2/config"), 503, ErrorCode.CLUSTER_UNREACHABLE, "w2");
    }
}
