package io.godwit.shardmerge;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.shardmerge.ShardDdlDecision.Outcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.godwit.shardmerge.Definitions.A;
import static io.godwit.shardmerge.Definitions.ADD_LEVEL;
import static io.godwit.shardmerge.Definitions.LEVEL;
import static io.godwit.shardmerge.Definitions.B;
import static io.godwit.shardmerge.Definitions.C;
import static io.godwit.shardmerge.Definitions.GROUP;
import static io.godwit.shardmerge.Definitions.TARGET;
import static io.godwit.shardmerge.Definitions.base;
import static io.godwit.shardmerge.Definitions.changed;
import static io.godwit.shardmerge.Definitions.minus;
import static io.godwit.shardmerge.Definitions.minusIndex;
import static io.godwit.shardmerge.Definitions.plus;
import static io.godwit.shardmerge.Definitions.plusIndex;
import static io.godwit.shardmerge.Definitions.withOptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Three shards (two on mysql-01, one on mysql-02) merged into sales.orders, in optimistic mode. */
class OptimisticShardDdlTest {

    private ShardGroupFixture shards;

    @BeforeEach
    void threeShards() {
        shards = ShardGroupFixture.threeShards();
    }

    private static GodwitException thrown(Runnable call) {
        try {
            call.run();
        } catch (GodwitException e) {
            return e;
        }
        throw new AssertionError("expected a GodwitException");
    }

    @Nested
    class AddColumn {
        @Test
        void firstShardRunsItsOwnStatementAndTheOthersNothing() {
            ShardDdlDecision first = shards.addLevel(A);
            assertThat(first.outcome()).isEqualTo(Outcome.EXECUTE);
            assertThat(first.targetStatements()).containsExactly(ADD_LEVEL);
            assertThat(shards.joined().column("level")).contains(LEVEL);

            for (ShardMember later : List.of(B, C)) {
                ShardDdlDecision decision = shards.addLevel(later);
                assertThat(decision.outcome()).isEqualTo(Outcome.ALREADY_ON_TARGET);
                assertThat(decision.targetStatements()).isEmpty();
            }
            assertThat(shards.state().membersBehindJoined()).isEmpty();
        }

        @Test
        void orderOfShardsDoesNotMatter() {
            assertThat(shards.addLevel(C).targetStatements()).containsExactly(ADD_LEVEL);
            assertThat(shards.addLevel(B).targetStatements()).isEmpty();
            assertThat(shards.addLevel(A).targetStatements()).isEmpty();
            assertThat(shards.joined().column("level")).contains(LEVEL);
        }

        @Test
        void othersLackingTheColumnAreBehindUntilTheyAddIt() {
            shards.addLevel(B);
            assertThat(shards.state().membersBehindJoined()).containsExactly(A, C);
        }

        @Test
        void sameColumnWithAnotherTypeIsAConflictNamingBothShards() {
            shards.addLevel(A);
            GodwitException e = thrown(() -> shards.ddl(B, "ALTER TABLE " + TARGET + " ADD COLUMN `level` varchar(10)",
                    d -> plus(d, ShardColumn.nullable("level", "varchar(10)"))));
            assertThat(e.code()).isEqualTo(ErrorCode.SHARD_DDL_CONFLICT);
            assertThat(e.getMessage())
                    .contains("orders-`sales`.`orders`", "mysql-01/shard_0.orders_1", "mysql-01/shard_0.orders_0",
                            "`level` varchar(10)", "`level` int(11)")
                    .doesNotContain("\n");
            assertThat(e.oneLine()).startsWith("[code=18001:shard]");
        }

        @Test
        void sameColumnWiderOnTheSecondShardIsAConflictAsInDm() {
            shards.addLevel(A);
            GodwitException e = thrown(() -> shards.ddl(C, "ALTER TABLE " + TARGET + " ADD COLUMN `level` bigint",
                    d -> plus(d, ShardColumn.nullable("level", "bigint(20)"))));
            assertThat(e.code()).isEqualTo(ErrorCode.SHARD_DDL_CONFLICT);
            assertThat(e.getMessage()).contains("mysql-02/shard_1.orders_0", "`level` bigint(20)");
        }

