package io.godwit.shardmerge;

import com.sun.net.httpserver.HttpServer;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.godwit.shardmerge.Definitions.A;
import static io.godwit.shardmerge.Definitions.ADD_LEVEL;
import static io.godwit.shardmerge.Definitions.GROUP;
import static io.godwit.shardmerge.Definitions.LEVEL;
import static io.godwit.shardmerge.Definitions.base;
import static io.godwit.shardmerge.Definitions.plus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client against a stand-in master: what it sends, and how answers and failures come back. */
class HttpShardDdlCoordinatorTest {
    private final List<String> paths = new ArrayList<>();
    private HttpServer server;
    private volatile int status = 200;
    private volatile String answer = "{}";

    private String startMaster() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            synchronized (paths) {
                paths.add(exchange.getRequestURI().getPath());
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopMaster() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static String deadAddress() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return "127.0.0.1:" + s.getLocalPort();
        }
    }

    @Test
    void aDecisionComesBackAsTheMasterGaveIt() throws IOException {
        ShardDdlDecision decision = new ShardDdlDecision(GROUP, A, List.of(ADD_LEVEL), ShardDdlDecision.Outcome.EXECUTE,
                List.of(), 1, 0, false);
        answer = ShardDdlWire.toJson(decision);
        String master = startMaster();

        ShardDdlDecision got = new HttpShardDdlCoordinator(() -> master, Duration.ofSeconds(5))
                .report(ShardDdlReport.of(GROUP, A, base(), ADD_LEVEL, plus(base(), LEVEL)));

        assertThat(got).isEqualTo(decision);
        assertThat(paths).containsExactly(ShardDdlWire.REPORT);
    }

    @Test
    void theMastersErrorKeepsItsCodeAndMessage() throws IOException {
        status = 409;
        answer = "{\"error_code\": 18001, \"error_msg\": \"[code=18001:shard] column `level` of mysql-01/a.b is int\"}";
        String master = startMaster();

        assertThatThrownBy(() -> new HttpShardDdlCoordinator(() -> master, Duration.ofSeconds(5))
                .register(GROUP, A, base()))
                .isInstanceOfSatisfying(GodwitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SHARD_DDL_CONFLICT);
                    assertThat(e.getMessage()).startsWith("column `level` of mysql-01/a.b is int")
                            .contains("register", master);
                });
    }

    @Test
    void noAnswerIsUnreachableNamingTheMasterAndTheCallAndMovesToTheNextMaster() throws IOException {
        String dead = deadAddress();
        answer = "{\"state\": null}";
        String alive = startMaster();
        HttpShardDdlCoordinator client = new HttpShardDdlCoordinator(List.of(dead, alive), Duration.ofSeconds(5));

        assertThatThrownBy(() -> client.group(GROUP))
                .isInstanceOfSatisfying(GodwitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CLUSTER_UNREACHABLE);
                    assertThat(e.getMessage()).contains(dead, "group");
                });
        assertThat(client.group(GROUP)).isEmpty();
        assertThat(paths).containsExactly(ShardDdlWire.GROUP);
    }

    @Test
    void anAnswerThatIsNotTheMastersIsUnreachable() throws IOException {
        status = 502;
        answer = "<html>bad gateway</html>";
        String master = startMaster();

        assertThatThrownBy(() -> new HttpShardDdlCoordinator(() -> master, Duration.ofSeconds(5))
                .leave(GROUP, A))
                .isInstanceOfSatisfying(GodwitException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CLUSTER_UNREACHABLE));
    }

    @Test
    void awaitingAMasterThatNeverAnswersEndsInUnreachable() throws IOException {
        String dead = deadAddress();
        assertThatThrownBy(() -> new HttpShardDdlCoordinator(() -> dead, Duration.ofSeconds(1))
                .awaitApplied(GROUP, 1, Duration.ofMillis(300)))
                .isInstanceOfSatisfying(GodwitException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CLUSTER_UNREACHABLE));
    }
}
