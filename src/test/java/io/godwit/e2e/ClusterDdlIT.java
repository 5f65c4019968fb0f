package io.godwit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.godwit.core.testkit.DbEndpoint;
import io.godwit.core.testkit.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * DM's error handling of a rejected DDL through a cluster of real processes (a master, one worker, one
 * source), driven by dmctl: the target refuses a DDL, the subtask pauses with the error in query-status,
 * {@code binlog-schema list} shows the tracked table, {@code binlog skip} lets the sync go on; a second
 * refused DDL is fixed with {@code binlog replace}; {@code binlog-schema update|delete} are refused while the
 * subtask runs and act on the paused one. Source and target end equal by check-data.
 */
class ClusterDdlIT {
    @Test
    void aRejectedDdlIsSkippedOrReplacedWithDmctlAndTheSchemaTrackerIsListedAndEdited() throws Exception {
        try (ClusterProcesses cluster = new ClusterProcesses()) {
            run(cluster);
        }
    }

    private void run(ClusterProcesses cluster) throws Exception {
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

        cluster.startMaster(dir.resolve("m1"));
        cluster.startWorker("w1");
        cluster.dmctlOk("operate-source", "create", src.toString());
        cluster.dmctlOk("start-task", task.toString());
        cluster.awaitStage("cddl", "Running", 1, 120);
        Checks.awaitValue(target, "SELECT COUNT(*) FROM " + db + ".t", "2");

        GodwitProcess.Result runningSkip = cluster.dmctl("binlog", "skip", "cddl", "-s", "mysql-01");
        assertThat(runningSkip.exitCode()).as("skip while running: %s", runningSkip).isEqualTo(1);
        assertThat(runningSkip.errorLines()).singleElement().satisfies(l -> assertThat(l).startsWith("dmctl: ")
                .contains("not paused"));
        Path uDefinition = TaskFiles.write(dir, "u.sql", "CREATE TABLE u (id INT PRIMARY KEY, w INT)");
        GodwitProcess.Result runningUpdate = cluster.dmctl("binlog-schema", "update", "cddl", db, "u",
                uDefinition.toString(), "-s", "mysql-01");
        assertThat(runningUpdate.exitCode()).as("update while running: %s", runningUpdate).isEqualTo(1);
        assertThat(runningUpdate.errorLines()).singleElement().satisfies(l -> assertThat(l).contains("pause"));

        // the target has the column already: the source's ADD COLUMN is refused (duplicate column)
        target.execute("ALTER TABLE " + db + ".t ADD COLUMN extra INT");
        source.execute("ALTER TABLE " + db + ".t ADD COLUMN extra INT", "INSERT INTO " + db + ".t VALUES (3, 3, 7)");
        JsonNode paused = cluster.awaitStage("cddl", "Paused", 1, 60);
        assertThat(paused.toString()).contains("ADD COLUMN extra");
        assertThat(Checks.single(target, "SELECT COUNT(*) FROM " + db + ".t WHERE id = 3")).as("nothing after the DDL")
                .isEqualTo("0");

        JsonNode listed = cluster.dmctlOk("binlog-schema", "list", "cddl", "-s", "mysql-01");
        assertThat(listed.path("sources").get(0).path("worker").asText()).isEqualTo("w1");
        assertThat(listed.path("sources").get(0).path("msg").asText()).contains(db + ".t").contains(db + ".u");

        // u changes out of the binlog's sight (DM's case for binlog-schema update): the tracker is told so
        source.execute("SET SESSION sql_log_bin = 0", "ALTER TABLE " + db + ".u ADD COLUMN w INT");
        target.execute("ALTER TABLE " + db + ".u ADD COLUMN w INT");
        cluster.dmctlOk("binlog-schema", "update", "cddl", db, "u", uDefinition.toString(), "-s", "mysql-01");
        cluster.dmctlOk("binlog-schema", "delete", "cddl", db, "t", "-s", "mysql-01");
        assertThat(cluster.dmctlOk("binlog-schema", "list", "cddl", "-s", "mysql-01").path("sources").get(0)
                .path("msg").asText()).isEqualTo("[" + db + ".u]");
        Path tDefinition = TaskFiles.write(dir, "t.sql", "CREATE TABLE t (id INT PRIMARY KEY, v INT NOT NULL, extra INT)");
        cluster.dmctlOk("binlog-schema", "update", "cddl", db, "t", tDefinition.toString(), "-s", "mysql-01");

        // -b names the DDL: another position is refused and skips nothing; a malformed one never leaves dmctl
        String pausedAt = pausedPosition(paused);
        GodwitProcess.Result wrongPosition = cluster.dmctl("binlog", "skip", "cddl", "-s", "mysql-01", "-b",
                pausedAt.substring(0, pausedAt.indexOf(':')) + ":4");
        assertThat(wrongPosition.exitCode()).as("%s", wrongPosition).isEqualTo(1);
        assertThat(wrongPosition.errorLines()).singleElement().satisfies(l -> assertThat(l).contains(pausedAt)
                .contains("nothing was skipped"));
        GodwitProcess.Result malformed = cluster.dmctl("binlog", "skip", "cddl", "-s", "mysql-01", "-b", "nope");
        assertThat(malformed.exitCode()).isEqualTo(1);
        assertThat(malformed.errorLines()).singleElement().satisfies(l -> assertThat(l).contains("binlog-pos"));
        cluster.awaitStage("cddl", "Paused", 1, 10);
        JsonNode skipped = cluster.dmctlOk("binlog", "skip", "cddl", "-s", "mysql-01", "-b", pausedAt);
        assertThat(skipped.path("sources").get(0).path("source").asText()).isEqualTo("mysql-01");
        Checks.awaitValue(target, "SELECT extra FROM " + db + ".t WHERE id = 3", "7");
        cluster.awaitStage("cddl", "Running", 1, 60);
        // rows of u now carry two columns: they decode only with the definition given by binlog-schema update
        source.execute("INSERT INTO " + db + ".u VALUES (1, 5)");
        Checks.awaitValue(target, "SELECT w FROM " + db + ".u WHERE id = 1", "5");

        // a second refused DDL: the target has the index already; replace it with one that can run
        target.execute("CREATE INDEX by_v ON " + db + ".t (v)");
        source.execute("CREATE INDEX by_v ON " + db + ".t (v)", "INSERT INTO " + db + ".t VALUES (4, 4, 8)");
        JsonNode pausedAgain = cluster.awaitStage("cddl", "Paused", 1, 60);
        assertThat(pausedAgain.toString()).contains("CREATE INDEX by_v");
        cluster.dmctlOk("binlog", "replace", "cddl", "-s", "mysql-01", "-b", pausedPosition(pausedAgain),
                "ALTER TABLE `" + db + "`.`t` COMMENT 'by_v exists'; ALTER TABLE `" + db + "`.`t` MODIFY `extra` INT");
        Checks.awaitValue(target, "SELECT extra FROM " + db + ".t WHERE id = 4", "8");
        cluster.awaitStage("cddl", "Running", 1, 60);
        assertThat(Checks.single(target, "SELECT TABLE_COMMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + db
                + "' AND TABLE_NAME = 't'")).as("the replacement ran").isEqualTo("by_v exists");

        Checks.awaitEqual(60, null, task, src);
    }

    /** The paused DDL's position from query-status ({@code "error_position": "(file, pos)"}) as dmctl's -b wants it. */
    private static String pausedPosition(JsonNode status) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\((\\S+), (\\d+)\\)")
                .matcher(status.findValuesAsText("error_position").stream().findFirst().orElse(""));
        assertThat(m.find()).as("error_position in %s", status).isTrue();
        return m.group(1) + ":" + m.group(2);
    }
}
