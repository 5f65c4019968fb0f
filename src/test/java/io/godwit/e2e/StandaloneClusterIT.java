package io.godwit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.godwit.core.testkit.DbEndpoint;
import io.godwit.core.testkit.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code godwit standalone} without task files is the master and its workers in one JVM: driven by
 * dmctl like a cluster, a worker started per source, its meta store surviving a restart of the
 * process, the subtasks resuming from their checkpoints.
 */
class StandaloneClusterIT {
    @Test
    void oneProcessRunsATaskStartedWithDmctlAndResumesItAfterARestart() throws Exception {
        DbEndpoint s1 = TestDatabases.source1();
        DbEndpoint s2 = TestDatabases.source2();
        DbEndpoint target = TestDatabases.target();
        String a = TestDatabases.schema(getClass(), "a");
        String b = TestDatabases.schema(getClass(), "b");
        String meta = TestDatabases.schema(getClass(), "meta");
        s1.execute("CREATE DATABASE " + a, "CREATE TABLE " + a + ".t (id INT PRIMARY KEY, n INT NOT NULL)",
                "INSERT INTO " + a + ".t SELECT seq, 0 FROM " + a + ".seq_1_to_500");
        s2.execute("CREATE DATABASE " + b, "CREATE TABLE " + b + ".t (id INT PRIMARY KEY, n INT NOT NULL)",
                "INSERT INTO " + b + ".t SELECT seq, 0 FROM " + b + ".seq_1_to_500");
        Path dir = Files.createTempDirectory("godwit-standalone-cluster");
        Path src1 = TaskFiles.source(dir, "mysql-01", s1);
        Path src2 = TaskFiles.source(dir, "mysql-02", s2);
        Path task = TaskFiles.write(dir, "task.yaml", "name: \"one\"\n"
                + "task-mode: all\n"
                + "meta-schema: \"" + meta + "\"\n"
                + TaskFiles.target(target)
                + "mysql-instances:\n"
                + "  - source-id: \"mysql-01\"\n    block-allow-list: \"l1\"\n"
                + "  - source-id: \"mysql-02\"\n    block-allow-list: \"l2\"\n"
                + "block-allow-list:\n"
                + "  l1:\n    do-dbs: [\"" + a + "\"]\n"
                + "  l2:\n    do-dbs: [\"" + b + "\"]\n");
        Path data = dir.resolve("data");

        try (ClusterProcesses cluster = new ClusterProcesses()) {
            GodwitProcess standalone = cluster.startStandalone(data);
            cluster.dmctlOk("operate-source", "create", src1.toString(), src2.toString());
            cluster.dmctlOk("start-task", task.toString());
            JsonNode running = cluster.awaitStage("one", "Running", 2, 120);
            // each source runs on a worker of this process
            assertThat(running.toString()).contains("standalone-worker-");
            s1.execute("UPDATE " + a + ".t SET n = n + 1 WHERE id <= 100");
            s2.execute("DELETE FROM " + b + ".t WHERE id > 450");
            Checks.awaitEqual(90, standalone, task, src1, src2);
            assertThat(cluster.dmctlOk("list-member", "--worker").toString()).contains("standalone-worker-1")
                    .contains("standalone-worker-2");

            // SIGTERM checkpoints and exits 0; the same data directory brings sources, task and stages back
            assertThat(standalone.terminate(90)).as("standalone SIGTERM exit; stderr:\n%s", standalone.stderr()).isZero();
            assertThat(standalone.stdout()).contains("stopped: subtasks checkpointed");
            s1.execute("INSERT INTO " + a + ".t VALUES (1000, 7)");
            s2.execute("UPDATE " + b + ".t SET n = 9 WHERE id = 3");
            standalone = cluster.startStandalone(data);
            cluster.awaitStage("one", "Running", 2, 120);
            Checks.awaitEqual(90, standalone, task, src1, src2);

            cluster.dmctlOk("pause-task", "one");
            cluster.awaitStage("one", "Paused", 2, 60);
            cluster.dmctlOk("stop-task", "one");
            assertThat(standalone.terminate(90)).isZero();
        }
    }
}