        @Test
        void sameColumnWithAnotherDefaultIsAConflict() {
            shards.ddl(A, "ALTER TABLE " + TARGET + " ADD COLUMN `age` int DEFAULT 0",
                    d -> plus(d, new ShardColumn("age", "int(11)", null, true, "0")));
            GodwitException e = thrown(() -> shards.ddl(B, "ALTER TABLE " + TARGET + " ADD COLUMN `age` int DEFAULT -1",
                    d -> plus(d, new ShardColumn("age", "int(11)", null, true, "-1"))));
            assertThat(e.code()).isEqualTo(ErrorCode.SHARD_DDL_CONFLICT);
            assertThat(e.getMessage()).contains("DEFAULT -1", "DEFAULT 0");
        }

        @Test
        void conflictLeavesTheGroupAsItWas() {
            shards.addLevel(A);
            String before = ShardGroupStateJson.toJson(shards.state());
            thrown(() -> shards.ddl(B, "ALTER TABLE " + TARGET + " ADD COLUMN `level` text",
                    d -> plus(d, ShardColumn.nullable("level", "text"))));
            assertThat(ShardGroupStateJson.toJson(shards.state())).isEqualTo(before);
        }

        @Test
        void notNullWithoutDefaultIsRefusedWhileOtherShardsLackIt() {
            GodwitException e = thrown(() -> shards.ddl(A, "ALTER TABLE " + TARGET + " ADD COLUMN `code` int NOT NULL",
                    d -> plus(d, ShardColumn.notNull("code", "int(11)", null))));
            assertThat(e.code()).isEqualTo(ErrorCode.SHARD_DDL_UNSUPPORTED);
            assertThat(e.getMessage()).contains("NOT NULL column `code` without a DEFAULT",
                    "mysql-01/shard_0.orders_1", "mysql-02/shard_1.orders_0", "pessimistic", "binlog skip");
            assertThat(shards.joined().column("code")).isEmpty();
        }

        @Test
        void notNullWithDefaultRunsOnce() {
            String add = "ALTER TABLE " + TARGET + " ADD COLUMN `code` int NOT NULL DEFAULT 7";
            ShardColumn code = ShardColumn.notNull("code", "int(11)", "7");
            assertThat(shards.ddl(B, add, d -> plus(d, code)).targetStatements()).containsExactly(add);
            assertThat(shards.ddl(A, add, d -> plus(d, code)).targetStatements()).isEmpty();
            assertThat(shards.joined().column("code")).contains(code);
        }

        @Test
        void sameColumnDifferingOnlyInNullabilityIsMergedNullable() {
            String add = "ALTER TABLE " + TARGET + " ADD COLUMN `code` int NOT NULL DEFAULT 7";
            shards.ddl(A, add, d -> plus(d, ShardColumn.notNull("code", "int(11)", "7")));
            ShardDdlDecision nullable = shards.ddl(B, "ALTER TABLE " + TARGET + " ADD COLUMN `code` int DEFAULT 7",
                    d -> plus(d, new ShardColumn("code", "int(11)", null, true, "7")));
            assertThat(nullable.targetStatements())
                    .containsExactly("ALTER TABLE " + TARGET + " MODIFY COLUMN `code` int(11) NULL DEFAULT 7");
        }

        @Test
        void notNullWithoutDefaultIsFineInAGroupOfOne() {
            ShardGroupFixture alone = new ShardGroupFixture().register(A, base());
            String add = "ALTER TABLE " + TARGET + " ADD COLUMN `code` int NOT NULL";
            assertThat(alone.ddl(A, add, d -> plus(d, ShardColumn.notNull("code", "int(11)", null))).targetStatements())
                    .containsExactly(add);
        }
    }

    @Nested
    class DropColumn {
        private static final String DROP_NAME = "ALTER TABLE " + TARGET + " DROP COLUMN `name`";

