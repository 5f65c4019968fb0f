package io.godwit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.godwit.core.testkit.DbEndpoint;
import io.godwit.core.testkit.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Shard-DDL coordination (DM's optimistic shard mode) of three shards on two sources merged into one target table:
 * the first shard's ADD COLUMN runs on the merged table at once, the others' identical ones run nothing; a DROP COLUMN
 * waits for the last shard; the shard groups survive a kill -9 of the process: in the master's meta store (a cluster
 * driven by dmctl, {@code shard-ddl-lock} showing the lock), or rebuilt from the syncs' checkpoints
 * ({@code standalone --task}). Source and target end equal by check-data.
 */
class ShardDdlIT {
    private final DbEndpoint s1 = TestDatabases.source1();
    private final DbEndpoint s2 = TestDatabases.source2();
    private final DbEndpoint target = TestDatabases.target();
    /** The shards: a.t1 and a.t2 on source 1, b.t1 on source 2, with disjoint ids, routed into m.t. */
    private record Shards(String a, String b, String m, Path dir, Path src1, Path src2, Path task) {
        static Shards create(String taskName) throws Exception {
            DbEndpoint s1 = TestDatabases.source1();
            DbEndpoint s2 = TestDatabases.source2();
            String a = TestDatabases.schema(ShardDdlIT.class, "a");
            String b = TestDatabases.schema(ShardDdlIT.class, "b");
            String m = TestDatabases.schema(ShardDdlIT.class, "m");
            String table = " (id INT PRIMARY KEY, n INT NOT NULL)";
            s1.execute("CREATE DATABASE " + a, "CREATE TABLE " + a + ".t1" + table, "CREATE TABLE " + a + ".t2" + table,
                    "INSERT INTO " + a + ".t1 SELECT seq, 1 FROM " + a + ".seq_1_to_100",
                    "INSERT INTO " + a + ".t2 SELECT seq, 2 FROM " + a + ".seq_101_to_200");
            s2.execute("CREATE DATABASE " + b, "CREATE TABLE " + b + ".t1" + table,
                    "INSERT INTO " + b + ".t1 SELECT seq, 3 FROM " + b + ".seq_201_to_300");
            Path dir = Files.createTempDirectory("godwit-" + taskName);
            Path src1 = TaskFiles.source(dir, "mysql-01", s1);
            Path src2 = TaskFiles.source(dir, "mysql-02", s2);
            Path task = TaskFiles.write(dir, "task.yaml", "name: \"" + taskName + "\"\n"
                    + "task-mode: all\n"
                    + "shard-mode: \"optimistic\"\n"
                    + "meta-schema: \"" + TestDatabases.schema(ShardDdlIT.class, "meta") + "\"\n"
                    + TaskFiles.target(TestDatabases.target())
                    + "mysql-instances:\n"
                    + "  - source-id: \"mysql-01\"\n    block-allow-list: \"l1\"\n    route-rules: [\"ta\", \"sa\"]\n"
                    + "  - source-id: \"mysql-02\"\n    block-allow-list: \"l2\"\n    route-rules: [\"tb\", \"sb\"]\n"
                    + "block-allow-list:\n"
                    + "  l1:\n    do-dbs: [\"" + a + "\"]\n"
                    + "  l2:\n    do-dbs: [\"" + b + "\"]\n"
                    + "routes:\n"
                    + "  ta:\n    schema-pattern: \"" + a + "\"\n    table-pattern: \"t*\"\n"
                    + "    target-schema: \"" + m + "\"\n    target-table: \"t\"\n"
                    + "  sa:\n    schema-pattern: \"" + a + "\"\n    target-schema: \"" + m + "\"\n"
                    + "  tb:\n    schema-pattern: \"" + b + "\"\n    table-pattern: \"t*\"\n"
                    + "    target-schema: \"" + m + "\"\n    target-table: \"t\"\n"
                    + "  sb:\n    schema-pattern: \"" + b + "\"\n    target-schema: \"" + m + "\"\n");
            return new Shards(a, b, m, dir, src1, src2, task);
        }

        String merged() { return m + ".t"; }

        /** {@code godwit standalone} (master and workers) on {@code data}, the sources created, the task started. */
        GodwitProcess startInCluster(ClusterProcesses cluster, Path data) throws Exception {
            GodwitProcess godwit = cluster.startStandalone(data);
            cluster.dmctlOk("operate-source", "create", src1.toString(), src2.toString());
            cluster.dmctlOk("start-task", task.toString());
            return godwit;
        }
    }

