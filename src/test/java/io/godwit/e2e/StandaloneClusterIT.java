package io.godwit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.godwit.core.testkit.DbEndpoint;
import io.godwit.core.testkit.TestDatabases;
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
        TwoSourceTask files = TwoSourceTask.create(getClass(), "one", 500);
        String a = files.a();
        String b = files.b();
        Path src1 = files.src1();
        Path src2 = files.src2();
        Path task = files.task();
        Path data = files.dir().resolve("data");

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