        @Test
        void targetKeepsTheColumnUntilTheLastShardDropsIt() {
            ShardDdlDecision first = shards.ddl(A, DROP_NAME, d -> minus(d, "name"));
            assertThat(first.outcome()).isEqualTo(Outcome.DEFERRED);
            assertThat(first.targetStatements()).isEmpty();
            assertThat(first.notes()).anySatisfy(n -> assertThat(n)
                    .contains("`name` stays on the target until", "mysql-01/shard_0.orders_1", "mysql-02/shard_1.orders_0"));
            assertThat(shards.state().member(A).orElseThrow().droppedWhileShared()).containsExactly("name");

            assertThat(shards.ddl(C, DROP_NAME, d -> minus(d, "name")).outcome()).isEqualTo(Outcome.DEFERRED);
            assertThat(shards.joined().column("name")).isPresent();

            ShardDdlDecision last = shards.ddl(B, DROP_NAME, d -> minus(d, "name"));
            assertThat(last.outcome()).isEqualTo(Outcome.EXECUTE);
            assertThat(last.targetStatements()).containsExactly(DROP_NAME);
            assertThat(shards.joined().column("name")).isEmpty();
            assertThat(shards.state().members()).allSatisfy(m -> assertThat(m.droppedWhileShared()).isEmpty());
        }

        @Test
        void notNullColumnWithoutDefaultBecomesNullableOnTheTargetMeanwhile() {
            String dropQty = "ALTER TABLE " + TARGET + " DROP COLUMN `qty`";
            ShardDdlDecision first = shards.ddl(A, dropQty, d -> minus(d, "qty"));
            assertThat(first.outcome()).isEqualTo(Outcome.EXECUTE);
            assertThat(first.targetStatements())
                    .containsExactly("ALTER TABLE " + TARGET + " MODIFY COLUMN `qty` int(11) NULL");
            assertThat(shards.ddl(B, dropQty, d -> minus(d, "qty")).targetStatements()).isEmpty();
            assertThat(shards.ddl(C, dropQty, d -> minus(d, "qty")).targetStatements()).containsExactly(dropQty);
        }

        @Test
        void addingBackAColumnTheTargetStillHoldsFromThisShardIsRefused() {
            shards.ddl(A, DROP_NAME, d -> minus(d, "name"));
            GodwitException e = thrown(() -> shards.ddl(A, "ALTER TABLE " + TARGET + " ADD COLUMN `name` varchar(20)",
                    d -> plus(d, ShardColumn.nullable("name", "varchar(20)"))));
            assertThat(e.code()).isEqualTo(ErrorCode.SHARD_DDL_READD_DROPPED);
            assertThat(e.getMessage()).contains("mysql-01/shard_0.orders_0 adds column `name` back");
        }

        @Test
        void aColumnDroppedEverywhereCanBeAddedAgain() {
            for (ShardMember m : List.of(A, B, C)) {
                shards.ddl(m, DROP_NAME, d -> minus(d, "name"));
            }
            String add = "ALTER TABLE " + TARGET + " ADD COLUMN `name` varchar(40)";
            assertThat(shards.ddl(A, add, d -> plus(d, ShardColumn.nullable("name", "varchar(40)"))).targetStatements())
                    .containsExactly(add);
        }

        @Test
        void dropsInterleavedWithAdds() {
            assertThat(shards.ddl(A, DROP_NAME, d -> minus(d, "name")).targetStatements()).isEmpty();
            assertThat(shards.addLevel(A).targetStatements()).containsExactly(ADD_LEVEL);
            assertThat(shards.addLevel(B).targetStatements()).isEmpty();
            assertThat(shards.ddl(B, DROP_NAME, d -> minus(d, "name")).targetStatements()).isEmpty();
            assertThat(shards.ddl(C, DROP_NAME, d -> minus(d, "name")).targetStatements()).containsExactly(DROP_NAME);
            assertThat(shards.addLevel(C).targetStatements()).isEmpty();
            assertThat(shards.joined().columns()).extracting(ShardColumn::name).containsExactly("id", "qty", "level");
            assertThat(shards.state().membersBehindJoined()).isEmpty();
        }
    }

