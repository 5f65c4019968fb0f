package io.godwit.worker.sync;

import static io.godwit.worker.sync.Rows.row;
import static io.godwit.worker.sync.TestTables.col;
import static io.godwit.worker.sync.TestTables.generated;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.godwit.core.config.rules.ExtractRule;
import io.godwit.core.config.rules.RouteRule;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.TableId;
import io.godwit.core.model.TableInfo;
import io.godwit.core.testkit.TestDatabases;
import io.godwit.filters.BlockAllowList;
import io.godwit.filters.TableFilterChain;
import io.godwit.filters.TableRouter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hand-built event streams applied to the real target; the resulting tables are compared with the expected rows. */
class SyncApplyIT {

    @ParameterizedTest(name = "compact={0}, multiple-rows={1}, workers={2}")
    @CsvSource({"true, true, 4", "false, false, 3", "true, false, 1"})
    void appliesChangesIncludingPrimaryKeyUpdatesAndUniqueKeySwaps(boolean compact, boolean multipleRows, int workers)
            throws Exception {
        try (SyncHarness h = new SyncHarness(SyncApplyIT.class, "keys")) {
            TableInfo t = h.table("t", "CREATE TABLE %s (`id` bigint NOT NULL, `v` varchar(20), `u` varchar(20),"
                    + " PRIMARY KEY (`id`), UNIQUE KEY `uk_u` (`u`))", List.of("id"),
                    col("id", "bigint"), col("v", "varchar(20)"), col("u", "varchar(20)"));
            EventScript s = new EventScript();
            BinlogLocation start = s.here();
            for (long id = 1; id <= 10; id++) {
                s.insert(t.id(), row(id, "v" + id, "u" + id));
            }
            s.commit();
            // Primary key changes, including one onto a key another row just left.
            s.update(t.id(), row(1L, "v1", "u1"), row(100L, "v1", "u1"));
            s.delete(t.id(), row(2L, "v2", "u2"));
            s.update(t.id(), row(3L, "v3", "u3"), row(2L, "v3", "u3")).commit();
            // Unique values handed around between rows in one transaction.
            s.update(t.id(), row(4L, "v4", "u4"), row(4L, "v4", "tmp"));
            s.update(t.id(), row(5L, "v5", "u5"), row(5L, "v5", "u4"));
            s.update(t.id(), row(4L, "v4", "tmp"), row(4L, "v4", "u5")).commit();
            // Changes folding within a batch: insert + update + delete, delete + insert.
            s.insert(t.id(), row(50L, "a", null)).update(t.id(), row(50L, "a", null), row(50L, "b", null)).commit();
            s.delete(t.id(), row(50L, "b", null)).commit();
            s.delete(t.id(), row(6L, "v6", "u6")).insert(t.id(), row(6L, "again", "u6")).commit();
            s.update(t.id(), row(7L, "v7", "u7"), row(7L, null, null)).commit();
            SyncOptions o = h.options(workers, 3);
            o = new SyncOptions(o.task(), o.sourceId(), o.metaSchema(), o.workerCount(), o.batch(), compact, multipleRows,
                    false, Duration.ZERO, o.checkpointFlushInterval(), o.maxBufferedTxRows(), o.maxBatchDelay(), o.backoff());
            try (HikariDataSource pool = h.pool(workers + 1)) {
                SyncCoordinator c = h.coordinator(o, pool, new ScriptedSource(s), start, SlotCommitter.COMMIT);
                SyncHarness.runToEnd(c, s.end());
                assertThat(c.status().rowsNotFound()).isZero();
                assertThat(c.status().lastError()).isNull();
            }
            assertThat(SyncHarness.rows("SELECT id, v, u FROM " + t.id().quoted() + " ORDER BY id")).containsExactly(
                    "2|v3|u3", "4|v4|u5", "5|v5|u4", "6|again|u6", "7|NULL|NULL", "8|v8|u8", "9|v9|u9",
                    "10|v10|u10", "100|v1|u1");
            assertThat(SyncHarness.rows("SELECT COUNT(DISTINCT batch_seq), MIN(worker_count) FROM "
                    + TableId.of(h.meta, h.task + "_syncer_slot").quoted())).containsExactly("1|" + workers);
        }
    }

