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
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A cluster of real processes: one master and three workers as child JVMs, two sources (so one
 * worker stays free), driven by dmctl as a DBA drives DM. A task-mode all task runs under writes;
 * the worker holding a source is killed with kill -9 and the source must be bound to the free
 * worker within 30 s, the task converging to equal. The master is restarted with its sources,
 * tasks and stages intact; pause, resume and stop behave as in DM; a source logging STATEMENT is
 * refused by start-task naming the precheck item.
 */
class ClusterIT {
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
    void failoverRestartAndTheTaskLifecycleUnderDmctl() throws Exception {
        DbEndpoint s1 = TestDatabases.source1();
        DbEndpoint s2 = TestDatabases.source2();
        DbEndpoint target = TestDatabases.target();
        String a = TestDatabases.schema(getClass(), "a");
        String b = TestDatabases.schema(getClass(), "b");
        String meta = TestDatabases.schema(getClass(), "meta");
        s1.execute("CREATE DATABASE " + a, "CREATE TABLE " + a + ".t (id INT PRIMARY KEY, n INT NOT NULL)",
                "INSERT INTO " + a + ".t SELECT seq, 0 FROM " + a + ".seq_1_to_1000");
        s2.execute("CREATE DATABASE " + b, "CREATE TABLE " + b + ".t (id INT PRIMARY KEY, n INT NOT NULL)",
                "INSERT INTO " + b + ".t SELECT seq, 0 FROM " + b + ".seq_1_to_1000");

        Path dir = Files.createTempDirectory("godwit-cluster");
        Path src1 = TaskFiles.source(dir, "mysql-01", s1);
        Path src2 = TaskFiles.source(dir, "mysql-02", s2);
        Path task = TaskFiles.write(dir, "task.yaml", "name: \"clu\"\n"
                + "task-mode: all\n"
                + "meta-schema: \"" + meta + "\"\n"
                + TaskFiles.target(target)
                + "mysql-instances:\n"
                + "  - source-id: \"mysql-01\"\n    block-allow-list: \"l1\"\n"
                + "  - source-id: \"mysql-02\"\n    block-allow-list: \"l2\"\n"
                + "block-allow-list:\n"
                + "  l1:\n    do-dbs: [\"" + a + "\"]\n"
                + "  l2:\n    do-dbs: [\"" + b + "\"]\n");

        int port = freePort();
        String addr = "127.0.0.1:" + port;
        Path data = dir.resolve("m1");
        GodwitProcess master = startMaster(addr, data);
        Map<String, GodwitProcess> workers = new LinkedHashMap<>();
        for (String w : List.of("w1", "w2", "w3")) {
            workers.put(w, start("worker", "--name", w, "--worker-addr", "127.0.0.1:0", "--join", addr));
        }
        awaitWorkers(addr, 3);

        JsonNode created = dmctlOk(addr, "operate-source", "create", src1.toString(), src2.toString());
        assertThat(created.path("sources")).hasSize(2);
        assertThat(dmctlOk(addr, "check-task", task.toString()).path("msg").asText()).isEqualTo("check pass!!!");
        JsonNode startedTask = dmctlOk(addr, "start-task", task.toString());
        assertThat(startedTask.path("sources")).hasSize(2);

        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> writeFailure = new AtomicReference<>();
        Thread writer = new Thread(() -> write(s1, s2, a, b, stop, writeFailure), "cluster-it-writer");
        writer.start();
        String holder;
        String free;
        try {
            awaitStage(addr, "clu", "Running", 2, 120);
            Thread.sleep(2000);
            // kill -9 the worker holding mysql-01; the free one must take it over
            holder = boundWorker(addr, "mysql-01");
            free = freeWorker(addr);
            assertThat(holder).isNotEmpty();
            assertThat(free).isNotEmpty();
            workers.get(holder).kill9();
            long killedAt = System.currentTimeMillis();
            while (!free.equals(boundWorker(addr, "mysql-01"))) {
                assertThat(System.currentTimeMillis() - killedAt).as("mysql-01 rebound to %s within 30 s", free)
                        .isLessThan(30_000);
                Thread.sleep(500);
            }
            awaitStage(addr, "clu", "Running", 2, 60);
            Thread.sleep(2000);
        } finally {
            stop.set(true);
            writer.join();
        }
        assertThat(writeFailure.get()).isNull();
        awaitEqual(src1, src2, task);

        // pause and resume, as in DM
        dmctlOk(addr, "pause-task", "clu");
        awaitStage(addr, "clu", "Paused", 2, 60);
        s1.execute("UPDATE " + a + ".t SET n = n + 100 WHERE id = 1");
        dmctlOk(addr, "resume-task", "clu");
        awaitStage(addr, "clu", "Running", 2, 60);
        awaitEqual(src1, src2, task);

        // the master restarts on the same address and data directory: sources, task and stages intact
        assertThat(master.terminate(60)).isZero();
        master = startMaster(addr, data);
        assertThat(dmctlOk(addr, "operate-source", "show").path("sources")).hasSize(2);
        assertThat(dmctlOk(addr, "query-status").path("tasks").get(0).path("taskName").asText()).isEqualTo("clu");
        awaitStage(addr, "clu", "Running", 2, 60);
        s2.execute("UPDATE " + b + ".t SET n = n + 7 WHERE id = 2");
        awaitEqual(src1, src2, task);

        JsonNode members = dmctlOk(addr, "list-member");
        assertThat(members.toString()).contains("\"name\":\"m1\"").contains(free);
        // transfer-source to a free worker: the one killed is gone, so no worker is free: refused in one line
        GodwitProcess.Result refused = GodwitProcess.dmctl(60, "--master-addr", addr, "transfer-source", "mysql-02", holder);
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.errorLines()).singleElement().satisfies(l -> assertThat(l).startsWith("dmctl: "));

