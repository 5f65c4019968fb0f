package io.godwit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.godwit.core.testkit.DbEndpoint;
import io.godwit.core.testkit.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * Task mode {@code incremental}: the target was restored by other means as of a binlog position
 * (the {@code meta} of each instance), and the sources changed after it, DDL included, so their
 * current definitions no longer match the rows logged right after {@code meta}. The sync must start
 * there with the definitions the target has (as DM does), by file/position on one source and by
 * GTID on the other; killed with kill -9, it resumes from its checkpoint, not from {@code meta}.
 */
class IncrementalIT {
    @Test
    void startsAtMetaWithTheTargetsDefinitionsAndResumesFromItsCheckpoint() throws Exception {
        DbEndpoint s1 = TestDatabases.source1();
        DbEndpoint s2 = TestDatabases.source2();
        DbEndpoint target = TestDatabases.target();
        String a = TestDatabases.schema(getClass(), "a");
        String b = TestDatabases.schema(getClass(), "b");
        String meta = TestDatabases.schema(getClass(), "meta");
        // each source and, restored as of the same moment, the target: the same table and rows
        createTable(s1, a);
        createTable(s2, b);
        createTable(target, a);
        createTable(target, b);
        String[] at1 = masterStatus(s1);
        String[] at2 = masterStatus(s2);
        // after meta: rows, then a DDL, then rows of the new shape
        for (Object[] side : new Object[][] {{s1, a}, {s2, b}}) {
            DbEndpoint db = (DbEndpoint) side[0];
            String schema = (String) side[1];
            db.execute("INSERT INTO " + schema + ".t SELECT seq, 'after' FROM " + schema + ".seq_101_to_150",
                    "UPDATE " + schema + ".t SET v = 'changed' WHERE id <= 10",
                    "ALTER TABLE " + schema + ".t ADD COLUMN c INT NOT NULL DEFAULT 5",
                    "INSERT INTO " + schema + ".t VALUES (200, 'new shape', 7)",
                    "DELETE FROM " + schema + ".t WHERE id = 3");
        }

        Path dir = Files.createTempDirectory("godwit-incremental");
        Path src1 = TaskFiles.write(dir, "mysql-01.yaml", "source-id: \"mysql-01\"\nenable-gtid: false\nfrom:\n"
                + s1.yamlConnection(2));
        Path src2 = TaskFiles.source(dir, "mysql-02", s2);
        Path task = TaskFiles.write(dir, "task.yaml", "name: \"incr\"\n"
                + "task-mode: incremental\n"
                + "meta-schema: \"" + meta + "\"\n"
                + TaskFiles.target(target)
                + "mysql-instances:\n"
                + "  - source-id: \"mysql-01\"\n    block-allow-list: \"l1\"\n"
                + "    meta:\n      binlog-name: \"" + at1[0] + "\"\n      binlog-pos: " + at1[1] + "\n"
                + "  - source-id: \"mysql-02\"\n    block-allow-list: \"l2\"\n"
                + "    meta:\n      binlog-gtid: \"" + at2[2] + "\"\n"
                + "block-allow-list:\n"
                + "  l1:\n    do-dbs: [\"" + a + "\"]\n"
                + "  l2:\n    do-dbs: [\"" + b + "\"]\n");
        String[] args = {"standalone", "--status-addr", "127.0.0.1:0", "--source", src1.toString(),
                "--source", src2.toString(), "--task", task.toString()};

        GodwitProcess first = GodwitProcess.start(args);
        GodwitProcess second = null;
        try {
            Checks.awaitEqual(60, first, task, src1, src2);
            first.kill9();
            // changes while it is down: the restart reads them from its checkpoint
            s1.execute("INSERT INTO " + a + ".t VALUES (300, 'while down', 1)", "UPDATE " + a + ".t SET c = 9 WHERE id = 200");
            s2.execute("DELETE FROM " + b + ".t WHERE id > 140");
            second = GodwitProcess.start(args);
            Checks.awaitEqual(60, second, task, src1, src2);
            assertThat(Checks.count(target, "SELECT COUNT(*) FROM " + a + ".t")).isEqualTo(Checks.count(s1, "SELECT COUNT(*) FROM " + a + ".t"));
            assertThat(Checks.count(target, "SELECT c FROM " + a + ".t WHERE id = 200")).isEqualTo(9);
            assertThat(Checks.count(target, "SELECT COUNT(*) FROM " + b + ".t")).isEqualTo(139);
            assertThat(second.terminate(90)).isZero();
        } finally {
            if (first.isAlive()) {
                first.kill9();
            }
            if (second != null && second.isAlive()) {
                second.kill9();
            }
        }
    }

    private static void createTable(DbEndpoint db, String schema) throws Exception {
        db.execute("CREATE DATABASE " + schema,
                "CREATE TABLE " + schema + ".t (id INT PRIMARY KEY, v VARCHAR(20) NOT NULL)",
                "INSERT INTO " + schema + ".t SELECT seq, CONCAT('v', seq) FROM " + schema + ".seq_1_to_100");
    }

    /** File, position and GTID set of the server's binlog now. */
    private static String[] masterStatus(DbEndpoint db) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            String file;
            long pos;
            try (ResultSet rs = s.executeQuery("SHOW MASTER STATUS")) {
                rs.next();
                file = rs.getString(1);
                pos = rs.getLong(2);
            }
            try (ResultSet rs = s.executeQuery("SELECT @@gtid_binlog_pos")) {
                rs.next();
                return new String[] {file, String.valueOf(pos), rs.getString(1)};
            }
        }
    }
}
