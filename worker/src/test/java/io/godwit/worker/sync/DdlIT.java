package io.godwit.worker.sync;

import static io.godwit.worker.sync.Rows.row;
import static io.godwit.worker.sync.TestTables.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.event.DdlEvent;
import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.TableId;
import io.godwit.core.model.TableInfo;
import io.godwit.shardmerge.InMemoryShardDdlCoordinator;
import io.godwit.shardmerge.ShardColumn;
import io.godwit.shardmerge.ShardDdlDecision;
import io.godwit.shardmerge.ShardDdlReport;
import io.godwit.shardmerge.ShardGroupId;
import io.godwit.shardmerge.ShardIndex;
import io.godwit.shardmerge.ShardMember;
import io.godwit.shardmerge.ShardTableDefinition;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** DDL batches: executed between DML batches, checkpointed with the tracker's state, re-run after a stop, paused on refusal. */
class DdlIT {

    /** The test's DDL layer: qualifies nothing (scripts use qualified names) and moves the tracker along. */
    private static final class Ddl implements DdlRewriter {
        private final SyncHarness h;
        private final TableInfo afterAlter;
        final AtomicInteger version = new AtomicInteger();

        Ddl(SyncHarness h, TableInfo afterAlter) {
            this.h = h;
            this.afterAlter = afterAlter;
        }

        @Override public List<String> targetStatements(DdlEvent ddl) {
            version.incrementAndGet();
            if (afterAlter != null) {
                h.tables.put(afterAlter);
            }
            return List.of(ddl.sql().split(";\n"));
        }

        String tableInfo() {
            return "{\"version\": " + version.get() + "}";
        }
    }

    /** Row 1, an ALTER of a table the target lacks (so it refuses it), row 2: the script of the refusal tests. */
    private record AlterOfMissingTable(TableInfo t, EventScript s, BinlogLocation start, BinlogLocation beforeDdl,
                                       String sql) {
        static AlterOfMissingTable of(SyncHarness h) throws Exception {
            TableInfo t = h.table("t", "CREATE TABLE %s (`id` int NOT NULL, PRIMARY KEY (`id`))", List.of("id"),
                    col("id", "int"));
            EventScript s = new EventScript();
            BinlogLocation start = s.here();
            s.insert(t.id(), row(1L)).commit();
            BinlogLocation beforeDdl = s.here();
            String sql = "ALTER TABLE " + TableId.of(h.db, "missing").quoted() + " ADD COLUMN `x` int";
            s.ddl(h.db, sql);
            s.insert(t.id(), row(2L)).commit();
            return new AlterOfMissingTable(t, s, start, beforeDdl, sql);
        }
    }

    @Test
    void ddlRunsBetweenBatchesAndIsCheckpointedWithTheTrackerState() throws Exception {
        try (SyncHarness h = new SyncHarness(DdlIT.class, "alter");
             HikariDataSource pool = h.pool(3)) {
            TableInfo t = h.table("t", "CREATE TABLE %s (`id` int NOT NULL, `v` varchar(10), PRIMARY KEY (`id`))",
                    List.of("id"), col("id", "int"), col("v", "varchar(10)"));
            TableInfo wider = TestTables.info(t.id(), "CREATE TABLE %s (`id` int NOT NULL, `v` varchar(10), `w` int,"
                    + " PRIMARY KEY (`id`))", List.of("id"), col("id", "int"), col("v", "varchar(10)"), col("w", "int"));
            EventScript s = new EventScript();
            BinlogLocation start = s.here();
            s.insert(t.id(), row(1L, "a")).commit();
            s.ddl(h.db, "ALTER TABLE " + t.id().quoted() + " ADD COLUMN `w` int");
            s.insert(t.id(), row(2L, "b", 20L)).update(t.id(), row(1L, "a", null), row(1L, "a", 10L)).commit();
            Ddl ddl = new Ddl(h, wider);
            ScriptedSource source = new ScriptedSource(s);
            SyncCoordinator c = h.coordinator(h.options(2, 10), pool, source, start, SlotCommitter.COMMIT,
                    SyncHarness.allTables(h.meta), ddl, ddl::tableInfo);
            SyncHarness.runToEnd(c, s.end());
            assertThat(SyncHarness.rows("SELECT id, v, w FROM " + t.id().quoted() + " ORDER BY id"))
                    .containsExactly("1|a|10", "2|b|20");
            assertThat(SyncHarness.rows("SELECT batch_seq, status, table_info FROM "
                    + TableId.of(h.meta, h.task + "_syncer_ddl").quoted())).containsExactly("2|done|{\"version\": 1}");
            assertThat(SyncHarness.rows("SELECT binlog_name, binlog_pos, table_info, is_global FROM "
                    + TableId.of(h.meta, h.task + "_syncer_checkpoint").quoted() + " WHERE cp_schema = ''"))
                    .containsExactly(s.end().file() + "|" + s.end().position() + "|{\"version\": 1}|1");
            assertThat(SyncHarness.rows("SELECT cp_schema, cp_table, binlog_pos FROM "
                    + TableId.of(h.meta, h.task + "_syncer_checkpoint").quoted() + " WHERE is_global = 0"))
                    .containsExactly(h.db + "|t|" + s.end().position());
            // A restart opens the binlog with the tracker state of the last DDL.
            SyncHarness.runToEnd(h.coordinator(h.options(2, 10), pool, source, start, SlotCommitter.COMMIT,
                    SyncHarness.allTables(h.meta), ddl, ddl::tableInfo), s.end());
            assertThat(source.opened()).last().isEqualTo(s.end());
            assertThat(source.tableInfos()).last().isEqualTo("{\"version\": 1}");
        }
    }