    @Nested
    class Indexes {
        private static final String ADD_K = "ALTER TABLE " + TARGET + " ADD INDEX `k_qty` (`qty`)";
        private static final String DROP_K = "ALTER TABLE " + TARGET + " DROP INDEX `k_qty`";

        @Test
        void addedOnceAndDroppedWithTheLastShardThatHasIt() {
            assertThat(shards.ddl(A, ADD_K, d -> plusIndex(d, ShardIndex.index("k_qty", "qty"))).targetStatements())
                    .containsExactly(ADD_K);
            ShardDdlDecision second = shards.ddl(B, ADD_K, d -> plusIndex(d, ShardIndex.index("k_qty", "qty")));
            assertThat(second.outcome()).isEqualTo(Outcome.ALREADY_ON_TARGET);

            ShardDdlDecision firstDrop = shards.ddl(B, DROP_K, d -> minusIndex(d, "k_qty"));
            assertThat(firstDrop.outcome()).isEqualTo(Outcome.DEFERRED);
            assertThat(firstDrop.notes()).anySatisfy(n -> assertThat(n).contains("index `k_qty` stays", "orders_0"));
            // C never had it: A's drop is the last one
            assertThat(shards.ddl(A, DROP_K, d -> minusIndex(d, "k_qty")).targetStatements()).containsExactly(DROP_K);
            assertThat(shards.joined().index("k_qty")).isEmpty();
        }

        @Test
        void sameNameOnOtherColumnsIsAConflict() {
            shards.ddl(A, ADD_K, d -> plusIndex(d, ShardIndex.index("k_qty", "qty")));
            GodwitException e = thrown(() -> shards.ddl(C, "ALTER TABLE " + TARGET + " ADD INDEX `k_qty` (`name`)",
                    d -> plusIndex(d, ShardIndex.index("k_qty", "name"))));
            assertThat(e.code()).isEqualTo(ErrorCode.SHARD_DDL_CONFLICT);
            assertThat(e.getMessage()).contains("INDEX `k_qty` (`qty`)", "INDEX `k_qty` (`name`)", "mysql-02/shard_1.orders_0");
        }

        @Test
        void renamingAnIndexIsNotCoordinated() {
            shards.ddl(A, ADD_K, d -> plusIndex(d, ShardIndex.index("k_qty", "qty")));
            GodwitException e = thrown(() -> shards.ddl(A, "ALTER TABLE " + TARGET + " RENAME INDEX `k_qty` TO `k_q`",
                    d -> plusIndex(minusIndex(d, "k_qty"), ShardIndex.index("k_q", "qty"))));
            assertThat(e.code()).isEqualTo(ErrorCode.SHARD_DDL_UNSUPPORTED);
            assertThat(e.getMessage()).contains("renames index `k_qty` to `k_q`");
        }
    }

    @Nested
    class ModifyColumn {
        private static final ShardColumn QTY_BIGINT = ShardColumn.notNull("qty", "bigint(20)", null);
        private static final String QTY_TO_BIGINT = "ALTER TABLE " + TARGET + " MODIFY COLUMN `qty` bigint NOT NULL";

        @Test
        void wideningRunsOnceWhenTheFirstShardWidens() {
            ShardDdlDecision first = shards.ddl(B, QTY_TO_BIGINT, d -> changed(d, QTY_BIGINT));
            assertThat(first.targetStatements()).containsExactly(QTY_TO_BIGINT);
            assertThat(shards.joined().column("qty")).contains(QTY_BIGINT);
            ShardDdlDecision second = shards.ddl(A, QTY_TO_BIGINT, d -> changed(d, QTY_BIGINT));
            assertThat(second.outcome()).isEqualTo(Outcome.ALREADY_ON_TARGET);
            assertThat(second.targetStatements()).isEmpty();
        }

