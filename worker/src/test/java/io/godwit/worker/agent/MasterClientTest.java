package io.godwit.worker.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The keepalive call's JSON both ways and its errors. */
class MasterClientTest {

    @Test
    void sendsTheReportsAndReadsTheDesiredState() throws Exception {
        try (FakeMaster master = new FakeMaster().lease(4_000).bind("s1")
                .expect(new String[] {"t", "s1", "Paused"})) {
            MasterClient client = new MasterClient(List.of(master.address()), Duration.ofSeconds(2));
            KeepaliveResponse answer = client.keepalive(new KeepaliveRequest("w1", "h:1", List.of(
                    new SubtaskReport("t", "s1", SubtaskStage.RUNNING, null, Map.of("total", 1)))));

            assertThat(answer.leaseMs()).isEqualTo(4_000);
            assertThat(answer.source()).isEqualTo(new KeepaliveResponse.SourceBinding("s1", "source-id: s1\n"));
            assertThat(answer.subtasks()).containsExactly(
                    new KeepaliveResponse.ExpectedSubtask("t", "s1", SubtaskStage.PAUSED, "name: t\n"));
            assertThat(master.keepalives().get(0).toString()).isEqualTo("{\"name\":\"w1\",\"address\":\"h:1\","
                    + "\"subtasks\":[{\"task\":\"t\",\"source\":\"s1\",\"stage\":\"Running\",\"error\":null,"
                    + "\"status\":{\"total\":1}}]}");
        }
    }

    @Test
    void aRefusalCarriesTheMastersCodeAndMessage() throws Exception {
        try (FakeMaster master = new FakeMaster().down(503)) {
            MasterClient client = new MasterClient(List.of(master.address()), Duration.ofSeconds(2));
            assertThatThrownBy(() -> client.keepalive(new KeepaliveRequest("w1", "h:1", List.of())))
                    .isInstanceOfSatisfying(GodwitException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.CLUSTER_UNREACHABLE))
                    .hasMessageContaining("HTTP 503").hasMessageContaining("scripted outage");
        }
    }

    @Test
    void anUnreachableMasterIsClusterUnreachableAndTheNextCallTriesTheNextMaster() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (FakeMaster master = new FakeMaster().bind("s1")) {
            MasterClient client = new MasterClient(List.of("127.0.0.1:" + closedPort, master.address()),
                    Duration.ofSeconds(2));
            assertThatThrownBy(() -> client.keepalive(new KeepaliveRequest("w1", "h:1", List.of())))
                    .isInstanceOfSatisfying(GodwitException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.CLUSTER_UNREACHABLE))
                    .hasMessageContaining("127.0.0.1:" + closedPort);
            assertThat(client.keepalive(new KeepaliveRequest("w1", "h:1", List.of())).source().sourceId())
                    .isEqualTo("s1");
        }
    }

    @Test
    void joinListsMastersSeparatedByCommas() {
        assertThat(MasterClient.parseJoin(" a:1, b:2 ,,c:3")).containsExactly("a:1", "b:2", "c:3");
    }
}