    @Test
    void aClusterCoordinatesTheShardsDdlsThroughTheMastersMetaStoreAcrossAKill9() throws Exception {
        Shards shards = Shards.create("shd");
        String a = shards.a();
        String b = shards.b();
        String merged = shards.merged();
        Path data = shards.dir().resolve("data");
        try (ClusterProcesses cluster = new ClusterProcesses()) {
            GodwitProcess godwit = shards.startInCluster(cluster, data);
            cluster.awaitStage("shd", "Running", 2, 120);
            Checks.awaitEqual(120, godwit, shards.task(), shards.src1(), shards.src2());

            // the first shard adds a column: the merged table gets it at once, and its rows carry values
            s1.execute("ALTER TABLE " + a + ".t1 ADD COLUMN c INT", "INSERT INTO " + a + ".t1 VALUES (1001, 1, 5)");
            Checks.awaitValue(target, "SELECT c FROM " + merged + " WHERE id = 1001", "5");
            JsonNode locks = cluster.dmctlOk("shard-ddl-lock", "shd");
            assertThat(locks.path("lock")).as("%s", locks).hasSize(1);
            JsonNode lock = locks.path("lock").get(0);
            assertThat(lock.path("task").asText()).isEqualTo("shd");
            assertThat(lock.path("unsynced").toString()).as("%s", lock).contains(a + "`.`t2").contains(b + "`.`t1");
            assertThat(lock.path("synced").toString()).as("%s", lock).contains(a + "`.`t1");

            // kill -9: the shard group lives on in the master's meta store; the other shards catch up meanwhile
            godwit.kill9();
            String stored = Files.readString(data.resolve("meta.json"));
            assertThat(stored).as("the group is in the master's meta store")
                    .contains("shd-`" + shards.m() + "`.`t`").contains("\"joined\"").contains("\"c\"");
            s1.execute("ALTER TABLE " + a + ".t2 ADD COLUMN c INT", "INSERT INTO " + a + ".t2 VALUES (1002, 2, 6)");
            s2.execute("ALTER TABLE " + b + ".t1 ADD COLUMN c INT", "INSERT INTO " + b + ".t1 VALUES (2001, 3, 7)");
            godwit = cluster.startStandalone(data);
            cluster.awaitStage("shd", "Running", 2, 120);
            Checks.awaitValue(target, "SELECT SUM(c) FROM " + merged, "18");
            Checks.awaitEqual(120, godwit, shards.task(), shards.src1(), shards.src2());
            assertThat(cluster.dmctlOk("shard-ddl-lock", "shd").path("lock"))
                    .as("every shard made the change: the lock is resolved, as DM drops it").isEmpty();

            dropColumnEverywhere(shards, merged);
            Checks.awaitEqual(120, godwit, shards.task(), shards.src1(), shards.src2());

            cluster.dmctlOk("stop-task", "shd");
            assertThat(cluster.dmctlOk("shard-ddl-lock").path("lock")).as("stop-task removes the task's locks")
                    .isEmpty();
            assertThat(godwit.terminate(90)).isZero();
        }
    }

    @Test
    void aShardWaitsForTheRefusedChangeOfAnotherAndGoesOnWhenTheOperatorSkipsIt() throws Exception {
        Shards shards = Shards.create("shw");
        String a = shards.a();
        String b = shards.b();
        try (ClusterProcesses cluster = new ClusterProcesses()) {
            GodwitProcess godwit = shards.startInCluster(cluster, shards.dir().resolve("data"));
            String merged = shards.merged();
            Checks.awaitEqual(120, godwit, shards.task(), shards.src1(), shards.src2());

            // the target has c already: a.t1's ADD COLUMN is the group's change to run, and the target refuses it
            target.execute("ALTER TABLE " + merged + " ADD COLUMN c INT");
            s1.execute("ALTER TABLE " + a + ".t1 ADD COLUMN c INT", "INSERT INTO " + a + ".t1 VALUES (1001, 1, 5)");
            JsonNode paused = cluster.awaitStage("shw", "Paused", 1, 60);
            assertThat(paused.toString()).contains("ADD COLUMN c");
            // b.t1's rows after its own ADD COLUMN need a.t1's change first: its sync waits and says for what
            s2.execute("ALTER TABLE " + b + ".t1 ADD COLUMN c INT", "INSERT INTO " + b + ".t1 VALUES (2001, 3, 7)");
            JsonNode waiting = awaitWaiting(cluster, "shw", "mysql-02", "shw-`" + shards.m() + "`.`t`");
            assertThat(waiting.toString()).contains("ALTER TABLE `" + shards.m() + "`.`t` ADD COLUMN c INT");
            assertThat(Checks.single(target, "SELECT COUNT(*) FROM " + merged + " WHERE id = 2001")).isEqualTo("0");

            cluster.dmctlOk("binlog", "skip", "shw", "-s", "mysql-01");
            Checks.awaitValue(target, "SELECT SUM(c) FROM " + merged, "12");
            cluster.awaitStage("shw", "Running", 2, 60);
            s1.execute("ALTER TABLE " + a + ".t2 ADD COLUMN c INT", "INSERT INTO " + a + ".t2 VALUES (1002, 2, 6)");
            Checks.awaitEqual(120, godwit, shards.task(), shards.src1(), shards.src2());
            assertThat(cluster.dmctlOk("shard-ddl-lock", "shw").path("lock")).isEmpty();
            assertThat(godwit.terminate(90)).isZero();
        }
    }

