package io.godwit.worker.full;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godwit.core.config.ConfigLoader;
import io.godwit.core.config.SourceConfig;
import io.godwit.core.config.TaskConfig;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.testkit.DbEndpoint;
import io.godwit.core.testkit.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A full load creates the target tables it makes without their plain secondary indexes and builds
 * them after each table's last chunk: in the end the target's indexes equal the source's, the record
 * in {@code <task>_loader_index} is gone, a rerun builds what an earlier run left, and a table the
 * user created is never given an index.
 */
class DeferredIndexLoadIT {
    private static final String SB_DDL = " (id INT NOT NULL AUTO_INCREMENT, k INT NOT NULL DEFAULT 0,"
            + " c CHAR(120) NOT NULL DEFAULT '', pad CHAR(60) NOT NULL DEFAULT '', PRIMARY KEY (id),"
            + " UNIQUE KEY `u_pad` (pad, id), KEY k_1 (k), KEY `c, (k)` (c(10), k DESC) USING BTREE COMMENT 'x, (y)')";
    private static DbEndpoint source;
    private static DbEndpoint target;

    @BeforeAll
    static void start() {
        TestDatabases.startAll();
        source = TestDatabases.source1();
        target = TestDatabases.target();
    }

    @Test
    void indexesAreBuiltAfterTheRowsAndEqualTheSource() throws Exception {
        String db = TestDatabases.schema(DeferredIndexLoadIT.class, "built");
        String meta = db + "_meta";
        sbtest(db, "sb", 20_000);
        source.execute("CREATE TABLE `" + db + "`.pre (id INT PRIMARY KEY, k INT, KEY k (k))",
                "INSERT INTO `" + db + "`.pre SELECT seq, seq FROM `" + db + "`.seq_1_to_100");
        target.execute("CREATE DATABASE `" + db + "`", "CREATE TABLE `" + db + "`.pre (id INT PRIMARY KEY, k INT)");
        // A target user that may load but not ALTER: the first run loads every row, then its index build fails.
        String user = "idx_no_alter";
        for (String host : List.of("localhost", "127.0.0.1", "::1", "%")) {
            target.execute("CREATE USER IF NOT EXISTS '" + user + "'@'" + host + "' IDENTIFIED BY 'pw'",
                    "GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, DROP ON *.* TO '" + user + "'@'" + host + "'");
        }

        assertThatThrownBy(() -> migration(task("built", db, meta, user, "pw", 2_000, 2)).run())
                .isInstanceOfSatisfying(GodwitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TARGET_PRIVILEGE))
                .hasMessageContaining("`" + db + "`.`sb`").hasMessageContaining("ALTER TABLE `" + db + "`.`sb` ADD KEY `k_1` (`k`)");
        assertThat(count(target, "SELECT COUNT(*) FROM `" + db + "`.sb")).as("every row loaded").isEqualTo(20_000);
        assertThat(indexes(target, db, "sb")).as("the secondary indexes wait for the rows")
                .allMatch(i -> i.startsWith("PRIMARY|") || i.startsWith("u_pad|"));
        assertThat(recorded(meta, "built")).containsExactly(db + ".sb");

