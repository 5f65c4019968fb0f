package io.godwit.shardmerge;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.godwit.shardmerge.Definitions.A;
import static io.godwit.shardmerge.Definitions.ADD_LEVEL;
import static io.godwit.shardmerge.Definitions.B;
import static io.godwit.shardmerge.Definitions.GROUP;
import static io.godwit.shardmerge.Definitions.LEVEL;
import static io.godwit.shardmerge.Definitions.base;
import static io.godwit.shardmerge.Definitions.plus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every message of the shard-DDL protocol survives the wire, read as the master and as a worker reads it. */
class ShardDdlWireTest {
    private static <T> T throughRequest(T message) {
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) message.getClass();
        return ShardDdlWire.readRequest(ShardDdlWire.toJson(message), type);
    }

    private static <T> T throughAnswer(T message) {
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) message.getClass();
        return ShardDdlWire.readAnswer(ShardDdlWire.toJson(message), type);
    }

    @Test
    void requestsRoundTrip() {
        ShardDdlWire.RegisterRequest register = new ShardDdlWire.RegisterRequest(GROUP, A,
                new ShardTableDefinition(base().columns(), base().indexes(), "ENGINE=InnoDB"));
        ShardDdlReport report = new ShardDdlReport(GROUP, B, base(), List.of(
                new ShardDdlStep(ADD_LEVEL, plus(base(), LEVEL)),
                new ShardDdlStep("ALTER TABLE `sales`.`orders` ADD COLUMN `note` varchar(10) CHARACTER SET utf8mb4"
                        + " DEFAULT 'n/a'", plus(plus(base(), LEVEL),
                        new ShardColumn("note", "varchar(10)", "utf8mb4", true, "'n/a'")))));
        ShardDdlWire.AcknowledgeRequest acknowledge = new ShardDdlWire.AcknowledgeRequest(GROUP, A, 7);
        ShardDdlWire.LeaveRequest leave = new ShardDdlWire.LeaveRequest(GROUP, B);
        ShardDdlWire.GroupRequest group = new ShardDdlWire.GroupRequest(GROUP);

        assertThat(throughRequest(register)).isEqualTo(register);
        assertThat(throughRequest(report)).isEqualTo(report);
        assertThat(throughRequest(acknowledge)).isEqualTo(acknowledge);
        assertThat(throughRequest(leave)).isEqualTo(leave);
        assertThat(throughRequest(group)).isEqualTo(group);
        assertThat(ShardDdlWire.toJson(leave)).isEqualTo("{\"group\":{\"task\":\"orders\",\"target\":{\"schema\":"
                + "\"sales\",\"table\":\"orders\"}},\"member\":{\"sourceId\":\"mysql-01\",\"table\":{\"schema\":"
                + "\"shard_0\",\"table\":\"orders_1\"}}}");
    }

    @Test
    void decisionsRoundTripWithEveryField() {
        ShardDdlDecision decision = new ShardDdlDecision(GROUP, A, List.of(ADD_LEVEL, "ALTER TABLE x"),
                ShardDdlDecision.Outcome.EXECUTE, List.of("a generated statement replaces the shard's own"), 3, 2, true);
        ShardDdlDecision none = new ShardDdlDecision(GROUP, B, List.of(), ShardDdlDecision.Outcome.DEFERRED,
                List.of(), 0, 0, false);

        assertThat(throughAnswer(decision)).isEqualTo(decision);
        assertThat(throughRequest(decision)).isEqualTo(decision);
        assertThat(throughAnswer(none)).isEqualTo(none);
        assertThat(ShardDdlWire.toJson(decision)).contains("\"awaitVersion\":2", "\"replayed\":true",
                "\"outcome\":\"EXECUTE\"");
    }

    @Test
    void groupStatesRoundTripInTheStoredForm() {
        InMemoryShardDdlCoordinator coordinator = new InMemoryShardDdlCoordinator();
        coordinator.register(GROUP, A, base());
        coordinator.register(GROUP, B, base());
        coordinator.report(ShardDdlReport.of(GROUP, A, base(), ADD_LEVEL, plus(base(), LEVEL)));
        ShardGroupState state = coordinator.group(GROUP).orElseThrow();
        ShardDdlWire.GroupReply reply = new ShardDdlWire.GroupReply(state);

        ShardDdlWire.GroupReply back = throughAnswer(reply);

        assertThat(back).isEqualTo(reply);
        assertThat(back.state().pendingOf(A)).hasSize(1);
        assertThat(ShardDdlWire.toJson(state)).isEqualTo(ShardGroupStateJson.toJson(state));
        assertThat(throughAnswer(new ShardDdlWire.GroupReply(null)).state()).isNull();
        assertThat(ShardDdlWire.toJson(new ShardDdlWire.GroupReply(null))).isEqualTo("{\"state\":null}");
    }

    @Test
    void theMasterRefusesUnknownKeysAndAWorkerSkipsThem() {
        String withExtra = "{\"group\":{\"task\":\"orders\",\"target\":{\"schema\":\"sales\",\"table\":\"orders\"}},"
                + "\"member\":{\"sourceId\":\"mysql-01\",\"table\":{\"schema\":\"s\",\"table\":\"t\"}},"
                + "\"version\":1,\"urgency\":\"high\"}";
        assertThatThrownBy(() -> ShardDdlWire.readRequest(withExtra, ShardDdlWire.AcknowledgeRequest.class))
                .isInstanceOfSatisfying(GodwitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CLUSTER_BAD_REQUEST);
                    assertThat(e.getMessage()).contains("AcknowledgeRequest", "urgency");
                });
        assertThat(ShardDdlWire.readAnswer(withExtra, ShardDdlWire.AcknowledgeRequest.class).version()).isEqualTo(1);
    }

    @Test
    void aRequestWithoutItsGroupOrBodyIsABadRequest() {
        assertThatThrownBy(() -> ShardDdlWire.readRequest("{\"member\":null}", ShardDdlWire.LeaveRequest.class))
                .isInstanceOfSatisfying(GodwitException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CLUSTER_BAD_REQUEST));
        assertThatThrownBy(() -> ShardDdlWire.readRequest(" ", ShardDdlReport.class))
                .isInstanceOfSatisfying(GodwitException.class,
                        e -> assertThat(e.getMessage()).contains("ShardDdlReport"));
        assertThatThrownBy(() -> ShardDdlWire.readAnswer("<html>", ShardDdlDecision.class))
                .isInstanceOf(GodwitException.class);
    }
}
