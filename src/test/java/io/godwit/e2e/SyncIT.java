package io.godwit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.godwit.core.testkit.DbEndpoint;
import io.godwit.core.testkit.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Task mode {@code all} end to end: two sources under concurrent writes (inserts, updates that
 * change primary keys, deletes, multi-statement transactions, a 100k-row transaction, DDL in the
 * middle: add/drop/modify column, add index, create/rename/drop table), the sources cutting the
 * replica off (binlog dump thread killed) and the standalone process killed with kill -9 at five
 * moments and started again each time; once the writes stop, check-data reports equal, and the counter table proves that no
 * change was applied twice. SIGTERM then stops the process with exit 0.
 */
class SyncIT {
    private static final int KILLS = 5;
    /** The standalone process running now, killed at the end whatever happened. */
    private GodwitProcess current;

    @Test
    void replicatesUnderLoadThroughKillsAndConverges() throws Exception {
        DbEndpoint s1 = TestDatabases.source1();
        DbEndpoint s2 = TestDatabases.source2();
        DbEndpoint target = TestDatabases.target();
        String app = TestDatabases.schema(getClass(), "app");
        String shop = TestDatabases.schema(getClass(), "shop");
        String meta = TestDatabases.schema(getClass(), "meta");
        s1.execute("CREATE DATABASE " + app,
                "CREATE TABLE " + app + ".accounts (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL, balance DECIMAL(12,2) NOT NULL)",
                "CREATE TABLE " + app + ".counters (id INT PRIMARY KEY, n BIGINT NOT NULL)",
                "CREATE TABLE " + app + ".log (k INT NOT NULL, note VARCHAR(20))",
                "CREATE TABLE " + app + ".bulk (id INT PRIMARY KEY, v VARCHAR(30))");
        StringBuilder rows = new StringBuilder();
        for (int i = 1; i <= 2000; i++) {
            rows.append(i == 1 ? "" : ",").append("(").append(i).append(",'name-").append(i).append("',").append(i).append(".50)");
        }
        s1.execute("INSERT INTO " + app + ".accounts VALUES " + rows,
                "INSERT INTO " + app + ".counters VALUES (1,0),(2,0),(3,0),(4,0),(5,0)");
        s2.execute("CREATE DATABASE " + shop,
                "CREATE TABLE " + shop + ".orders (id BIGINT PRIMARY KEY, v VARCHAR(20) NOT NULL, qty INT NOT NULL)",
                "INSERT INTO " + shop + ".orders VALUES (1,'a',1),(2,'b',2),(3,'c',3)");

        Path dir = Files.createTempDirectory("godwit-sync-it");
        Path src1 = TaskFiles.source(dir, "mysql-01", s1);
        Path src2 = TaskFiles.source(dir, "mysql-02", s2);
        Path task = TaskFiles.write(dir, "task.yaml", "name: \"syncit\"\n"
                + "task-mode: all\n"
                + "meta-schema: \"" + meta + "\"\n"
                + TaskFiles.target(target)
                + "mysql-instances:\n"
                + "  - source-id: \"mysql-01\"\n"
                + "    block-allow-list: \"l1\"\n"
                + "    syncer-config-name: \"s\"\n"
                + "  - source-id: \"mysql-02\"\n"
                + "    block-allow-list: \"l2\"\n"
                + "    syncer-config-name: \"s\"\n"
                + "block-allow-list:\n"
                + "  l1:\n    do-dbs: [\"" + app + "\"]\n"
                + "  l2:\n    do-dbs: [\"" + shop + "\"]\n"
                + "syncers:\n  s:\n    worker-count: 4\n    batch: 100\n");
        String[] args = {"standalone", "--progress-interval", "1", "--status-addr", "127.0.0.1:0", "--source", src1.toString(), "--source", src2.toString(),
                "--task", task.toString()};

        // The DDL starts after 300 rounds of writes, whatever the process is doing then: taking the
        // snapshot, loading, or syncing.
        Workload load = new Workload(s1, s2, app, shop);
        current = GodwitProcess.start(args);
        try {
            runKillsAndCheck(current, args, load, List.of(s1, s2), src1, src2, task, target, app);
        } finally {
            if (current.isAlive()) {
                current.kill9(); // a failed assertion must not leave the process running
            }
        }
    }

