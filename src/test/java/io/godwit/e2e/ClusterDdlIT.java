package io.godwit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.godwit.core.testkit.DbEndpoint;
import io.godwit.core.testkit.TestDatabases;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * DM's error handling of a rejected DDL through a cluster of real processes (a master, one worker, one
 * source), driven by dmctl: the target refuses a DDL, the subtask pauses with the error in query-status,
 * {@code binlog-schema list} shows the tracked table, {@code binlog skip} lets the sync go on; a second
 * refused DDL is fixed with {@code binlog replace}; {@code binlog-schema update|delete} are refused while the
 * subtask runs and act on the paused one. Source and target end equal by check-data.
 */
class ClusterDdlIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<GodwitProcess> started = new ArrayList<>();

    @AfterEach
    void killAll() throws InterruptedException {
        for (GodwitProcess p : started) {
            if (p.isAlive()) {
                p.kill9();
            }
        }
    }

    @Test
    void aRejectedDdlIsSkippedOrReplacedWithDmctlAndTheSchemaTrackerIsListedAndEdited() throws Exception {
        DbEndpoint source = TestDatabases.source1();
        DbEndpoint target = TestDatabases.target();
        String db = TestDatabases.schema(getClass(), "x");
        source.execute("CREATE DATABASE " + db, "CREATE TABLE " + db + ".t (id INT PRIMARY KEY, v INT NOT NULL)",
                "CREATE TABLE " + db + ".u (id INT PRIMARY KEY)", "INSERT INTO " + db + ".t VALUES (1, 1), (2, 2)");
        Path dir = Files.createTempDirectory("godwit-cluster-ddl");
        Path src = TaskFiles.source(dir, "mysql-01", source);
        Path task = TaskFiles.write(dir, "task.yaml", "name: \"cddl\"\n"
                + "task-mode: all\n"
                + "meta-schema: \"" + TestDatabases.schema(getClass(), "meta") + "\"\n"
                + TaskFiles.target(target)
                + "mysql-instances:\n  - source-id: \"mysql-01\"\n    block-allow-list: \"l\"\n"
                + "block-allow-list:\n  l:\n    do-dbs: [\"" + db + "\"]\n");

        String addr = "127.0.0.1:" + freePort();
        startMaster(addr, dir.resolve("m1"));
        start("worker", "--name", "w1", "--worker-addr", "127.0.0.1:0", "--join", addr);
        dmctlOk(addr, "operate-source", "create", src.toString());
        dmctlOk(addr, "start-task", task.toString());
        awaitStage(addr, "Running", 120);
        awaitRow(target, "SELECT COUNT(*) FROM " + db + ".t", "2");

        GodwitProcess.Result runningSkip = dmctl(addr, "binlog", "skip", "cddl", "-s", "mysql-01");
        assertThat(runningSkip.exitCode()).as("skip while running: %s", runningSkip).isEqualTo(1);
        assertThat(runningSkip.errorLines()).singleElement().satisfies(l -> assertThat(l).startsWith("dmctl: ")
                .contains("not paused"));
        Path uDefinition = TaskFiles.write(dir, "u.sql", "CREATE TABLE u (id INT PRIMARY KEY, w INT)");
        GodwitProcess.Result runningUpdate = dmctl(addr, "binlog-schema", "update", "cddl", db, "u",
                uDefinition.toString(), "-s", "mysql-01");
        assertThat(runningUpdate.exitCode()).as("update while running: %s", runningUpdate).isEqualTo(1);
        assertThat(runningUpdate.errorLines()).singleElement().satisfies(l -> assertThat(l).contains("pause"));

        // the target has the column already: the source's ADD COLUMN is refused (duplicate column)
        target.execute("ALTER TABLE " + db + ".t ADD COLUMN extra INT");
        source.execute("ALTER TABLE " + db + ".t ADD COLUMN extra INT", "INSERT INTO " + db + ".t VALUES (3, 3, 7)");
        JsonNode paused = awaitStage(addr, "Paused", 60);
        assertThat(paused.toString()).contains("ADD COLUMN extra");
        assertThat(single(target, "SELECT COUNT(*) FROM " + db + ".t WHERE id = 3")).as("nothing after the DDL")
                .isEqualTo("0");

        JsonNode listed = dmctlOk(addr, "binlog-schema", "list", "cddl", "-s", "mysql-01");
        assertThat(listed.path("sources").get(0).path("worker").asText()).isEqualTo("w1");
        assertThat(listed.path("sources").get(0).path("msg").asText()).contains(db + ".t").contains(db + ".u");

        // u changes out of the binlog's sight (DM's case for binlog-schema update): the tracker is told so
        source.execute("SET SESSION sql_log_bin = 0", "ALTER TABLE " + db + ".u ADD COLUMN w INT");
        target.execute("ALTER TABLE " + db + ".u ADD COLUMN w INT");
        dmctlOk(addr, "binlog-schema", "update", "cddl", db, "u", uDefinition.toString(), "-s", "mysql-01");
        dmctlOk(addr, "binlog-schema", "delete", "cddl", db, "t", "-s", "mysql-01");
        assertThat(dmctlOk(addr, "binlog-schema", "list", "cddl", "-s", "mysql-01").path("sources").get(0)
                .path("msg").asText()).isEqualTo("[" + db + ".u]");
        Path tDefinition = TaskFiles.write(dir, "t.sql", "CREATE TABLE t (id INT PRIMARY KEY, v INT NOT NULL, extra INT)");
        dmctlOk(addr, "binlog-schema", "update", "cddl", db, "t", tDefinition.toString(), "-s", "mysql-01");

        JsonNode skipped = dmctlOk(addr, "binlog", "skip", "cddl", "-s", "mysql-01");
        assertThat(skipped.path("sources").get(0).path("source").asText()).isEqualTo("mysql-01");
        awaitRow(target, "SELECT extra FROM " + db + ".t WHERE id = 3", "7");
        awaitStage(addr, "Running", 60);
        // rows of u now carry two columns: they decode only with the definition given by binlog-schema update
        source.execute("INSERT INTO " + db + ".u VALUES (1, 5)");
        awaitRow(target, "SELECT w FROM " + db + ".u WHERE id = 1", "5");

        // a second refused DDL: the target has the index already; replace it with one that can run
        target.execute("CREATE INDEX by_v ON " + db + ".t (v)");
        source.execute("CREATE INDEX by_v ON " + db + ".t (v)", "INSERT INTO " + db + ".t VALUES (4, 4, 8)");
        assertThat(awaitStage(addr, "Paused", 60).toString()).contains("CREATE INDEX by_v");
        dmctlOk(addr, "binlog", "replace", "cddl", "-s", "mysql-01",
                "ALTER TABLE `" + db + "`.`t` COMMENT 'by_v exists'; ALTER TABLE `" + db + "`.`t` MODIFY `extra` INT");
        awaitRow(target, "SELECT extra FROM " + db + ".t WHERE id = 4", "8");
        awaitStage(addr, "Running", 60);
        assertThat(single(target, "SELECT TABLE_COMMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + db
                + "' AND TABLE_NAME = 't'")).as("the replacement ran").isEqualTo("by_v exists");

        GodwitProcess.Result check = GodwitProcess.run(120, "check-data", "--source", src.toString(),
                "--task", task.toString());
        assertThat(check.exitCode()).as(check.toString()).isZero();
    }

    private GodwitProcess start(String... args) throws IOException {
        GodwitProcess p = GodwitProcess.start(args);
        started.add(p);
        return p;
    }

    private void startMaster(String addr, Path data) throws Exception {
        GodwitProcess m = start("master", "--name", "m1", "--master-addr", addr, "--data-dir", data.toString(),
                "--keepalive-ttl", "5s");
        long deadline = System.currentTimeMillis() + 60_000;
        while (!m.stdout().contains("listening: ")) {
            assertThat(m.isAlive()).as("master died:\n%s", m.stderr()).isTrue();
            assertThat(System.currentTimeMillis()).as("master did not start").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static GodwitProcess.Result dmctl(String addr, String... args) throws Exception {
        String[] all = new String[args.length + 2];
        all[0] = "--master-addr";
        all[1] = addr;
        System.arraycopy(args, 0, all, 2, args.length);
        return GodwitProcess.dmctl(120, all);
    }

    private static JsonNode dmctlOk(String addr, String... args) throws Exception {
        GodwitProcess.Result r = dmctl(addr, args);
        assertThat(r.exitCode()).as("dmctl %s: %s", String.join(" ", args), r).isZero();
        JsonNode out = JSON.readTree(r.stdout());
        assertThat(out.path("result").asBoolean()).as("%s", r.stdout()).isTrue();
        return out;
    }

    /** Waits until the one subtask of the task is in {@code stage}; returns that query-status output. */
    private static JsonNode awaitStage(String addr, String stage, int seconds) throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        JsonNode last = null;
        while (System.currentTimeMillis() < deadline) {
            last = dmctlOk(addr, "query-status", "cddl");
            if (stage.equals(last.path("sources").get(0).path("subTaskStatus").get(0).path("stage").asText())) {
                return last;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("subtask not " + stage + " within " + seconds + " s: " + last);
    }

    private static void awaitRow(DbEndpoint db, String sql, String expected) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        String last = null;
        while (System.currentTimeMillis() < deadline) {
            try {
                last = single(db, sql);
            } catch (java.sql.SQLSyntaxErrorException notLoadedYet) {
                last = notLoadedYet.getMessage();
            }
            if (expected.equals(last)) {
                return;
            }
            Thread.sleep(300);
        }
        throw new AssertionError(sql + ": expected " + expected + ", last " + last);
    }

    private static String single(DbEndpoint db, String sql) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