        dmctlOk(addr, "stop-task", "clu");
        GodwitProcess.Result unknown = GodwitProcess.dmctl(60, "--master-addr", addr, "query-status", "clu");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.errorLines()).singleElement().satisfies(l -> assertThat(l).startsWith("dmctl: ").contains("clu"));
        dmctlOk(addr, "operate-source", "stop", "mysql-02");
        assertThat(dmctlOk(addr, "operate-source", "show").path("sources")).hasSize(1);

        // a source that logs statements: start-task is refused, naming the precheck item
        s2.execute("SET GLOBAL binlog_format = 'STATEMENT'");
        try {
            dmctlOk(addr, "operate-source", "create", src2.toString());
            GodwitProcess.Result statement = GodwitProcess.dmctl(120, "--master-addr", addr, "start-task", task.toString());
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

    private GodwitProcess start(String... args) throws IOException {
        GodwitProcess p = GodwitProcess.start(args);
        started.add(p);
        return p;
    }

    private GodwitProcess startMaster(String addr, Path data) throws Exception {
        GodwitProcess m = start("master", "--name", "m1", "--master-addr", addr, "--data-dir", data.toString(),
                "--keepalive-ttl", "5s");
        long deadline = System.currentTimeMillis() + 60_000;
        while (!m.stdout().contains("listening: ")) {
            assertThat(m.isAlive()).as("master died:\n%s", m.stderr()).isTrue();
            assertThat(System.currentTimeMillis()).as("master did not start").isLessThan(deadline);
            Thread.sleep(200);
        }
        return m;
    }

    private static JsonNode dmctlOk(String addr, String... args) throws Exception {
        String[] all = new String[args.length + 2];
        all[0] = "--master-addr";
        all[1] = addr;
        System.arraycopy(args, 0, all, 2, args.length);
        GodwitProcess.Result r = GodwitProcess.dmctl(120, all);
        assertThat(r.exitCode()).as("dmctl %s: %s", String.join(" ", args), r).isZero();
        JsonNode out = JSON.readTree(r.stdout());
        assertThat(out.path("result").asBoolean()).as("%s", r.stdout()).isTrue();
        return out;
    }

    private static void awaitWorkers(String addr, int n) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            JsonNode m = dmctlOk(addr, "list-member", "--worker");
            if (m.path("members").get(0).path("worker").path("workers").size() >= n) {
                return;
            }
            assertThat(System.currentTimeMillis()).as("%d workers registered: %s", n, m).isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    private static String boundWorker(String addr, String source) throws Exception {
        for (JsonNode s : dmctlOk(addr, "operate-source", "show").path("sources")) {
            if (source.equals(s.path("source").asText())) {
                return s.path("worker").asText();
            }
        }
        return "";
    }

    private static String freeWorker(String addr) throws Exception {
        for (JsonNode w : dmctlOk(addr, "list-member", "--worker").path("members").get(0).path("worker").path("workers")) {
            if ("free".equals(w.path("stage").asText())) {
                return w.path("name").asText();
            }
        }
        return "";
    }

    private static void awaitStage(String addr, String task, String stage, int subtasks, int seconds) throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        JsonNode last = null;
        while (System.currentTimeMillis() < deadline) {
            last = dmctlOk(addr, "query-status", task);
            int matching = 0;
            for (JsonNode s : last.path("sources")) {
                if (stage.equals(s.path("subTaskStatus").get(0).path("stage").asText())) {
                    matching++;
                }
            }
            if (matching == subtasks) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(subtasks + " subtasks of " + task + " not " + stage + " within " + seconds + " s: " + last);
    }

    private static void awaitEqual(Path src1, Path src2, Path task) throws Exception {
        GodwitProcess.Result check = null;
        long deadline = System.currentTimeMillis() + 90_000;
        while (System.currentTimeMillis() < deadline) {
            check = GodwitProcess.run(120, "check-data", "--source", src1.toString(), "--source", src2.toString(),
                    "--task", task.toString());
            if (check.exitCode() == 0) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("not equal within 90 s: " + check);
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

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
