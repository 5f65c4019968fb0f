package io.godwit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.godwit.core.testkit.DbEndpoint;
import io.godwit.core.testkit.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A cluster of real processes: one master and three workers as child JVMs, two sources (so one
 * worker stays free), driven by dmctl as a DBA drives DM. A task-mode all task runs under writes;
 * the worker holding a source is killed with kill -9 and the source must be bound to the free
 * worker within 30 s, the task converging to equal. The master is restarted with its sources,
 * tasks and stages intact; pause, resume and stop behave as in DM; transfer-source moves a source to a
 * new free worker; start-task --remove-meta reloads; a source logging STATEMENT is refused by start-task
 * naming the precheck item.
 */
class ClusterIT {
    @Test
    void failoverRestartAndTheTaskLifecycleUnderDmctl() throws Exception {
        try (ClusterProcesses cluster = new ClusterProcesses()) {
            run(cluster);
        }
    }

    private void run(ClusterProcesses cluster) throws Exception {
        DbEndpoint s1 = TestDatabases.source1();
        DbEndpoint s2 = TestDatabases.source2();
        DbEndpoint target = TestDatabases.target();
        TwoSourceTask files = TwoSourceTask.create(getClass(), "clu", 1000);
        String a = files.a();
        String b = files.b();
        String meta = files.meta();
        Path dir = files.dir();
        Path src1 = files.src1();
        Path src2 = files.src2();
        Path task = files.task();

        Path data = dir.resolve("m1");
        GodwitProcess master = cluster.startMaster(data);
        Map<String, GodwitProcess> workers = new LinkedHashMap<>();
        for (String w : List.of("w1", "w2", "w3")) {
            workers.put(w, cluster.startWorker(w));
        }
        awaitWorkers(cluster, 3);

        JsonNode created = cluster.dmctlOk("operate-source", "create", src1.toString(), src2.toString());
        assertThat(created.path("sources")).hasSize(2);
        assertThat(cluster.dmctlOk("check-task", task.toString()).path("msg").asText()).isEqualTo("check pass!!!");
        JsonNode startedTask = cluster.dmctlOk("start-task", task.toString());
        assertThat(startedTask.path("sources")).hasSize(2);

        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> writeFailure = new AtomicReference<>();
        Thread writer = new Thread(() -> write(s1, s2, a, b, stop, writeFailure), "cluster-it-writer");
        writer.start();
        String holder;
        String free;
        try {
            cluster.awaitStage("clu", "Running", 2, 120);
            Thread.sleep(2000);
            // kill -9 the worker holding mysql-01; the free one must take it over
            holder = boundWorker(cluster, "mysql-01");
            free = freeWorker(cluster);
            assertThat(holder).isNotEmpty();
            assertThat(free).isNotEmpty();
            workers.get(holder).kill9();
            long killedAt = System.currentTimeMillis();
            while (!free.equals(boundWorker(cluster, "mysql-01"))) {
                assertThat(System.currentTimeMillis() - killedAt).as("mysql-01 rebound to %s within 30 s", free)
                        .isLessThan(30_000);
                Thread.sleep(500);
            }
            cluster.awaitStage("clu", "Running", 2, 60);
            Thread.sleep(2000);
        } finally {
            stop.set(true);
            writer.join();
        }
        assertThat(writeFailure.get()).isNull();
        Checks.awaitEqual(90, null, task, src1, src2);
        // query-status shows what the new worker reports for mysql-01: where its sync is
        JsonNode detail = cluster.dmctlOk("query-status", "clu", "-s", "mysql-01");
        assertThat(detail.path("sources")).hasSize(1);
        JsonNode reported = detail.path("sources").get(0).path("subTaskStatus").get(0).path("status");
        assertThat(reported.path("worker_name").asText()).isEqualTo(free);
        assertThat(reported.path("sync_status").path("syncer_binlog").asText()).startsWith("(");

        // pause and resume, as in DM
        cluster.dmctlOk("pause-task", "clu");
        cluster.awaitStage("clu", "Paused", 2, 60);
        s1.execute("UPDATE " + a + ".t SET n = n + 100 WHERE id = 1");
        cluster.dmctlOk("resume-task", "clu");
        cluster.awaitStage("clu", "Running", 2, 60);
        Checks.awaitEqual(90, null, task, src1, src2);

        // the master restarts on the same address and data directory: sources, task and stages intact
        assertThat(master.terminate(60)).isZero();
        master = cluster.startMaster(data);
        assertThat(cluster.dmctlOk("operate-source", "show").path("sources")).hasSize(2);
        assertThat(cluster.dmctlOk("query-status").path("tasks").get(0).path("taskName").asText()).isEqualTo("clu");
        cluster.awaitStage("clu", "Running", 2, 60);
        s2.execute("UPDATE " + b + ".t SET n = n + 7 WHERE id = 2");
        Checks.awaitEqual(90, null, task, src1, src2);

        JsonNode members = cluster.dmctlOk("list-member");
        assertThat(members.toString()).contains("\"name\":\"m1\"").contains(free);
        // transfer-source to a free worker: the one killed is gone, so no worker is free: refused in one line
        GodwitProcess.Result refused = cluster.dmctl("transfer-source", "mysql-02", holder);
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.errorLines()).singleElement().satisfies(l -> assertThat(l).startsWith("dmctl: "));
        // a new worker is free: transfer-source moves mysql-02 to it, and its subtask resumes there
        workers.put("w4", cluster.startWorker("w4"));
        long joinDeadline = System.currentTimeMillis() + 60_000;
        while (!"w4".equals(freeWorker(cluster))) {
            assertThat(System.currentTimeMillis()).as("w4 registered and free").isLessThan(joinDeadline);
            Thread.sleep(500);
        }
        cluster.dmctlOk("transfer-source", "mysql-02", "w4");
        assertThat(boundWorker(cluster, "mysql-02")).isEqualTo("w4");
        cluster.awaitStage("clu", "Running", 2, 60);
        s2.execute("UPDATE " + b + ".t SET n = n + 11 WHERE id = 5");
        Checks.awaitEqual(90, null, task, src1, src2);
        assertThat(cluster.dmctlOk("query-status", "clu", "-s", "mysql-02").path("sources").get(0)
                .path("subTaskStatus").get(0).path("status").path("worker_name").asText()).isEqualTo("w4");