        @Test
        void varcharGrowsToTheLongest() {
            String to50 = "ALTER TABLE " + TARGET + " MODIFY COLUMN `name` varchar(50)";
            String to30 = "ALTER TABLE " + TARGET + " MODIFY COLUMN `name` varchar(30)";
            assertThat(shards.ddl(A, to50, d -> changed(d, ShardColumn.nullable("name", "varchar(50)")))
                    .targetStatements()).containsExactly(to50);
            ShardDdlDecision shorter = shards.ddl(C, to30, d -> changed(d, ShardColumn.nullable("name", "varchar(30)")));
            assertThat(shorter.targetStatements()).isEmpty();
            assertThat(shorter.outcome()).isEqualTo(Outcome.DEFERRED);
            assertThat(shards.joined().column("name").orElseThrow().columnType()).isEqualTo("varchar(50)");
        }

        @Test
        void narrowingWaitsForTheLastShardAndThenNarrowsToTheWidestLeft() {
            String to10 = "ALTER TABLE " + TARGET + " MODIFY COLUMN `name` varchar(10)";
            String to5 = "ALTER TABLE " + TARGET + " MODIFY COLUMN `name` varchar(5)";
            ShardDdlDecision first = shards.ddl(A, to10, d -> changed(d, ShardColumn.nullable("name", "varchar(10)")));
            assertThat(first.outcome()).isEqualTo(Outcome.DEFERRED);
            assertThat(first.notes()).anySatisfy(n -> assertThat(n).contains("`name` stays varchar(20) NULL on the target until every shard"));
            assertThat(shards.ddl(B, to10, d -> changed(d, ShardColumn.nullable("name", "varchar(10)")))
                    .targetStatements()).isEmpty();
            // the last shard narrows further than the others: the target narrows only as far as they all allow
            ShardDdlDecision last = shards.ddl(C, to5, d -> changed(d, ShardColumn.nullable("name", "varchar(5)")));
            assertThat(last.targetStatements())
                    .containsExactly("ALTER TABLE " + TARGET + " MODIFY COLUMN `name` varchar(10) NULL");
        }

        @Test
        void nullableRunsAtOnceNotNullWaitsForAll() {
            String nullable = "ALTER TABLE " + TARGET + " MODIFY COLUMN `qty` int NULL";
            ShardColumn qtyNullable = ShardColumn.nullable("qty", "int(11)");
            assertThat(shards.ddl(A, nullable, d -> changed(d, qtyNullable)).targetStatements()).containsExactly(nullable);
            String notNull = "ALTER TABLE " + TARGET + " MODIFY COLUMN `qty` int NOT NULL";
            ShardColumn qtyNotNull = ShardColumn.notNull("qty", "int(11)", null);
            assertThat(shards.ddl(A, notNull, d -> changed(d, qtyNotNull)).targetStatements()).containsExactly(notNull);
        }

        @Test
        void incompatibleTypeIsAConflictWhileOtherShardsKeepTheOldOne() {
            GodwitException e = thrown(() -> shards.ddl(C, "ALTER TABLE " + TARGET + " MODIFY COLUMN `qty` varchar(10) NOT NULL",
                    d -> changed(d, ShardColumn.notNull("qty", "varchar(10)", null))));
            assertThat(e.code()).isEqualTo(ErrorCode.SHARD_DDL_CONFLICT);
            assertThat(e.getMessage()).contains("column `qty` is", "int(11)", "varchar(10)", "mysql-02/shard_1.orders_0");
        }

        @Test
        void signednessChangeIsAConflict() {
            GodwitException e = thrown(() -> shards.ddl(A, "ALTER TABLE " + TARGET + " MODIFY COLUMN `qty` int unsigned NOT NULL",
                    d -> changed(d, ShardColumn.notNull("qty", "int(10) unsigned", null))));
            assertThat(e.code()).isEqualTo(ErrorCode.SHARD_DDL_CONFLICT);
        }