    @Test
    void keylessTablesWithDuplicateRowsChangeOneRowPerChange() throws Exception {
        try (SyncHarness h = new SyncHarness(SyncApplyIT.class, "keyless")) {
            TableInfo k = h.table("k", "CREATE TABLE %s (`a` int, `b` varchar(10), `f` float)", List.of(),
                    col("a", "int"), col("b", "varchar(10)"), col("f", "float"));
            EventScript s = new EventScript();
            BinlogLocation start = s.here();
            s.insert(k.id(), row(1L, "x", 1.1f), row(1L, "x", 1.1f), row(1L, "x", 1.1f), row(2L, null, 0.3f)).commit();
            s.update(k.id(), row(1L, "x", 1.1f), row(1L, "z", 1.1f)).commit();  // one of three
            s.delete(k.id(), row(1L, "x", 1.1f)).commit();                     // one of the two left
            s.update(k.id(), row(2L, null, 0.3f), row(2L, "n", 0.3f)).commit(); // NULL matched with <=>
            s.insert(k.id(), row(3L, "y", null)).delete(k.id(), row(3L, "y", null)).commit();
            try (HikariDataSource pool = h.pool(5)) {
                SyncCoordinator c = h.coordinator(h.options(4, 2), pool, new ScriptedSource(s), start, SlotCommitter.COMMIT);
                SyncHarness.runToEnd(c, s.end());
                assertThat(c.status().rowsNotFound()).as("float values matched exactly").isZero();
            }
            assertThat(SyncHarness.rows("SELECT a, b FROM " + k.id().quoted() + " ORDER BY a, b"))
                    .containsExactly("1|x", "1|z", "2|n");
        }
    }

    @Test
    void routedRowsGetExtractColumnsAndGeneratedColumnsAreNotWritten() throws Exception {
        try (SyncHarness h = new SyncHarness(SyncApplyIT.class, "route")) {
            String merged = TestDatabases.schema(SyncApplyIT.class, "merged");
            SyncHarness.target().execute("CREATE DATABASE " + merged, "CREATE TABLE " + merged + ".orders (id int NOT NULL,"
                    + " amount decimal(10,2), doubled decimal(11,2) AS (amount * 2) STORED, c_table varchar(255) NOT NULL DEFAULT '',"
                    + " PRIMARY KEY (id, c_table))");
            TableInfo[] shards = new TableInfo[2];
            for (int i = 0; i < 2; i++) {
                shards[i] = TestTables.info(h.id("orders_" + (i + 1)), "CREATE TABLE %s (`id` int NOT NULL, `amount` decimal(10,2),"
                        + " `doubled` decimal(11,2) AS (`amount` * 2) STORED, PRIMARY KEY (`id`))", List.of("id"),
                        col("id", "int"), col("amount", "decimal(10,2)"), generated("doubled", "decimal(11,2)"));
                h.tables.put(shards[i]);
            }
            TableFilterChain chain = new TableFilterChain(new BlockAllowList(null, false, h.meta), new TableRouter(List.of(
                    new RouteRule(h.db, "orders_*", merged, "orders", new ExtractRule("orders_(.*)", "c_table"), null, null)),
                    false));
            EventScript s = new EventScript();
            BinlogLocation start = s.here();
            s.insert(shards[0].id(), row(1L, new BigDecimal("10.00"), new BigDecimal("20.00")))
                    .insert(shards[1].id(), row(1L, new BigDecimal("5.50"), new BigDecimal("11.00"))).commit();
            s.update(shards[1].id(), row(1L, new BigDecimal("5.50"), new BigDecimal("11.00")),
                    row(1L, new BigDecimal("6.00"), new BigDecimal("12.00"))).commit();
            s.insert(shards[0].id(), row(2L, new BigDecimal("1.00"), new BigDecimal("2.00"))).commit();
            s.delete(shards[0].id(), row(1L, new BigDecimal("10.00"), new BigDecimal("20.00"))).commit();
            try (HikariDataSource pool = h.pool(3)) {
                SyncCoordinator c = h.coordinator(h.options(2, 10), pool, new ScriptedSource(s), start, SlotCommitter.COMMIT,
                        chain, ddl -> List.of(), () -> "{}");
                SyncHarness.runToEnd(c, s.end());
            }
            assertThat(SyncHarness.rows("SELECT id, amount, doubled, c_table FROM " + merged + ".orders ORDER BY c_table, id"))
                    .containsExactly("2|1.00|2.00|1", "1|6.00|12.00|2");
        }
    }

