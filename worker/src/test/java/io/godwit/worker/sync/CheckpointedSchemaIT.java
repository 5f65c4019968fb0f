package io.godwit.worker.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.godwit.binlog.schema.SchemaTracker;
import io.godwit.binlog.schema.SourceDialect;
import io.godwit.core.config.DatabaseConfig;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.ColumnInfo;
import io.godwit.core.model.TableId;
import io.godwit.core.testkit.DbEndpoint;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * DM's binlog-schema on the checkpoints in a real target: what is listed is what a resume would start
 * with, and an edit is what the next {@link SyncCheckpoints#recover} hands to the restarted tracker.
 */
class CheckpointedSchemaIT {
    private static final BinlogLocation START = new BinlogLocation("mysql-bin.000003", 4, "");
    private static final BinlogLocation LATER = new BinlogLocation("mysql-bin.000003", 900, "");

    @Test
    void editsReachTheTableInfoTheNextRecoveryRestoresTheTrackerFrom() throws Exception {
        try (SyncHarness h = new SyncHarness(CheckpointedSchemaIT.class, "edit"); HikariDataSource pool = h.pool(2)) {
            TableId t1 = h.id("t1");
            TableId t2 = h.id("t2");
            SchemaTracker atStart = new SchemaTracker(SourceDialect.mariaDb("utf8mb4"));
            atStart.apply(h.db, "CREATE TABLE t1 (id INT PRIMARY KEY)", START);
            atStart.apply(h.db, "CREATE TABLE t2 (id INT PRIMARY KEY)", START);
            SyncStart.createTables(pool, h.meta, h.task);
            SyncStart.recordFirst(pool, h.meta, h.task, "s1", new SyncStart(START, atStart.toJson()));
            CheckpointedSchema schema = new CheckpointedSchema(target(), h.meta, h.task, "s1");

            assertThat(schema.tables()).as("no checkpoint yet: the recorded start").containsExactly(t1, t2);
            assertThatThrownBy(() -> schema.forget(t2)).as("nothing a resume would read yet")
                    .isInstanceOfSatisfying(GodwitException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.CLUSTER_CONFLICT));

            SyncCheckpoints cp = new SyncCheckpoints(h.meta, h.task, "s1");
            inTx(pool, c -> {
                cp.createTables(c);
                cp.recover(c, 2, START);
                cp.writeDmCheckpoint(c, START, "", Map.of()); // as a sync that stopped before its first DDL
            });
            schema.define(t1, "CREATE TABLE whatever (id INT PRIMARY KEY, added VARCHAR(20))");
            assertThat(schema.createTableSql(t1).orElseThrow()).contains("`added`");
            assertThat(restoredColumns(pool, cp, t1)).containsExactly("id", "added");

            // After a DDL the DDL row holds the tracker: edits go there, where recovery reads it first.
            inTx(pool, c -> cp.recordPendingDdl(c, new BatchHeader(1, START, LATER), START,
                    List.of("ALTER TABLE x ADD COLUMN y INT"), atStart.toJson()));
            assertThat(schema.createTableSql(t1).orElseThrow()).doesNotContain("`added`");
            schema.forget(t2);
            assertThat(schema.tables()).containsExactly(t1);
            try (Connection c = pool.getConnection()) {
                assertThat(SchemaTracker.fromJson(cp.recover(c, 2, START).tableInfo()).tables()).containsExactly(t1);
            }
            assertThatThrownBy(() -> schema.forget(t2)).isInstanceOfSatisfying(GodwitException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.CLUSTER_NOT_FOUND));
            assertThatThrownBy(() -> schema.define(t2, "ALTER TABLE t2 ADD COLUMN c INT"))
                    .isInstanceOf(GodwitException.class);
            assertThat(schema.tables()).as("a refused edit changes nothing").containsExactly(t1);
        }
    }

    private interface Work {
        void run(Connection c) throws Exception;
    }

    private static void inTx(HikariDataSource pool, Work work) throws Exception {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            work.run(c);
            c.commit();
        }
    }

    private static List<String> restoredColumns(HikariDataSource pool, SyncCheckpoints cp, TableId table)
            throws Exception {
        try (Connection c = pool.getConnection()) {
            String info = cp.recover(c, 2, START).tableInfo();
            return SchemaTracker.fromJson(info).find(table).orElseThrow().columns().stream().map(ColumnInfo::name)
                    .toList();
        }
    }

    private static DatabaseConfig target() {
        DbEndpoint t = SyncHarness.target();
        return DatabaseConfig.of(t.host(), t.port(), t.user(), t.password());
    }
}