        @Test
        void changingTheDefaultIsAConflictWhileOtherShardsHaveAnother() {
            shards.ddl(A, "ALTER TABLE " + TARGET + " ALTER COLUMN `qty` SET DEFAULT 1",
                    d -> changed(d, ShardColumn.notNull("qty", "int(11)", "1")));
            GodwitException e = thrown(() -> shards.ddl(B, "ALTER TABLE " + TARGET + " ALTER COLUMN `qty` SET DEFAULT 2",
                    d -> changed(d, ShardColumn.notNull("qty", "int(11)", "2"))));
            assertThat(e.getMessage()).contains("DEFAULT 1", "DEFAULT 2");
        }
    }

    @Nested
    class NotCoordinated {
        @Test
        void renameColumn() {
            GodwitException e = thrown(() -> shards.ddl(A, "ALTER TABLE " + TARGET + " RENAME COLUMN `name` TO `title`",
                    d -> plus(minus(d, "name"), ShardColumn.nullable("title", "varchar(20)"))));
            assertThat(e.code()).isEqualTo(ErrorCode.SHARD_DDL_UNSUPPORTED);
            assertThat(e.getMessage()).contains("renames column `name` to `title`", "shard-mode: pessimistic",
                    "binlog skip", "RENAME COLUMN");
            assertThat(e.workaround()).contains("pessimistic");
        }

        @Test
        void primaryKeyChange() {
            GodwitException e = thrown(() -> shards.ddl(B, "ALTER TABLE " + TARGET + " DROP PRIMARY KEY, ADD PRIMARY KEY (id, qty)",
                    d -> plusIndex(minusIndex(d, "PRIMARY"), ShardIndex.primaryKey("id", "qty"))));
            assertThat(e.code()).isEqualTo(ErrorCode.SHARD_DDL_UNSUPPORTED);
            assertThat(e.getMessage()).contains("changes the primary key");
        }

        @Test
        void tableOptions() {
            ShardGroupFixture withOptions = new ShardGroupFixture()
                    .register(A, withOptions(base(), "ENGINE=InnoDB"))
                    .register(B, withOptions(base(), "ENGINE=InnoDB"));
            GodwitException e = thrown(() -> withOptions.ddl(A, "ALTER TABLE " + TARGET + " COMMENT='x'",
                    d -> withOptions(d, "ENGINE=InnoDB COMMENT='x'")));
            assertThat(e.code()).isEqualTo(ErrorCode.SHARD_DDL_UNSUPPORTED);
            assertThat(e.getMessage()).contains("changes the table options");
        }

        @Test
        void aDdlChangingNothingTrackedRunsNothing() {
            ShardDdlDecision d = shards.ddl(A, "ALTER TABLE " + TARGET + " ALGORITHM=INPLACE, FORCE", def -> def);
            assertThat(d.outcome()).isEqualTo(Outcome.NO_CHANGE);
            assertThat(d.targetStatements()).isEmpty();
        }
    }

    @Nested
    class Idempotency {
        @Test
        void theSameReportAgainGivesTheSameDecisionAndChangesNothing() {
            ShardDdlReport report = shards.report(A, ADD_LEVEL, d -> plus(d, LEVEL));
            ShardDdlDecision first = shards.coordinator.report(report);
            String state = ShardGroupStateJson.toJson(shards.state());

            ShardDdlDecision again = shards.coordinator.report(report);
            assertThat(again.replayed()).isTrue();
            assertThat(again.targetStatements()).isEqualTo(first.targetStatements()).containsExactly(ADD_LEVEL);
            assertThat(again.outcome()).isEqualTo(first.outcome());
            assertThat(ShardGroupStateJson.toJson(shards.state())).isEqualTo(state);
        }

        @Test
        void aReplayedDropStaysDeferredAfterOtherShardsMovedOn() {
            ShardDdlReport dropA = shards.report(A, "ALTER TABLE " + TARGET + " DROP COLUMN `name`", d -> minus(d, "name"));
            shards.coordinator.report(dropA);
            shards.addLevel(B);
            ShardDdlDecision again = shards.coordinator.report(dropA);
            assertThat(again.replayed()).isTrue();
            assertThat(again.outcome()).isEqualTo(Outcome.DEFERRED);
            assertThat(shards.state().member(A).orElseThrow().droppedWhileShared()).containsExactly("name");
        }