    /** query-status until {@code source}'s subtask names {@code lockId} as the lock it waits on; that subtask's entry. */
    private static JsonNode awaitWaiting(ClusterProcesses cluster, String task, String source, String lockId)
            throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        JsonNode last = null;
        while (System.currentTimeMillis() < deadline) {
            last = cluster.dmctlOk("query-status", task);
            for (JsonNode s : last.path("sources")) {
                JsonNode sub = s.path("subTaskStatus").get(0);
                if (source.equals(s.path("sourceStatus").path("source").asText())
                        && sub.path("unresolvedDDLLockID").asText().equals(lockId)) {
                    return sub;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError(source + " of " + task + " does not wait on a shard DDL lock: " + last);
    }

    @Test
    void aStandaloneTaskCoordinatesItsShardsInProcessAndRebuildsTheGroupsAfterAKill9() throws Exception {
        Shards shards = Shards.create("shs");
        String a = shards.a();
        String b = shards.b();
        String merged = shards.merged();
        String[] args = {"standalone", "--status-addr", "127.0.0.1:0", "--source", shards.src1().toString(),
                "--source", shards.src2().toString(), "--task", shards.task().toString()};
        GodwitProcess godwit = GodwitProcess.start(args);
        try {
            Checks.awaitEqual(120, godwit, shards.task(), shards.src1(), shards.src2());
            s1.execute("ALTER TABLE " + a + ".t1 ADD COLUMN c INT", "INSERT INTO " + a + ".t1 VALUES (1001, 1, 5)");
            Checks.awaitValue(target, "SELECT c FROM " + merged + " WHERE id = 1001", "5");
            godwit.kill9();
            // after the restart every shard registers again from its checkpoint; the target has c already
            s2.execute("ALTER TABLE " + b + ".t1 ADD COLUMN c INT", "INSERT INTO " + b + ".t1 VALUES (2001, 3, 7)");
            godwit = GodwitProcess.start(args);
            s1.execute("ALTER TABLE " + a + ".t2 ADD COLUMN c INT", "INSERT INTO " + a + ".t2 VALUES (1002, 2, 6)");
            Checks.awaitValue(target, "SELECT SUM(c) FROM " + merged, "18");
            Checks.awaitEqual(120, godwit, shards.task(), shards.src1(), shards.src2());
            dropColumnEverywhere(shards, merged);
            Checks.awaitEqual(120, godwit, shards.task(), shards.src1(), shards.src2());
            assertThat(godwit.stderr()).doesNotContain("paused");
        } finally {
            if (godwit.isAlive()) {
                godwit.kill9();
            }
        }
    }

    /** DM's deferred drop: the merged table keeps the column until the last shard drops it. */
    private void dropColumnEverywhere(Shards shards, String merged) throws Exception {
        String a = shards.a();
        String b = shards.b();
        String column = "SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '" + shards.m()
                + "' AND TABLE_NAME = 't' AND COLUMN_NAME = 'c'";
        s1.execute("ALTER TABLE " + a + ".t1 DROP COLUMN c", "INSERT INTO " + a + ".t1 VALUES (1003, 1)",
                "ALTER TABLE " + a + ".t2 DROP COLUMN c", "INSERT INTO " + a + ".t2 VALUES (1004, 2)");
        Checks.awaitValue(target, "SELECT COUNT(*) FROM " + merged + " WHERE id IN (1003, 1004) AND c IS NULL", "2");
        assertThat(Checks.single(target, column)).as("b.t1 still has c: the merged table keeps it").isEqualTo("1");
        s2.execute("ALTER TABLE " + b + ".t1 DROP COLUMN c", "INSERT INTO " + b + ".t1 VALUES (2002, 3)");
        Checks.awaitValue(target, "SELECT COUNT(*) FROM " + merged + " WHERE id = 2002", "1");
        assertThat(Checks.single(target, column)).as("the last shard dropped c").isEqualTo("0");
    }
}