    @Test
    void everyValueTypeArrivesExactly() throws Exception {
        try (SyncHarness h = new SyncHarness(SyncApplyIT.class, "types")) {
            TableInfo t = h.table("v", "CREATE TABLE %s (`id` bigint unsigned NOT NULL, `d` decimal(30,10), `dbl` double,"
                    + " `fl` float, `dt` date, `ts` datetime(6), `tm` time(6), `bits` bit(10), `bin` varbinary(10), `blb` blob,"
                    + " `js` json, `en` enum('a','b'), `st` set('x','y','z'), `txt` text, PRIMARY KEY (`id`)) DEFAULT CHARSET=utf8mb4", List.of("id"),
                    col("id", "bigint unsigned"), col("d", "decimal(30,10)"), col("dbl", "double"), col("fl", "float"),
                    col("dt", "date"), col("ts", "datetime(6)"), col("tm", "time(6)"), col("bits", "bit(10)"),
                    col("bin", "varbinary(10)"), col("blb", "blob"), col("js", "json"), col("en", "enum('a','b')"),
                    col("st", "set('x','y','z')"), col("txt", "text"));
            Object[] r1 = row(new BigInteger("18446744073709551615"), new BigDecimal("-12345678901234567890.0123456789"),
                    Math.PI, 1.1f, LocalDate.of(2024, 2, 29), LocalDateTime.of(2024, 12, 31, 23, 59, 59, 123_456_000),
                    "-838:59:59.000000", new byte[] {0x02, (byte) 0xFF}, new byte[] {0, 1, 2}, new byte[] {(byte) 0xC3, 0x28},
                    "{\"a\": [1, 2]}", "b", "x,z", "Grüße, 世界 \uD83D\uDE00 'quoted' \\ back");
            Object[] r2 = row(7L, null, null, null, "0000-00-00", "2020-00-00 00:00:00", "12:00:00.500000", null, null,
                    null, null, null, "", null);
            EventScript s = new EventScript();
            BinlogLocation start = s.here();
            s.insert(t.id(), r1, r2).commit();
            Object[] r2b = r2.clone();
            r2b[4] = LocalDate.of(1970, 1, 1);
            s.update(t.id(), r2, r2b).commit();
            try (HikariDataSource pool = h.pool(3)) {
                SyncHarness.runToEnd(h.coordinator(h.options(2, 10), pool, new ScriptedSource(s), start, SlotCommitter.COMMIT),
                        s.end());
            }
            assertThat(SyncHarness.rows("SELECT id, d, dbl, fl, dt, CAST(ts AS CHAR), CAST(tm AS CHAR), HEX(bits), HEX(bin), HEX(blb),"
                    + " js, en, st, txt FROM " + t.id().quoted() + " ORDER BY id")).containsExactly(
                    "7|NULL|NULL|NULL|1970-01-01|2020-00-00 00:00:00.000000|12:00:00.500000|NULL|NULL|NULL|NULL|NULL||NULL",
                    "18446744073709551615|-12345678901234567890.0123456789|3.141592653589793|1.1|2024-02-29"
                            + "|2024-12-31 23:59:59.123456|-838:59:59.000000|2FF|000102|C328|{\"a\": [1, 2]}|b|x,z"
                            + "|Grüße, 世界 \uD83D\uDE00 'quoted' \\ back");
        }
    }