        @Test
        void aSecondShardsReportReplayedDoesNotApplyTwice() {
            shards.addLevel(A);
            ShardDdlReport addB = shards.report(B, ADD_LEVEL, d -> plus(d, LEVEL));
            shards.coordinator.report(addB);
            ShardDdlDecision again = shards.coordinator.report(addB);
            assertThat(again.targetStatements()).isEmpty();
            assertThat(again.outcome()).isEqualTo(Outcome.ALREADY_ON_TARGET);
        }

        @Test
        void aReportWhoseChangeTheCoordinatorAlreadyHasRunsNothing() {
            // the same DDL read again, but as a differently built report (another statement text): the member's
            // stored definition is already the "after"
            shards.addLevel(A);
            ShardDdlDecision again = shards.coordinator.report(ShardDdlReport.of(GROUP, A, base(),
                    "ALTER TABLE " + TARGET + " ADD `level` INT", plus(base(), LEVEL)));
            assertThat(again.replayed()).isFalse();
            assertThat(again.targetStatements()).isEmpty();
            assertThat(again.notes()).anySatisfy(n -> assertThat(n).contains("the tracker's is taken"));
        }

        @Test
        void registeringAgainWithTheSameDefinitionChangesNothing() {
            String state = ShardGroupStateJson.toJson(shards.state());
            ShardDdlDecision d = shards.registerDecision(B, base());
            assertThat(d.outcome()).isEqualTo(Outcome.NO_CHANGE);
            assertThat(ShardGroupStateJson.toJson(shards.state())).isEqualTo(state);
        }
    }

    @Nested
    class Membership {
        @Test
        void aLateShardWithAnExtraColumnGetsItAddedOnTheTarget() {
            ShardDdlDecision d = shards.registerDecision(ShardMember.of("mysql-02", "shard_1", "orders_1"),
                    plus(base(), LEVEL));
            assertThat(d.outcome()).isEqualTo(Outcome.EXECUTE);
            assertThat(d.targetStatements()).containsExactly("ALTER TABLE " + TARGET + " ADD COLUMN `level` int(11) NULL");
        }

        @Test
        void aLateShardLackingANotNullColumnMakesItNullable() {
            ShardDdlDecision d = shards.registerDecision(ShardMember.of("mysql-02", "shard_1", "orders_1"),
                    minus(base(), "qty"));
            assertThat(d.targetStatements()).containsExactly("ALTER TABLE " + TARGET + " MODIFY COLUMN `qty` int(11) NULL");
        }

        @Test
        void aLateShardWithAWiderTypeWidensTheTarget() {
            ShardDdlDecision d = shards.registerDecision(ShardMember.of("mysql-02", "shard_1", "orders_1"),
                    changed(base(), ShardColumn.nullable("name", "varchar(64)")));
            assertThat(d.targetStatements())
                    .containsExactly("ALTER TABLE " + TARGET + " MODIFY COLUMN `name` varchar(64) NULL");
        }

        @Test
        void aLateShardThatCannotBeMergedIsRefused() {
            ShardMember late = ShardMember.of("mysql-02", "shard_1", "orders_1");
            GodwitException e = thrown(() -> shards.registerDecision(late,
                    changed(base(), ShardColumn.nullable("name", "datetime"))));
            assertThat(e.code()).isEqualTo(ErrorCode.SHARD_DDL_CONFLICT);
            assertThat(e.getMessage()).contains("mysql-02/shard_1.orders_1 joins", "datetime");
            assertThat(shards.state().member(late)).isEmpty();

            GodwitException pk = thrown(() -> shards.registerDecision(late,
                    plusIndex(minusIndex(base(), "PRIMARY"), ShardIndex.primaryKey("id", "qty"))));
            assertThat(pk.getMessage()).contains("primary key", "(id, qty)");
        }