    @Test
    void rejectedDdlPausesWithPositionAndStatementAndIsNotExcusedOnResume() throws Exception {
        try (SyncHarness h = new SyncHarness(DdlIT.class, "reject");
             HikariDataSource pool = h.pool(3)) {
            AlterOfMissingTable script = AlterOfMissingTable.of(h);
            TableInfo t = script.t();
            EventScript s = script.s();
            BinlogLocation start = script.start();
            BinlogLocation beforeDdl = script.beforeDdl();
            String missing = TableId.of(h.db, "missing").quoted();
            String sql = script.sql();
            Ddl ddl = new Ddl(h, null);
            ScriptedSource source = new ScriptedSource(s);
            for (int attempt = 0; attempt < 2; attempt++) {
                SyncCoordinator c = h.coordinator(h.options(2, 10), pool, source, start, SlotCommitter.COMMIT,
                        SyncHarness.allTables(h.meta), ddl, ddl::tableInfo);
                Throwable f = SyncHarness.runUntil(c, s.end());
                assertThat(f).isInstanceOf(SyncApplyException.class);
                SyncApplyException e = (SyncApplyException) f;
                assertThat(e.code()).isEqualTo(ErrorCode.SYNC_DDL_FAILED);
                assertThat(e.position()).isEqualTo(beforeDdl);
                assertThat(e.statement()).isEqualTo(sql);
                assertThat(c.status().lastError().statement()).isEqualTo(sql);
                assertThat(c.status().appliedLocation()).isEqualTo(beforeDdl);
            }
            assertThat(SyncHarness.rows("SELECT status FROM " + TableId.of(h.meta, h.task + "_syncer_ddl").quoted()))
                    .containsExactly("failed");
            SyncHarness.target().execute("CREATE TABLE " + missing + " (id int)");
            SyncHarness.runToEnd(h.coordinator(h.options(2, 10), pool, source, start, SlotCommitter.COMMIT,
                    SyncHarness.allTables(h.meta), ddl, ddl::tableInfo), s.end());
            assertThat(SyncHarness.rows("SELECT id FROM " + t.id().quoted() + " ORDER BY id")).containsExactly("1", "2");
            assertThat(SyncHarness.rows("SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '" + h.db
                    + "' AND TABLE_NAME = 'missing' AND COLUMN_NAME = 'x'")).containsExactly("1");
        }
    }

