package io.godwit.shardmerge;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.godwit.shardmerge.Definitions.A;
import static io.godwit.shardmerge.Definitions.B;
import static io.godwit.shardmerge.Definitions.C;
import static io.godwit.shardmerge.Definitions.GROUP;
import static io.godwit.shardmerge.Definitions.TARGET;
import static io.godwit.shardmerge.Definitions.base;
import static io.godwit.shardmerge.Definitions.minus;
import static io.godwit.shardmerge.Definitions.plus;
import static io.godwit.shardmerge.Definitions.plusIndex;
import static io.godwit.shardmerge.Definitions.withOptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardGroupStateJsonTest {
    /** A group with every kind of state: pending drop, departed member, decisions, options, indexes, defaults. */
    private static ShardGroupFixture busyGroup() {
        ShardTableDefinition start = withOptions(plusIndex(base(), ShardIndex.uniqueIndex("uk_name", "name")),
                "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
        ShardGroupFixture shards = new ShardGroupFixture().register(A, start).register(B, start).register(C, start);
        shards.ddl(A, "ALTER TABLE " + TARGET + " ADD COLUMN `note` varchar(10) CHARACTER SET utf8mb4 DEFAULT 'n/a'",
                d -> plus(d, new ShardColumn("note", "varchar(10)", "utf8mb4", true, "'n/a'")));
        shards.ddl(B, "ALTER TABLE " + TARGET + " DROP COLUMN `qty`", d -> minus(d, "qty"));
        shards.coordinator.leave(GROUP, C);
        return shards;
    }

    @Test
    void stateSurvivesARoundTrip() {
        ShardGroupState state = busyGroup().state();
        String json = ShardGroupStateJson.toJson(state);

        ShardGroupState back = ShardGroupStateJson.fromJson(json);
        assertThat(back).isEqualTo(state);
        assertThat(ShardGroupStateJson.toJson(back)).isEqualTo(json);
        assertThat(json).contains("\"task\":\"orders\"", "\"sourceId\":\"mysql-02\"", "\"departed\":true",
                "\"droppedWhileShared\":[\"qty\"]", "'n/a'");
    }

    @Test
    void aCoordinatorRestoredFromJsonContinuesWhereTheOldOneStopped() {
        ShardGroupFixture shards = busyGroup();
        InMemoryShardDdlCoordinator restored = new InMemoryShardDdlCoordinator(List.of(
                ShardGroupStateJson.fromJson(ShardGroupStateJson.toJson(shards.state()))));
        ShardDdlDecision addOnB = restored.report(ShardDdlReport.of(GROUP, B, shards.upstream(B),
                "ALTER TABLE " + TARGET + " ADD COLUMN `note` varchar(10) CHARACTER SET utf8mb4 DEFAULT 'n/a'",
                plus(shards.upstream(B), new ShardColumn("note", "varchar(10)", "utf8mb4", true, "'n/a'"))));
        assertThat(addOnB.outcome()).isEqualTo(ShardDdlDecision.Outcome.ALREADY_ON_TARGET);

        ShardDdlDecision dropOnA = restored.report(ShardDdlReport.of(GROUP, A, shards.upstream(A),
                "ALTER TABLE " + TARGET + " DROP COLUMN `qty`", minus(shards.upstream(A), "qty")));
        // the departed C still holds qty: the target keeps it
        assertThat(dropOnA.outcome()).isEqualTo(ShardDdlDecision.Outcome.DEFERRED);
    }

    @Test
    void aReplayAfterARestartIsRecognised() {
        ShardGroupFixture shards = new ShardGroupFixture().register(A, base()).register(B, base());
        ShardDdlReport report = shards.report(A, "ALTER TABLE " + TARGET + " ADD COLUMN `level` int",
                d -> plus(d, ShardColumn.nullable("level", "int")));
        ShardDdlDecision first = shards.coordinator.report(report);

        InMemoryShardDdlCoordinator restored = new InMemoryShardDdlCoordinator(List.of(
                ShardGroupStateJson.fromJson(ShardGroupStateJson.toJson(shards.state()))));
        ShardDdlDecision again = restored.report(report);
        assertThat(again.replayed()).isTrue();
        assertThat(again.targetStatements()).isEqualTo(first.targetStatements());
    }

    @Test
    void unreadableStateIsAMetaError() {
        assertThatThrownBy(() -> ShardGroupStateJson.fromJson("{\"group\":{\"task\":\"t\"},\"surprise\":1}"))
                .isInstanceOf(GodwitException.class)
                .satisfies(e -> assertThat(((GodwitException) e).code()).isEqualTo(ErrorCode.META_FAILED));
    }
}