        @Test
        void anUnregisteredShardReportingJoinsWithItsDefinitionBefore() {
            ShardMember late = ShardMember.of("mysql-02", "shard_1", "orders_9");
            ShardDdlDecision d = shards.coordinator.report(ShardDdlReport.of(GROUP, late, base(), ADD_LEVEL,
                    plus(base(), LEVEL)));
            assertThat(d.targetStatements()).containsExactly(ADD_LEVEL);
            assertThat(d.notes()).anySatisfy(n -> assertThat(n).contains("was not registered"));
            assertThat(shards.state().member(late)).isPresent();
        }

        @Test
        void aDepartedShardKeepsItsColumnsOnTheTarget() {
            String dropName = "ALTER TABLE " + TARGET + " DROP COLUMN `name`";
            shards.ddl(A, dropName, d -> minus(d, "name"));
            shards.coordinator.leave(GROUP, B);
            ShardDdlDecision c = shards.ddl(C, dropName, d -> minus(d, "name"));
            assertThat(c.outcome()).isEqualTo(Outcome.DEFERRED);
            assertThat(c.notes()).anySatisfy(n -> assertThat(n).contains("departed mysql-01/shard_0.orders_1", "by hand"));
            assertThat(shards.joined().column("name")).isPresent();
            assertThat(shards.state().membersBehindJoined()).containsExactly(A, C);
        }

        @Test
        void aDepartedShardDoesNotBlockNotNullAddsOfTheOthers() {
            shards.coordinator.leave(GROUP, C);
            String add = "ALTER TABLE " + TARGET + " ADD COLUMN `code` int NOT NULL";
            shards.coordinator.leave(GROUP, B);
            assertThat(shards.ddl(A, add, d -> plus(d, ShardColumn.notNull("code", "int(11)", null))).targetStatements())
                    .containsExactly(add);
        }

        @Test
        void aShardRecreatedAfterLeavingJoinsAgain() {
            shards.coordinator.leave(GROUP, C);
            ShardDdlDecision d = shards.registerDecision(C, plus(base(), LEVEL));
            assertThat(d.targetStatements()).containsExactly("ALTER TABLE " + TARGET + " ADD COLUMN `level` int(11) NULL");
            assertThat(shards.state().member(C).orElseThrow().departed()).isFalse();
        }
    }

    @Test
    void aDdlOfSeveralStepsRunsEachStepThatChangesTheTarget() {
        String addIndex = "ALTER TABLE " + TARGET + " ADD INDEX `k_level` (`level`)";
        ShardTableDefinition withLevel = plus(base(), LEVEL);
        ShardTableDefinition withIndex = plusIndex(withLevel, ShardIndex.index("k_level", "level"));
        ShardDdlDecision d = shards.coordinator.report(new ShardDdlReport(GROUP, B, base(), List.of(
                new ShardDdlStep(ADD_LEVEL, withLevel), new ShardDdlStep(addIndex, withIndex))));
        assertThat(d.targetStatements()).containsExactly(ADD_LEVEL, addIndex);
        assertThat(shards.joined().index("k_level")).isPresent();
    }

    @Test
    void aConflictInALaterStepLeavesTheEarlierStepsUnapplied() {
        ShardTableDefinition withLevel = plus(base(), LEVEL);
        ShardTableDefinition renamed = plus(minus(withLevel, "name"), ShardColumn.nullable("title", "varchar(20)"));
        assertThatThrownBy(() -> shards.coordinator.report(new ShardDdlReport(GROUP, B, base(), List.of(
                new ShardDdlStep(ADD_LEVEL, withLevel),
                new ShardDdlStep("ALTER TABLE " + TARGET + " CHANGE `name` `title` varchar(20)", renamed)))))
                .isInstanceOf(GodwitException.class);
        assertThat(shards.joined().column("level")).isEmpty();
        assertThat(shards.state().member(B).orElseThrow().definition()).isEqualTo(base());
    }
}
