package io.godwit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.testkit.DbEndpoint;
import io.godwit.core.testkit.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * kill -9 of `godwit standalone` in the middle of a full load, then a rerun of the same command:
 * the rerun completes, source and target are equal, and the chunks that were finished before the
 * kill were not loaded again.
 *
 * <p>The loader runs with {@code on-duplicate-logical: error}, so a finished chunk loaded a second
 * time would stop the rerun with a duplicate-key error; the checkpoint rows of the chunks finished
 * before the kill must come out of the rerun untouched (same finish_time, same rows_loaded).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KillResumeIT {
    private static final int BIG_ROWS = 800_000;
    private static final int SMALL_ROWS = 200_000;
    private static final int SOURCE_ROWS = BIG_ROWS + SMALL_ROWS;
    private static final int ROWS_PER_CHUNK = 20_000;
    /** Kill once at least this many chunks are committed. */
    private static final int KILL_AFTER_FINISHED = 5;

    private final String p = "kr" + Long.toString(System.nanoTime() % 1_000_000, 36) + "_";
    private final String taskName = p + "resume";
    private final String metaSchema = p + "meta";
    private DbEndpoint s1;
    private DbEndpoint target;
    private Path source1;
    private Path task;

    private int killedExitCode;
    /** Checkpoint rows and target row count read in one consistent snapshot right after the kill. */
    private Map<String, Chunk> afterKill;
    private long targetRowsAfterKill;
    private GodwitProcess.Result rerun;
    private Map<String, Chunk> afterRerun;

    @BeforeAll
    void killTheLoadThenRerunIt() throws Exception {
        TestDatabases.startAll();
        s1 = TestDatabases.source1();
        target = TestDatabases.target();
        SampleData.sbtest(s1, p + "src", "sbtest1", BIG_ROWS);
        SampleData.sbtest(s1, p + "src", "sbtest2", SMALL_ROWS);

        Path dir = Files.createTempDirectory("godwit-e2e-kill");
        source1 = TaskFiles.source(dir, "mysql-01", s1);
        task = TaskFiles.write(dir, "task.yaml", ""
                + "name: \"" + taskName + "\"\n"
                + "task-mode: full\n"
                + "meta-schema: \"" + metaSchema + "\"\n"
                + TaskFiles.target(target)
                + "mysql-instances:\n"
                + "  - source-id: \"mysql-01\"\n"
                + "    block-allow-list: \"only-test\"\n"
                + "    mydumper-config-name: \"dump\"\n"
                + "    loader-config-name: \"load\"\n"
                + "block-allow-list:\n"
                + "  only-test:\n"
                + "    do-dbs: [\"" + p + "src\"]\n"
                + "mydumpers:\n"
                + "  dump:\n"
                + "    threads: 2\n"
                + "    rows: " + ROWS_PER_CHUNK + "\n"
                + "loaders:\n"
                + "  load:\n"
                + "    pool-size: 2\n"
                + "    on-duplicate-logical: \"error\"\n");

        GodwitProcess first = GodwitProcess.start("standalone", "--source", source1.toString(), "--task", task.toString());
        try {
            waitUntilSomeButNotAllChunksFinished(first);
            first.kill9();
            assertThat(first.isAlive()).as("the standalone process after kill -9").isFalse();
            killedExitCode = first.exitCode();
        } finally {
            if (first.isAlive()) {
                first.kill9();
            }
        }
        readStateAfterKill();

        long rerunStarted = System.nanoTime();
        rerun = GodwitProcess.run(600, "standalone", "--source", source1.toString(), "--task", task.toString());
        assertThat(rerun.exitCode()).as("the rerun after kill -9: " + rerun).isZero();
        try (Connection c = target.connect()) {
            afterRerun = checkpoints(c);
        }
        System.out.printf("KillResumeIT: killed with %d of %d chunks finished (%,d of %,d rows); rerun took %d ms%n",
                finished(afterKill).size(), afterKill.size(), targetRowsAfterKill, SOURCE_ROWS,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - rerunStarted));
    }

    @AfterAll
    void dropSchemas() {
        s1.execute("DROP DATABASE IF EXISTS `" + p + "src`");
        target.execute("DROP DATABASE IF EXISTS `" + p + "src`", "DROP DATABASE IF EXISTS `" + metaSchema + "`");
    }

    /**
     * Polls the checkpoint table until at least {@link #KILL_AFTER_FINISHED} chunks are finished but
     * not all; fails if the load ended (or the process exited) before that.
     */
    private void waitUntilSomeButNotAllChunksFinished(GodwitProcess process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        String sql = "SELECT COUNT(*), COALESCE(SUM(status = 'finished'), 0) FROM " + checkpointTable();
        try (Connection c = target.connect(); Statement s = c.createStatement()) {
            while (true) {
                if (!process.isAlive()) {
                    throw new AssertionError("godwit standalone exited (" + process.exitCode() + ") before it could be"
                            + " killed in the middle of the load; make the source bigger or the chunks smaller.\n--- stdout\n"
                            + process.stdout() + "\n--- stderr\n" + process.stderr());
                }
                try (ResultSet rs = s.executeQuery(sql)) {
                    rs.next();
                    long planned = rs.getLong(1);
                    long finished = rs.getLong(2);
                    if (planned > 0 && finished == planned) {
                        throw new AssertionError("all " + planned + " chunks finished before the kill; make the source"
                                + " bigger or the chunks smaller");
                    }
                    if (finished >= KILL_AFTER_FINISHED) {
                        return;
                    }
                } catch (SQLException e) {
                    if (e.getErrorCode() != 1146) { // the checkpoint table is not created yet
                        throw e;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("fewer than " + KILL_AFTER_FINISHED + " chunks finished in 300 s;\n--- stderr\n"
                            + process.stderr());
                }
                Thread.sleep(50);
            }
        }
    }

    /**
     * The checkpoints and the loaded rows in ONE snapshot: a commit the server still completes for
     * the killed process after this read then belongs to neither, so the two stay comparable.
     */
    private void readStateAfterKill() throws SQLException {
        try (Connection c = target.connect(); Statement s = c.createStatement()) {
            s.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            s.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
            afterKill = checkpoints(c);
            targetRowsAfterKill = 0;
            for (String t : List.of("sbtest1", "sbtest2")) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM `" + p + "src`.`" + t + "`")) {
                    rs.next();
                    targetRowsAfterKill += rs.getLong(1);
                }
            }
            s.execute("COMMIT");
        }
    }

    @Test
    void killLeavesSomeChunksFinishedWithExactlyTheirRowsCommitted() {
        assertThat(killedExitCode).as("exit code of the killed process (128 + SIGKILL)").isEqualTo(137);
        List<Chunk> finished = finished(afterKill);
        assertThat(finished).as("chunks finished before the kill").hasSizeGreaterThanOrEqualTo(KILL_AFTER_FINISHED);
        assertThat(finished).as("chunks finished before the kill").hasSizeLessThan(afterKill.size());
        assertThat(targetRowsAfterKill).as("target rows after the kill").isLessThan(SOURCE_ROWS);
        assertThat(targetRowsAfterKill).as("target rows after the kill = rows_loaded of the finished chunks")
                .isEqualTo(finished.stream().mapToLong(Chunk::rowsLoaded).sum());
    }

    @Test
    void rerunMakesTargetEqualToSource() throws Exception {
        assertThat(count(s1, "sbtest1")).as("source rows of sbtest1").isEqualTo(BIG_ROWS);
        assertThat(count(s1, "sbtest2")).as("source rows of sbtest2").isEqualTo(SMALL_ROWS);
        assertThat(count(target, "sbtest1")).as("target rows of sbtest1").isEqualTo(BIG_ROWS);
        assertThat(count(target, "sbtest2")).as("target rows of sbtest2").isEqualTo(SMALL_ROWS);
        GodwitProcess.Result check = GodwitProcess.run(300, "check-data", "--source", source1.toString(),
                "--task", task.toString());
        assertThat(check.exitCode()).as(check.toString()).isZero();
    }

    @Test
    void chunksFinishedBeforeTheKillAreNotLoadedAgain() {
        for (Chunk before : finished(afterKill)) {
            Chunk after = afterRerun.get(before.key());
            assertThat(after).as(before.key() + " after the rerun").isNotNull();
            assertThat(after.status()).as(before.key()).isEqualTo("finished");
            assertThat(after.finishTime()).as(before.key() + " finish_time").isEqualTo(before.finishTime());
            assertThat(after.rowsLoaded()).as(before.key() + " rows_loaded").isEqualTo(before.rowsLoaded());
        }
    }

    @Test
    void rerunReusesTheStoredPlanAndFinishesEveryChunkOnce() {
        assertThat(afterRerun.keySet()).as("the chunk plan").isEqualTo(afterKill.keySet());
        for (Chunk before : afterKill.values()) {
            Chunk after = afterRerun.get(before.key());
            assertThat(after.predicate()).as(before.key() + " predicate").isEqualTo(before.predicate());
            assertThat(after.chunkCount()).as(before.key() + " chunk_count").isEqualTo(before.chunkCount());
            assertThat(after.status()).as(before.key() + " status").isEqualTo("finished");
        }
        assertThat(afterRerun.values().stream().filter(c -> c.table().equals("sbtest1")).mapToLong(Chunk::rowsLoaded).sum())
                .as("rows_loaded of sbtest1").isEqualTo(BIG_ROWS);
        assertThat(afterRerun.values().stream().filter(c -> c.table().equals("sbtest2")).mapToLong(Chunk::rowsLoaded).sum())
                .as("rows_loaded of sbtest2").isEqualTo(SMALL_ROWS);
    }

    /**
     * The control for {@link #chunksFinishedBeforeTheKillAreNotLoadedAgain}: with {@code on-duplicate-logical:
     * error} a chunk loaded a second time fails the run, so a rerun that reloaded finished chunks could not pass.
     */
    @Test
    void loadingAFinishedChunkAgainFailsTheRunAndWritesNothing() throws Exception {
        Chunk first = afterRerun.get("sbtest2#0");
        String key = " WHERE source_id = 'mysql-01' AND cp_schema = '" + p + "src' AND cp_table = 'sbtest2'"
                + " AND chunk_index = 0";
        target.execute("UPDATE " + checkpointTable() + " SET status = 'pending'" + key);
        try {
            GodwitProcess.Result again = GodwitProcess.run(300, "standalone", "--source", source1.toString(),
                    "--task", task.toString());
            assertThat(again.exitCode()).as(again.toString()).isEqualTo(1);
            assertThat(again.errorLines()).as(again.toString()).singleElement().asString()
                    .contains("[code=" + ErrorCode.LOAD_DUPLICATE.code() + ":");
            assertThat(count(target, "sbtest2")).as("target rows of sbtest2").isEqualTo(SMALL_ROWS);
            try (Connection c = target.connect()) {
                assertThat(checkpoints(c).get(first.key()).status()).as(first.key()).isEqualTo("pending");
            }
        } finally {
            target.execute("UPDATE " + checkpointTable() + " SET status = 'finished'" + key);
        }
    }

    private String checkpointTable() {
        return "`" + metaSchema + "`.`" + taskName + "_loader_checkpoint`";
    }

    private Map<String, Chunk> checkpoints(Connection c) throws SQLException {
        Map<String, Chunk> out = new LinkedHashMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT cp_table, chunk_index, chunk_count, predicate, status, rows_loaded,"
                     + " finish_time FROM " + checkpointTable() + " WHERE source_id = 'mysql-01' AND cp_schema = '" + p
                     + "src' ORDER BY cp_table, chunk_index")) {
            while (rs.next()) {
                Chunk chunk = new Chunk(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                        rs.getLong(6), rs.getTimestamp(7));
                out.put(chunk.key(), chunk);
            }
        }
        return out;
    }

    private static List<Chunk> finished(Map<String, Chunk> chunks) {
        return chunks.values().stream().filter(c -> c.status().equals("finished")).toList();
    }

    private long count(DbEndpoint db, String table) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM `" + p + "src`.`" + table + "`")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** One row of the load checkpoint table. */
    private record Chunk(String table, int index, int chunkCount, String predicate, String status, long rowsLoaded,
                         Timestamp finishTime) {
        String key() { return table + "#" + index; }
    }
}
