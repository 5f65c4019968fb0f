package io.godwit.worker.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.godwit.core.testkit.DbEndpoint;
import io.godwit.core.testkit.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The agent running a real subtask ({@link StandaloneSubtask}, task mode incremental) for a fake
 * master: rows changed at the source reach the target; paused, the subtask stops with its checkpoint
 * and, resumed, picks up what changed meanwhile; a task over two sources runs only the bound one.
 */
class WorkerAgentIT {
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @Test
    void runsTheBoundSourcesSubtaskPausesAndResumesFromItsCheckpoint() throws Exception {
        DbEndpoint source = TestDatabases.source1();
        DbEndpoint target = TestDatabases.target();
        String schema = TestDatabases.schema(getClass(), "a");
        String meta = TestDatabases.schema(getClass(), "meta");
        String create = "CREATE TABLE " + schema + ".t (id INT PRIMARY KEY, v VARCHAR(20) NOT NULL)";
        source.execute("CREATE DATABASE " + schema, create);
        target.execute("CREATE DATABASE " + schema, create);
        String[] at = binlogPosition(source);
        source.execute("INSERT INTO " + schema + ".t SELECT seq, CONCAT('v', seq) FROM " + schema + ".seq_1_to_100");
        String taskYaml = "name: \"agent\"\n"
                + "task-mode: incremental\n"
                + "meta-schema: \"" + meta + "\"\n"
                + "target-database:\n" + target.yamlConnection(2)
                + "mysql-instances:\n"
                + "  - source-id: \"mysql-01\"\n    block-allow-list: \"l1\"\n"
                + "    meta:\n      binlog-name: \"" + at[0] + "\"\n      binlog-pos: " + at[1] + "\n"
                // the other source of the task is bound to another worker: this one must not touch it
                + "  - source-id: \"mysql-02\"\n    block-allow-list: \"l1\"\n"
                + "block-allow-list:\n  l1:\n    do-dbs: [\"" + schema + "\"]\n";
        String sourceYaml = "source-id: \"mysql-01\"\nenable-gtid: false\nfrom:\n" + source.yamlConnection(2);

        try (FakeMaster master = new FakeMaster().lease(3_000).bind("mysql-01", sourceYaml)
                .expect("agent", "mysql-01", "Running", taskYaml)) {
            WorkerAgent agent = new WorkerAgent("w1", "127.0.0.1:8262", new MasterClient(List.of(master.address()),
                    Duration.ofSeconds(2)), StandaloneSubtask.factory("w1", new io.godwit.shardmerge.InMemoryShardDdlCoordinator()), Duration.ofSeconds(60));
            agent.start();
            try {
                await().atMost(PATIENCE).until(() -> count(target, schema, "TRUE") == 100);
                await().atMost(PATIENCE).until(() -> syncReported(agent));
                assertThat(only(agent).stage()).isEqualTo(SubtaskStage.RUNNING);
                assertThat(only(agent).error()).isNull();

                master.expect("agent", "mysql-01", "Paused", taskYaml);
                await().atMost(PATIENCE).until(() -> only(agent).stage() == SubtaskStage.PAUSED);
                source.execute("INSERT INTO " + schema + ".t VALUES (500, 'while paused')",
                        "DELETE FROM " + schema + ".t WHERE id <= 10");
                // paused means stopped: after a few more keepalives, nothing of it reached the target
                int seen = master.keepalives().size();
                await().atMost(PATIENCE).until(() -> master.keepalives().size() >= seen + 3);
                assertThat(count(target, schema, "TRUE")).isEqualTo(100);

                master.expect("agent", "mysql-01", "Running", taskYaml);
                await().atMost(PATIENCE).until(() -> count(target, schema, "TRUE") == 91);
                assertThat(count(target, schema, "id = 500")).isEqualTo(1);
                assertThat(only(agent).stage()).isEqualTo(SubtaskStage.RUNNING);
            } finally {
                assertThat(agent.stop(Duration.ofSeconds(60))).isTrue();
            }
            assertThat(only(agent).stage()).isEqualTo(SubtaskStage.STOPPED);
        }
    }

    private static SubtaskReport only(WorkerAgent agent) {
        List<SubtaskReport> reports = agent.reports();
        assertThat(reports).singleElement().satisfies(r -> assertThat(r.source()).isEqualTo("mysql-01"));
        return reports.get(0);
    }

    /** Whether the report's status shows the sync of mysql-01 on this worker, and of it alone. */
    private static boolean syncReported(WorkerAgent agent) {
        Map<String, Object> entry = only(agent).status();
        return "mysql-01".equals(entry.get("source_name")) && "w1".equals(entry.get("worker_name"))
                && entry.get("sync_status") != null;
    }

    /** The number of rows of {@code schema.t} matching {@code where}. */
    private static long count(DbEndpoint db, String schema, String where) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + schema + ".t WHERE " + where)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String[] binlogPosition(DbEndpoint db) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW MASTER STATUS")) {
            rs.next();
            return new String[] {rs.getString(1), String.valueOf(rs.getLong(2))};
        }
    }
}