    @Test
    void ddlInterruptedBeforeItsCheckpointRunsAgainAndAcceptsWhatIsAlreadyDone() throws Exception {
        try (SyncHarness h = new SyncHarness(DdlIT.class, "rerun");
             HikariDataSource pool = h.pool(3)) {
            TableInfo t = h.table("t", "CREATE TABLE %s (`id` int NOT NULL, PRIMARY KEY (`id`))", List.of("id"), col("id", "int"));
            EventScript s = new EventScript();
            BinlogLocation start = s.here();
            s.insert(t.id(), row(1L)).commit();
            BinlogLocation beforeDdl = s.here();
            s.ddl(h.db, "ALTER TABLE " + t.id().quoted() + " ADD COLUMN `a` int;\nALTER TABLE " + t.id().quoted()
                    + " ADD COLUMN `b` int;\nCREATE TABLE " + TableId.of(h.db, "c").quoted() + " (id int)");
            Ddl ddl = new Ddl(h, null);
            ScriptedSource source = new ScriptedSource(s);
            SyncHarness.runToEnd(h.coordinator(h.options(2, 10), pool, source, start, SlotCommitter.COMMIT,
                    SyncHarness.allTables(h.meta), ddl, ddl::tableInfo), s.end());
            // The state a kill leaves while statement 2 of 3 runs: statements ran, checkpoint not completed.
            TableId slots = TableId.of(h.meta, h.task + "_syncer_slot");
            TableId ddlTable = TableId.of(h.meta, h.task + "_syncer_ddl");
            SyncHarness.target().execute(
                    "UPDATE " + slots.quoted() + " SET batch_seq = batch_seq - 1, batch_end_pos = " + beforeDdl.position(),
                    "UPDATE " + ddlTable.quoted() + " SET status = 'pending', statements_done = 1",
                    "DROP TABLE " + TableId.of(h.db, "c").quoted()); // statement 3 had not run yet
            SyncHarness.runToEnd(h.coordinator(h.options(2, 10), pool, source, start, SlotCommitter.COMMIT,
                    SyncHarness.allTables(h.meta), ddl, ddl::tableInfo), s.end());
            assertThat(SyncHarness.rows("SELECT status, statements_done FROM " + ddlTable.quoted())).containsExactly("done|3");
            assertThat(SyncHarness.rows("SELECT DISTINCT batch_seq, batch_end_pos FROM " + slots.quoted()))
                    .containsExactly("2|" + s.end().position());
            assertThat(SyncHarness.rows("SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '" + h.db
                    + "' AND (TABLE_NAME = 't' AND COLUMN_NAME IN ('a', 'b') OR TABLE_NAME = 'c')")).containsExactly("3");
            assertThat(source.opened()).last().isEqualTo(s.end());
            assertThat(ddl.version.get()).as("the DDL event was not read again").isEqualTo(1);
        }
    }

    @Test
    void aShardDdlTheTargetRefusedIsAcknowledgedOnceTheOperatorSkipsIt() throws Exception {
        try (SyncHarness h = new SyncHarness(DdlIT.class, "shard");
             HikariDataSource pool = h.pool(3)) {
            AlterOfMissingTable script = AlterOfMissingTable.of(h);
            // one shard of two reports the DDL: the group has it run on the merged table as version 1
            InMemoryShardDdlCoordinator groups = new InMemoryShardDdlCoordinator();
            ShardGroupId group = ShardGroupId.of(h.task, TableId.of(h.db, "missing"));
            ShardTableDefinition before = ShardTableDefinition.of(
                    List.of(new ShardColumn("id", "int", null, false, null)), List.of(ShardIndex.primaryKey("id")));
            ShardTableDefinition after = ShardTableDefinition.of(List.of(new ShardColumn("id", "int", null, false, null),
                    ShardColumn.nullable("x", "int")), List.of(ShardIndex.primaryKey("id")));
            ShardMember owner = ShardMember.of("s1", "a", "t1");
            groups.register(group, owner, before);
            groups.register(group, ShardMember.of("s2", "b", "t1"), before);
            ShardDdlSync shards = new ShardDdlSync(h.task, "s1", groups);
            DdlRewriter reported = new DdlRewriter() {
                @Override public List<String> targetStatements(DdlEvent ddl) {
                    return rewrite(ddl, null).statements();
                }

                @Override public RewrittenDdl rewrite(DdlEvent ddl, BinlogLocation txStart) {
                    ShardDdlDecision d = groups.report(ShardDdlReport.of(group, owner, before, ddl.sql(), after));
                    return new RewrittenDdl(d.targetStatements(), List.of(d), shards);
                }
            };
            ScriptedSource source = new ScriptedSource(script.s());
            SyncCoordinator c = h.coordinator(h.options(2, 10), pool, source, script.start(), SlotCommitter.COMMIT,
                    SyncHarness.allTables(h.meta), reported, () -> "{}");
            // paused by the refusal, as a task's sync pauses (runUntil would stop it for good)
            assertThat(SyncHarness.runUntilPaused(c)).isInstanceOf(SyncApplyException.class);
            assertThat(c.status().lastError().statement()).isEqualTo(script.sql());
            assertThat(groups.isApplied(group, 1)).as("refused, so not acknowledged").isFalse();

            c.overridePausedDdl(script.beforeDdl(), List.of());
            SyncHarness.runToEnd(c, script.s().end());
            assertThat(SyncHarness.rows("SELECT id FROM " + script.t().id().quoted() + " ORDER BY id")).containsExactly("1", "2");
            assertThat(groups.isApplied(group, 1)).as("the operator's skip settles the group's version").isTrue();
        }
    }
}