    @Test
    void safeModeReplaysChangesTheTargetAlreadyHas() throws Exception {
        try (SyncHarness h = new SyncHarness(SyncApplyIT.class, "safe")) {
            TableInfo t = h.table("t", "CREATE TABLE %s (`id` int NOT NULL, `v` varchar(10), PRIMARY KEY (`id`))",
                    List.of("id"), col("id", "int"), col("v", "varchar(10)"));
            SyncHarness.target().execute("INSERT INTO " + t.id().quoted() + " VALUES (1, 'old'), (3, 'gone')");
            EventScript s = new EventScript();
            BinlogLocation start = s.here();
            s.insert(t.id(), row(1L, "new")).commit();                            // already there: REPLACE
            s.update(t.id(), row(2L, "x"), row(2L, "y")).commit();                // missing: DELETE + REPLACE adds it
            s.delete(t.id(), row(3L, "gone")).insert(t.id(), row(3L, "back")).commit();
            SyncOptions o = h.options(2, 10);
            o = new SyncOptions(o.task(), o.sourceId(), o.metaSchema(), 2, 10, true, true, false, Duration.ofMinutes(5),
                    o.checkpointFlushInterval(), o.maxBufferedTxRows(), o.maxBatchDelay(), o.backoff());
            try (HikariDataSource pool = h.pool(3)) {
                SyncCoordinator c = h.coordinator(o, pool, new ScriptedSource(s), start, SlotCommitter.COMMIT);
                SyncHarness.runToEnd(c, s.end());
                assertThat(c.status().safeMode()).as("safe-mode-duration after a start without slot checkpoints").isTrue();
            }
            assertThat(SyncHarness.rows("SELECT id, v FROM " + t.id().quoted() + " ORDER BY id"))
                    .containsExactly("1|new", "2|y", "3|back");
        }
    }

    @Test
    void rejectedRowPausesWithPositionAndStatement() throws Exception {
        try (SyncHarness h = new SyncHarness(SyncApplyIT.class, "reject")) {
            TableInfo t = h.table("t", "CREATE TABLE %s (`id` int NOT NULL, `v` varchar(10), PRIMARY KEY (`id`))",
                    List.of("id"), col("id", "int"), col("v", "varchar(10)"));
            SyncHarness.target().execute("INSERT INTO " + t.id().quoted() + " VALUES (2, 'already')");
            EventScript s = new EventScript();
            BinlogLocation start = s.here();
            s.insert(t.id(), row(1L, "ok"), row(3L, "ok")).commit();
            BinlogLocation failingTx = s.here();
            s.insert(t.id(), row(2L, "dup")).commit();
            try (HikariDataSource pool = h.pool(3)) {
                SyncCoordinator c = h.coordinator(h.options(2, 1), pool, new ScriptedSource(s), start, SlotCommitter.COMMIT);
                Throwable f = SyncHarness.runUntil(c, s.end());
                assertThat(f).isInstanceOf(SyncApplyException.class);
                SyncApplyException e = (SyncApplyException) f;
                assertThat(e.code()).isEqualTo(ErrorCode.SYNC_FAILED);
                assertThat(e.position()).isEqualTo(failingTx);
                assertThat(e.statement()).startsWith("INSERT INTO `" + h.db + "`.`t`").contains("values: 2, 'dup'");
                SyncStatus status = c.status();
                assertThat(status.lastError().position()).isEqualTo(failingTx);
                assertThat(status.lastError().statement()).isEqualTo(e.statement());
                assertThat(status.lastError().message()).contains("code=16001", "error 1062");
                assertThat(status.appliedLocation()).as("stopped before the failed transaction").isEqualTo(failingTx);
            }
            assertThat(SyncHarness.rows("SELECT id, v FROM " + t.id().quoted() + " ORDER BY id"))
                    .containsExactly("1|ok", "2|already", "3|ok");
        }
    }
}