        migration(task("built", db, meta, target.user(), target.password(), 2_000, 2)).run();
        assertThat(indexes(target, db, "sb")).isEqualTo(indexes(source, db, "sb")).hasSize(6);
        assertThat(recorded(meta, "built")).isEmpty();
        assertThat(count(target, "SELECT COUNT(*) FROM `" + db + "`.sb")).isEqualTo(20_000);
        assertThat(indexes(target, db, "pre")).as("a user's table gets no index from us").containsExactly("PRIMARY|1|id|0|NULL|A|");
        assertThat(count(target, "SELECT COUNT(*) FROM `" + db + "`.pre")).isEqualTo(100);
    }

    @Test
    void anAbortedLoadBuildsTheIndexesOnceOnTheRerun() throws Exception {
        String db = TestDatabases.schema(DeferredIndexLoadIT.class, "resume");
        String meta = db + "_meta";
        int rows = 200_000;
        sbtest(db, "sb", rows);
        TaskConfig task = task("resume", db, meta, target.user(), target.password(), 2_000, 1);
        String checkpoints = "`" + meta + "`.`resume_loader_checkpoint`";

        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread first = new Thread(() -> {
            try {
                migration(task).run();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "deferred-index-first-run");
        long altersBefore = altersRun();
        first.start();
        long finishedAtAbort = awaitSomeFinishedChunks(checkpoints, 3, first);
        first.interrupt();
        first.join(Duration.ofMinutes(1).toMillis());
        assertThat(first.isAlive()).isFalse();
        assertThat(failure.get()).isInstanceOfSatisfying(GodwitException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERRUPTED));
        long planned = count(target, "SELECT COUNT(*) FROM " + checkpoints);
        long finishedAfterAbort = count(target, "SELECT COUNT(*) FROM " + checkpoints + " WHERE status = 'finished'");
        assertThat(finishedAfterAbort).as("aborted midway (%d finished when interrupted)", finishedAtAbort).isLessThan(planned);
        assertThat(indexes(target, db, "sb")).noneMatch(i -> i.startsWith("k_1|"));
        assertThat(recorded(meta, "resume")).containsExactly(db + ".sb");
        assertThat(altersRun()).isEqualTo(altersBefore);

        migration(task).run();
        assertThat(altersRun()).as("one ALTER TABLE, on the rerun").isEqualTo(altersBefore + 1);
        assertThat(count(target, "SELECT COUNT(*) FROM `" + db + "`.sb")).isEqualTo(rows);
        assertThat(count(target, "SELECT COUNT(*) FROM " + checkpoints + " WHERE status = 'finished'")).isEqualTo(planned);
        assertThat(indexes(target, db, "sb")).isEqualTo(indexes(source, db, "sb"));
        assertThat(recorded(meta, "resume")).isEmpty();

        migration(task).run(); // all loaded and built: nothing more to do
        assertThat(altersRun()).isEqualTo(altersBefore + 1);
    }

    private static void sbtest(String db, String table, int rows) {
        source.execute("CREATE DATABASE `" + db + "`", "CREATE TABLE `" + db + "`.`" + table + "`" + SB_DDL,
                "INSERT INTO `" + db + "`.`" + table + "` (id, k, c, pad) SELECT seq, seq % 997,"
                        + " CONCAT('c-', seq % 313, '-', seq), CONCAT('pad-', seq % 7) FROM `" + db + "`.seq_1_to_" + rows);
    }

    private static TaskConfig task(String name, String db, String meta, String user, String password, int rowsPerChunk,
                                   int threads) throws Exception {
        Path dir = Files.createTempDirectory("godwit-deferred-index");
        Path file = dir.resolve("task.yaml");
        Files.writeString(file, "name: \"" + name + "\"\n"
                + "task-mode: full\n"
                + "meta-schema: \"" + meta + "\"\n"
                + "target-database:\n"
                + "  host: " + target.host() + "\n  port: " + target.port() + "\n"
                + "  user: " + user + "\n  password: \"" + password + "\"\n"
                + "mysql-instances:\n"
                + "  - source-id: \"mysql-01\"\n"
                + "    block-allow-list: \"only\"\n"
                + "    mydumper-config-name: \"dump\"\n"
                + "    loader-config-name: \"load\"\n"
                + "block-allow-list:\n"
                + "  only:\n"
                + "    do-dbs: [\"" + db + "\"]\n"
                + "mydumpers:\n"
                + "  dump:\n"
                + "    threads: " + threads + "\n"
                + "    rows: " + rowsPerChunk + "\n"
                + "loaders:\n"
                + "  load:\n"
                + "    pool-size: " + threads + "\n"
                + "    on-duplicate-logical: \"error\"\n");
        return ConfigLoader.loadTask(file);
    }

    private static FullMigration migration(TaskConfig task) throws Exception {
        Path file = Files.createTempDirectory("godwit-deferred-index").resolve("source.yaml");
        Files.writeString(file, "source-id: \"mysql-01\"\nenable-gtid: true\nfrom:\n" + source.yamlConnection(2));
        SourceConfig s = ConfigLoader.loadSource(file);
        return new FullMigration(task, Map.of("mysql-01", s), lines -> { }, Duration.ofSeconds(10));
    }

    /** Polls until at least {@code atLeast} chunks are finished; fails if the run ends first. */
    private static long awaitSomeFinishedChunks(String checkpoints, int atLeast, Thread run) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        try (Connection c = target.connect(); Statement s = c.createStatement()) {
            while (System.nanoTime() < deadline) {
                if (!run.isAlive()) {
                    throw new AssertionError("the load ended before it could be interrupted");
                }
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + checkpoints + " WHERE status = 'finished'")) {
                    rs.next();
                    if (rs.getLong(1) >= atLeast) {
                        return rs.getLong(1);
                    }
                } catch (SQLException e) {
                    // the checkpoint table does not exist yet
                }
                Thread.sleep(2);
            }
        }
        throw new AssertionError("no " + atLeast + " finished chunks within 2 minutes");
    }

    /** ALTER TABLE statements the target ran: no other test of this JVM runs at the same time. */
    private static long altersRun() throws Exception {
        return count(target, "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'COM_ALTER_TABLE'");
    }

    private static List<String> recorded(String meta, String task) throws Exception {
        return rows(target, "SELECT CONCAT(target_schema, '.', target_table) FROM `" + meta + "`.`" + task + "_loader_index`");
    }

    /** A table's indexes as name|seq|column|non_unique|sub_part|collation|comment, in order. */
    private static List<String> indexes(DbEndpoint db, String schema, String table) throws Exception {
        return rows(db, "SELECT INDEX_NAME, SEQ_IN_INDEX, COLUMN_NAME, NON_UNIQUE, SUB_PART, COLLATION, INDEX_COMMENT"
                + " FROM information_schema.STATISTICS"
                + " WHERE TABLE_SCHEMA = '" + schema + "' AND TABLE_NAME = '" + table + "' ORDER BY INDEX_NAME, SEQ_IN_INDEX");
    }

    private static long count(DbEndpoint db, String sql) throws Exception {
        return Long.parseLong(rows(db, sql).get(0));
    }

    private static List<String> rows(DbEndpoint db, String sql) {
        return db.rows(sql);
    }
}
