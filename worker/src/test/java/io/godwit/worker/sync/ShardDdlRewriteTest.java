package io.godwit.worker.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godwit.binlog.schema.SchemaTracker;
import io.godwit.binlog.schema.SourceDialect;
import io.godwit.core.config.rules.BlockAllowListRule;
import io.godwit.core.config.rules.RouteRule;
import io.godwit.core.db.ServerFlavor;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.event.DdlEvent;
import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.TableId;
import io.godwit.filters.BinlogEventFilter;
import io.godwit.filters.BlockAllowList;
import io.godwit.filters.TableFilterChain;
import io.godwit.filters.TableRouter;
import io.godwit.loader.TargetDialect;
import io.godwit.shardmerge.InMemoryShardDdlCoordinator;
import io.godwit.shardmerge.ShardDdlDecision.Outcome;
import io.godwit.shardmerge.ShardGroupId;
import io.godwit.shardmerge.ShardGroupState;
import io.godwit.shardmerge.ShardMember;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sync's DDL layer with shard coordination, two sources sharing one coordinator: {@code s1} has shards
 * {@code a.t1, a.t2}, {@code s2} has {@code b.t1}, all routed into {@code m.t}. Each source has its own schema tracker,
 * fed the DDL as the binlog reader feeds it, before the rewriter sees the event.
 */
class ShardDdlRewriteTest {
    private static final BinlogLocation AT = new BinlogLocation("mysql-bin.000003", 1200, "");
    private static final ShardGroupId GROUP = ShardGroupId.of("shd", TableId.of("m", "t"));

    private InMemoryShardDdlCoordinator coordinator;
    private Source s1;
    private Source s2;

    /** One source's sync as far as DDL goes: its tracker and its rewriter. */
    private final class Source implements TrackedSchemas {
        final SchemaTracker tracker = new SchemaTracker(SourceDialect.mariaDb("utf8mb4"));
        SchemaTracker before = tracker;
        final TaskDdlRewriter rewriter;

        Source(String id, String schema) {
            TableFilterChain chain = new TableFilterChain(
                    new BlockAllowList(new BlockAllowListRule(List.of(schema), null, null, null), false,
                            BlockAllowList.DEFAULT_META_SCHEMA),
                    new TableRouter(List.of(new RouteRule(schema, "t*", "m", "t", null, null, null),
                            new RouteRule(schema, null, "m", null, null, null, null)), false));
            rewriter = new TaskDdlRewriter(id, chain, new BinlogEventFilter(List.of(), false),
                    new TargetDialect(ServerFlavor.MARIADB, Set.of()))
                    .coordinatedBy(new ShardDdlSync("shd", id, coordinator));
            rewriter.trackedBy(this);
        }

        @Override public SchemaTracker current() { return tracker; }

        @Override public SchemaTracker beforeLastDdl() { return before; }

        /** Reads a DDL as the binlog reader does (the tracker first), then rewrites it. */
        RewrittenDdl ddl(String schema, String sql) {
            before = tracker.copy();
            tracker.apply(schema, sql, AT);
            return rewriter.rewrite(new DdlEvent(AT, 0, schema, sql, new BinlogLocation(AT.file(), 1300, "")), AT);
        }

        /** The sync's start: the tracker as checkpointed, the members registered. */
        void start() throws InterruptedException {
            assertThat(rewriter.syncStarting(null, () -> false, wait -> { })).isTrue();
        }
    }

    @BeforeEach
    void shards() throws InterruptedException {
        coordinator = new InMemoryShardDdlCoordinator();
        s1 = new Source("s1", "a");
        s2 = new Source("s2", "b");
        String table = " (id INT PRIMARY KEY, n INT NOT NULL)";
        s1.tracker.apply("a", "CREATE TABLE t1" + table, AT);
        s1.tracker.apply("a", "CREATE TABLE t2" + table, AT);
        s2.tracker.apply("b", "CREATE TABLE t1" + table, AT);
        s1.start();
        s2.start();
    }