    private void runKillsAndCheck(GodwitProcess godwit, String[] args, Workload load, List<DbEndpoint> sources,
                                  Path src1, Path src2,
                                           Path task, DbEndpoint target, String app) throws Exception {
        Thread writer = new Thread(load, "sync-it-writer");
        writer.start();
        Random random = new Random(42);
        List<String> runs = new ArrayList<>();
        try {
            for (int k = 0; k < KILLS; k++) {
                Thread.sleep(2500 + random.nextInt(3000));
                assertThat(godwit.isAlive()).as("godwit died on its own:\n%s", godwit.stderr()).isTrue();
                // the source cuts the replica off (its binlog dump thread killed): the sync reconnects by itself
                killBinlogDumpThreads(sources.get(k % 2));
                Thread.sleep(1000 + random.nextInt(1000));
                godwit.kill9();
                runs.add(godwit.stdout());
                godwit = GodwitProcess.start(args);
                current = godwit;
            }
            Thread.sleep(3000);
        } finally {
            load.stop();
            writer.join();
        }
        assertThat(load.failure()).as("the workload itself").isNull();
        assertThat(load.bulkDone()).as("the 100k-row transaction ran").isTrue();
        assertThat(load.ddlDone()).as("the DDL ran mid-stream").isTrue();

        // equal within 60 s once the writes stop
        GodwitProcess.Result check = null;
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            assertThat(godwit.isAlive()).as("godwit died:\n%s", godwit.stderr()).isTrue();
            check = GodwitProcess.run(120, "check-data", "--source", src1.toString(), "--source", src2.toString(),
                    "--task", task.toString());
            if (check.exitCode() == 0) {
                break;
            }
            Thread.sleep(2000);
        }
        assertThat(check).isNotNull();
        assertThat(check.exitCode()).as("check-data after the writes stopped: %s\ngodwit:\n%s", check, godwit.stderr())
                .isZero();
        // exactly once: each counter equals the increments the workload committed, on both sides
        for (int id = 1; id <= 5; id++) {
            String q = "SELECT n FROM " + app + ".counters WHERE id = " + id;
            assertThat(single(target, q)).as("counter %s", id).isEqualTo(String.valueOf(load.increments(id)));
        }
        assertThat(single(target, "SELECT COUNT(*) FROM " + app + ".log"))
                .isEqualTo(String.valueOf(load.totalIncrements()));
        assertThat(single(target, "SELECT COUNT(*) FROM " + app + ".bulk")).isEqualTo("100000");
        // check-data compares the source's tables; the renamed and dropped ones must not linger on the target
        assertThat(single(target, "SELECT GROUP_CONCAT(TABLE_NAME ORDER BY TABLE_NAME) FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = '" + app + "'")).isEqualTo("accounts,bulk,counters,extra2,log");
        assertThat(single(target, "SELECT GROUP_CONCAT(COLUMN_NAME ORDER BY ORDINAL_POSITION) FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA = '" + app + "' AND TABLE_NAME = 'accounts'")).isEqualTo("id,name,balance,note,dropme2");
        assertThat(single(target, "SELECT GROUP_CONCAT(TABLE_NAME ORDER BY TABLE_NAME) FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = '" + app + "'")).isEqualTo("accounts,bulk,counters,extra2,log");
        assertThat(single(target, "SELECT COUNT(*) FROM " + app + ".extra2")).isEqualTo("3");