        // the task as the master keeps it, passwords masked
        assertThat(cluster.dmctlOk("config", "task", "clu").path("cfg").asText()).contains("task-mode: all")
                .contains("mysql-01").contains("mysql-02");
        // what the cluster's members run with, as DM's config source|master|worker shows it
        Path sourceCopy = dir.resolve("mysql-01.copy.yaml");
        assertThat(cluster.dmctlOk("config", "source", "mysql-01", "-p", sourceCopy.toString()).path("msg").asText())
                .contains("succeed");
        assertThat(Files.readString(sourceCopy)).contains("source-id").contains("mysql-01").contains("enable-gtid");
        assertThat(cluster.dmctlOk("config", "master", "m1").path("cfg").asText()).contains("name = \"m1\"")
                .contains("data-dir").contains("keepalive-ttl");
        assertThat(cluster.dmctlOk("config", "worker", free).path("cfg").asText()).contains("name = \"" + free + "\"")
                .contains("join = \"" + cluster.addr + "\"");
        GodwitProcess.Result noWorker = cluster.dmctl("config", "worker", "nope");
        assertThat(noWorker.exitCode()).isEqualTo(1);
        assertThat(noWorker.errorLines()).singleElement().satisfies(l -> assertThat(l).contains("nope"));
        cluster.dmctlOk("stop-task", "clu");
        // with no task on it, a source may be updated
        assertThat(cluster.dmctlOk("operate-source", "update", src1.toString()).path("sources")).hasSize(1);
        GodwitProcess.Result encrypted = GodwitProcess.dmctl(60, "encrypt", "s3cret");
        assertThat(encrypted.exitCode()).isZero();
        assertThat(encrypted.stdout().strip()).isNotEmpty().isNotEqualTo("s3cret");
        GodwitProcess.Result unknown = cluster.dmctl("query-status", "clu");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.errorLines()).singleElement().satisfies(l -> assertThat(l).startsWith("dmctl: ").contains("clu"));

        // start-task --remove-meta forgets the checkpoints: the task loads again from a new snapshot.
        // Rows deleted in the target only come back that way; a resumed sync would leave them missing.
        target.execute("DELETE FROM " + b + ".t WHERE id <= 10");
        assertThat(Checks.count(target, "SELECT COUNT(*) FROM " + meta + ".clu_loader_checkpoint")).isPositive();
        assertThat(cluster.dmctlOk("start-task", "--remove-meta", task.toString()).path("sources")).hasSize(2);
        cluster.awaitStage("clu", "Running", 2, 120);
        Checks.awaitEqual(90, null, task, src1, src2);
        cluster.dmctlOk("stop-task", "clu");
        cluster.dmctlOk("operate-source", "stop", "mysql-02");
        assertThat(cluster.dmctlOk("operate-source", "show").path("sources")).hasSize(1);

        // a source that logs statements: start-task is refused, naming the precheck item
        s2.execute("SET GLOBAL binlog_format = 'STATEMENT'");
        try {
            cluster.dmctlOk("operate-source", "create", src2.toString());
            GodwitProcess.Result statement = cluster.dmctl("start-task", task.toString());
            assertThat(statement.exitCode()).as("%s", statement).isEqualTo(1);
            assertThat(statement.errorLines()).singleElement().satisfies(l -> assertThat(l).contains("binlog_format"));
        } finally {
            s2.execute("SET GLOBAL binlog_format = 'ROW'");
        }
        for (GodwitProcess w : workers.values()) {
            if (w.isAlive()) {
                assertThat(w.terminate(90)).as("worker SIGTERM exit; stderr:\n%s", w.stderr()).isZero();
            }
        }
        assertThat(master.terminate(60)).isZero();
    }

    private static void awaitWorkers(ClusterProcesses cluster, int n) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            JsonNode m = cluster.dmctlOk("list-member", "--worker");
            if (m.path("members").get(0).path("worker").path("workers").size() >= n) {
                return;
            }
            assertThat(System.currentTimeMillis()).as("%d workers registered: %s", n, m).isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    private static String boundWorker(ClusterProcesses cluster, String source) throws Exception {
        for (JsonNode s : cluster.dmctlOk("operate-source", "show").path("sources")) {
            if (source.equals(s.path("source").asText())) {
                return s.path("worker").asText();
            }
        }
        return "";
    }

    private static String freeWorker(ClusterProcesses cluster) throws Exception {
        for (JsonNode w : cluster.dmctlOk("list-member", "--worker").path("members").get(0).path("worker").path("workers")) {
            if ("free".equals(w.path("stage").asText())) {
                return w.path("name").asText();
            }
        }
        return "";
    }

    private static void write(DbEndpoint s1, DbEndpoint s2, String a, String b, AtomicBoolean stop,
                              AtomicReference<Throwable> failure) {
        try (Connection c1 = s1.connect(); Connection c2 = s2.connect();
             Statement x = c1.createStatement(); Statement y = c2.createStatement()) {
            for (int i = 0; !stop.get(); i++) {
                x.execute("UPDATE " + a + ".t SET n = n + 1 WHERE id = " + (1 + i % 1000));
                y.execute("UPDATE " + b + ".t SET n = n + 1 WHERE id = " + (1 + (i * 7) % 1000));
                if (i % 50 == 0) {
                    x.execute("INSERT INTO " + a + ".t VALUES (" + (10_000 + i) + ", 1)");
                }
                Thread.sleep(2);
            }
        } catch (Throwable t) {
            failure.set(t);
        }
    }
}