    @Test
    void theFirstShardsAddColumnRunsOnTheMergedTableAndTheOthersRunNothing() {
        RewrittenDdl first = s1.ddl("a", "ALTER TABLE t1 ADD COLUMN c INT");
        assertThat(first.statements()).containsExactly("ALTER TABLE `m`.`t` ADD COLUMN c INT");
        assertThat(first.decisions()).singleElement().satisfies(d -> {
            assertThat(d.outcome()).isEqualTo(Outcome.EXECUTE);
            assertThat(d.version()).isEqualTo(1);
        });
        assertThat(coordinator.isApplied(GROUP, 1)).as("pending until acknowledged").isFalse();
        first.acknowledge();
        assertThat(coordinator.isApplied(GROUP, 1)).isTrue();

        RewrittenDdl second = s2.ddl("b", "ALTER TABLE t1 ADD COLUMN c INT");
        assertThat(second.statements()).isEmpty();
        assertThat(second.decisions()).singleElement()
                .satisfies(d -> assertThat(d.outcome()).isEqualTo(Outcome.ALREADY_ON_TARGET));
        RewrittenDdl third = s1.ddl("a", "ALTER TABLE t2 ADD COLUMN c INT");
        assertThat(third.statements()).isEmpty();
        ShardGroupState state = coordinator.group(GROUP).orElseThrow();
        assertThat(state.membersBehindJoined()).isEmpty();
    }

    @Test
    void aDropColumnWaitsForTheLastShard() {
        for (Source s : List.of(s1, s2)) {
            String schema = s == s1 ? "a" : "b";
            s.ddl(schema, "ALTER TABLE t1 ADD COLUMN c INT").acknowledge();
        }
        s1.ddl("a", "ALTER TABLE t2 ADD COLUMN c INT").acknowledge();

        assertThat(s1.ddl("a", "ALTER TABLE t1 DROP COLUMN c").statements()).isEmpty();
        assertThat(s1.ddl("a", "ALTER TABLE t2 DROP COLUMN c").statements()).isEmpty();
        RewrittenDdl last = s2.ddl("b", "ALTER TABLE t1 DROP COLUMN c");
        assertThat(last.statements()).containsExactly("ALTER TABLE `m`.`t` DROP COLUMN c");
    }

    @Test
    void eachChangeOfAMultiChangeAlterIsReportedWithItsOwnDefinitions() {
        RewrittenDdl both = s1.ddl("a", "ALTER TABLE t1 ADD COLUMN c INT, ADD COLUMN d VARCHAR(10), ADD INDEX ic (c)");
        assertThat(both.statements()).containsExactly("ALTER TABLE `m`.`t` ADD COLUMN c INT",
                "ALTER TABLE `m`.`t` ADD COLUMN d VARCHAR(10)", "ALTER TABLE `m`.`t` ADD INDEX ic (c)");
        assertThat(both.decisions()).as("one report for the member's whole DDL").hasSize(1);
        // a drop and an add in one statement are two single changes, not a rename
        both.acknowledge();
        RewrittenDdl swap = s2.ddl("b", "ALTER TABLE t1 DROP COLUMN n, ADD COLUMN c INT");
        assertThat(swap.statements()).as("n stays for the other shards, c is there")
                .noneMatch(sql -> sql.contains("ADD COLUMN")).noneMatch(sql -> sql.contains("DROP"));
    }