        // status over HTTP, in DM's OpenAPI shape: both sources syncing, applied position and lag given
        String url = godwit.stdout().lines().filter(l -> l.startsWith("status: ")).reduce((a, b) -> b).orElseThrow()
                .substring("status: ".length());
        java.net.http.HttpResponse<String> status = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.body()).contains("\"total\":2").contains("\"source_name\":\"mysql-01\"")
                .contains("\"unit\":\"Sync\"").contains("\"stage\":\"Running\"").contains("\"syncer_binlog\":\"(")
                .contains("\"seconds_behind_master\"");
        java.net.http.HttpResponse<String> unknown = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(url.replace("/syncit/", "/nosuch/"))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);

        int exit = godwit.terminate(90);
        assertThat(exit).as("SIGTERM exit code; stderr:\n%s", godwit.stderr()).isZero();
        assertThat(godwit.stdout()).contains("sync mysql-01").contains("stopped");
    }

    private static void killBinlogDumpThreads(DbEndpoint db) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT ID FROM information_schema.PROCESSLIST WHERE COMMAND LIKE 'Binlog Dump%'")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
            for (long id : ids) {
                s.execute("KILL " + id);
            }
        }
    }

    private static String single(DbEndpoint db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Writes to both sources until stopped, counting what it committed. */
    private static final class Workload implements Runnable {
        private final DbEndpoint s1;
        private final DbEndpoint s2;
        private final String app;
        private final String shop;
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicLong[] increments = new AtomicLong[6];
        private volatile Throwable failure;
        private volatile boolean bulkDone;
        private volatile boolean ddlDone;

        Workload(DbEndpoint s1, DbEndpoint s2, String app, String shop) {
            this.s1 = s1;
            this.s2 = s2;
            this.app = app;
            this.shop = shop;
            for (int i = 0; i < increments.length; i++) {
                increments[i] = new AtomicLong();
            }
        }

        @Override public void run() {
            Random r = new Random(7);
            int nextId = 100_000;
            long nextOrder = 1000;
            try (Connection c1 = s1.connect(); Connection c2 = s2.connect();
                 Statement a = c1.createStatement(); Statement b = c2.createStatement()) {
                for (int i = 0; !stop.get(); i++) {
                    int id = 1 + r.nextInt(2000);
                    switch (r.nextInt(6)) {
                        case 0 -> a.execute("INSERT INTO " + app + ".accounts (id, name, balance) VALUES (" + (nextId++)
                                + ", 'new', 1.00)");
                        case 1 -> a.execute("UPDATE " + app + ".accounts SET balance = balance + 1 WHERE id = " + id);
                        case 2 -> a.execute("UPDATE " + app + ".accounts SET id = " + (nextId++) + " WHERE id = " + id);
                        case 3 -> a.execute("DELETE FROM " + app + ".accounts WHERE id = " + id);
                        default -> {
                            int k = 1 + r.nextInt(5);
                            c1.setAutoCommit(false);
                            a.execute("UPDATE " + app + ".counters SET n = n + 1 WHERE id = " + k);
                            a.execute("INSERT INTO " + app + ".log VALUES (" + k + ", 'inc')");
                            c1.commit();
                            c1.setAutoCommit(true);
                            increments[k].incrementAndGet();
                        }
                    }
                    b.execute(r.nextBoolean() ? "INSERT INTO " + shop + ".orders VALUES (" + (nextOrder++) + ", 'x', 1)"
                            : "UPDATE " + shop + ".orders SET qty = qty + 1 WHERE id = " + (1 + r.nextInt(3)));
                    if (i == 300) {
                        a.execute("ALTER TABLE " + app + ".accounts ADD COLUMN note VARCHAR(20) NOT NULL DEFAULT 'n'");
                        a.execute("CREATE TABLE " + app + ".extra (id INT PRIMARY KEY, v INT)");
                        a.execute("INSERT INTO " + app + ".extra VALUES (1, 1), (2, 2)");
                        a.execute("ALTER TABLE " + app + ".accounts ADD INDEX by_name (name)");
                        a.execute("ALTER TABLE " + app + ".accounts ADD COLUMN dropme INT, ADD COLUMN dropme2 INT");
                        a.execute("UPDATE " + app + ".accounts SET dropme = 1 WHERE id < 50");
                        a.execute("ALTER TABLE " + app + ".accounts DROP COLUMN dropme");
                        a.execute("RENAME TABLE " + app + ".extra TO " + app + ".extra2");
                        a.execute("INSERT INTO " + app + ".extra2 VALUES (3, 3)");
                        a.execute("CREATE TABLE " + app + ".scratch (id INT PRIMARY KEY)");
                        a.execute("INSERT INTO " + app + ".scratch VALUES (1)");
                        a.execute("DROP TABLE " + app + ".scratch");
                        b.execute("ALTER TABLE " + shop + ".orders MODIFY v VARCHAR(40) NOT NULL");
                        ddlDone = true;
                    }
                    if (i == 600) {
                        c1.setAutoCommit(false);
                        a.execute("INSERT INTO " + app + ".bulk SELECT seq, CONCAT('row-', seq) FROM " + app + ".seq_1_to_100000");
                        c1.commit();
                        c1.setAutoCommit(true);
                        bulkDone = true;
                    }
                    Thread.sleep(2);
                }
            } catch (Throwable t) {
                failure = t;
            }
        }

        void stop() { stop.set(true); }
        Throwable failure() { return failure; }
        boolean bulkDone() { return bulkDone; }
        boolean ddlDone() { return ddlDone; }
        long increments(int k) { return increments[k].get(); }

        long totalIncrements() {
            long n = 0;
            for (AtomicLong a : increments) {
                n += a.get();
            }
            return n;
        }
    }
}