    @Test
    void aConflictingAddColumnFailsNamingTheShardAndChangesNothing() {
        s1.ddl("a", "ALTER TABLE t1 ADD COLUMN c INT").acknowledge();
        ShardGroupState before = coordinator.group(GROUP).orElseThrow();
        assertThatThrownBy(() -> s2.ddl("b", "ALTER TABLE t1 ADD COLUMN c VARCHAR(10)"))
                .isInstanceOfSatisfying(GodwitException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.SHARD_DDL_CONFLICT))
                .hasMessageContaining("s2/b.t1").hasMessageContaining("s1/a.t1");
        assertThat(coordinator.group(GROUP).orElseThrow()).isEqualTo(before);
    }

    @Test
    void aShardCreatedLaterJoinsAndOneDroppedLeavesWhileTheTargetKeepsItsRows() {
        s1.ddl("a", "ALTER TABLE t1 ADD COLUMN c INT").acknowledge();
        RewrittenDdl created = s2.ddl("b", "CREATE TABLE t2 (id INT PRIMARY KEY, n INT NOT NULL, c INT, e INT)");
        assertThat(created.statements()).containsExactly(
                "CREATE TABLE IF NOT EXISTS `m`.`t` (id INT PRIMARY KEY, n INT NOT NULL, c INT, e INT)",
                "ALTER TABLE `m`.`t` ADD COLUMN `e` int(11) NULL");
        assertThat(coordinator.group(GROUP).orElseThrow().member(new ShardMember("s2", TableId.of("b", "t2"))))
                .isPresent();

        RewrittenDdl dropped = s1.ddl("a", "DROP TABLE t2");
        assertThat(dropped.statements()).as("the merged table keeps every shard's rows").isEmpty();
        assertThat(coordinator.group(GROUP).orElseThrow().member(new ShardMember("s1", TableId.of("a", "t2"))))
                .hasValueSatisfying(m -> assertThat(m.departed()).isTrue());
    }

    @Test
    void aDdlReadAgainAfterARestartGetsTheSameDecisionAndMayHaveRun() {
        RewrittenDdl first = s1.ddl("a", "ALTER TABLE t1 ADD COLUMN c INT");
        assertThat(first.mayHaveRun()).isFalse();
        // the sync stopped before its checkpoint: the tracker is back before the DDL, which is read again
        s1.tracker.apply("a", "ALTER TABLE t1 DROP COLUMN c", AT);
        RewrittenDdl again = s1.ddl("a", "ALTER TABLE t1 ADD COLUMN c INT");
        assertThat(again.statements()).isEqualTo(first.statements());
        assertThat(again.mayHaveRun()).isTrue();
        assertThat(again.decisions().get(0).version()).isEqualTo(first.decisions().get(0).version());
    }

    @Test
    void aShardWhoseRowsNeedAnotherShardsPendingChangeWaitsAndStatusSaysForWhat() throws InterruptedException {
        RewrittenDdl owner = s1.ddl("a", "ALTER TABLE t1 ADD COLUMN c INT");
        RewrittenDdl follower = s2.ddl("b", "ALTER TABLE t1 ADD COLUMN c INT");
        assertThat(follower.decisions()).singleElement().satisfies(d -> assertThat(d.awaitVersion()).isEqualTo(1));

        List<SyncStatus.ShardWait> shown = new ArrayList<>();
        assertThat(follower.awaitTurn(() -> true, shown::add)).as("asked to stop while waiting").isFalse();
        assertThat(shown).hasSize(2);
        assertThat(shown.get(0)).isEqualTo(new SyncStatus.ShardWait("shd-`m`.`t`", 1,
                List.of("ALTER TABLE `m`.`t` ADD COLUMN c INT"), List.of("s1/a.t1")));
        assertThat(shown.get(1)).as("no longer waiting").isNull();

        owner.acknowledge();
        assertThat(follower.awaitTurn(() -> true, shown::add)).isTrue();
    }

    @Test
    void tablesThatAreNotMergedAreNotCoordinated() {
        RewrittenDdl other = s1.ddl("a", "CREATE TABLE u (id INT PRIMARY KEY)");
        assertThat(other.decisions()).isEmpty();
        assertThat(other.statements()).containsExactly("CREATE TABLE IF NOT EXISTS `m`.`u` (id INT PRIMARY KEY)");
    }
}
