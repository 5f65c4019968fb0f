package io.godwit.loader;

import static org.assertj.core.api.Assertions.assertThat;

import com.mysql.cj.jdbc.JdbcStatement;
import com.zaxxer.hikari.HikariDataSource;
import io.godwit.core.model.ChunkSpec;
import io.godwit.core.model.TableId;
import io.godwit.core.testkit.TestDatabases;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measures, does not assert speed (DESIGN §6): 200k rows of ~120 bytes in 8 chunks, through
 * {@link ChunkImporter}'s multi-row statements and through a streamed LOAD DATA LOCAL INFILE (TSV
 * generated directly: its best case, without converting row literals), 1 and 4 threads.
 * Run with {@code -Dgodwit.bench=true -Dit.test=ImportThroughputIT}.
 */
@EnabledIfSystemProperty(named = "godwit.bench", matches = "true")
class ImportThroughputIT {
    static final int ROWS = 200_000;
    static final int CHUNKS = 8;
    static final String DB = TestDatabases.schema(ImportThroughputIT.class, "b");
    static final TableId SRC = TableId.of("src", "bench");

    @Test
    void measureInsertAndLoadData() throws Exception {
        TargetDb.endpoint().execute("CREATE DATABASE " + DB);
        try (HikariDataSource pool = TargetDb.pool("loader-bench", 4)) {
            for (int threads : new int[] {1, 4}) {
                for (int round = 0; round < 4; round++) { // round 0 warms the JIT up
                    report("INSERT", threads, insert(pool, threads, "ins_" + threads + "_" + round));
                    report("LOAD DATA", threads, loadData(pool, threads, "ld_" + threads + "_" + round));
                }
            }
        }
    }

    private static long insert(HikariDataSource pool, int threads, String name) throws Exception {
        TableId t = table(name);
        LoadCheckpoints cp = new LoadCheckpoints(pool, DB, name);
        cp.ensureTables();
        ChunkImporter importer = new ChunkImporter(pool, cp, ImportOptions.defaults(OnDuplicate.REPLACE), new LoadProgress());
        List<ChunkSpec> plan = cp.persistPlan("s1", SRC, t, plan());
        List<String> cols = List.of("id", "name", "amount", "created", "payload");
        return timed(threads, plan, chunk -> () -> {
            importer.importChunk(t, cols, "", chunk, "s1", sink -> {
                for (int i = first(chunk); i < first(chunk) + ROWS / CHUNKS; i++) {
                    sink.accept(i + ",'name " + i + "'," + (i % 100000) + ".25,'2024-05-01 10:00:00','" + payload(i) + "'");
                }
            });
            return null;
        }, t);
    }

    private static long loadData(HikariDataSource pool, int threads, String name) throws Exception {
        TableId t = table(name);
        return timed(threads, plan(), chunk -> () -> {
            StringBuilder tsv = new StringBuilder();
            for (int i = first(chunk); i < first(chunk) + ROWS / CHUNKS; i++) {
                tsv.append(i).append("\tname ").append(i).append('\t').append(i % 100000).append(".25\t2024-05-01 10:00:00\t")
                        .append(payload(i)).append('\n');
            }
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                s.unwrap(JdbcStatement.class).setLocalInfileInputStream(
                        new ByteArrayInputStream(tsv.toString().getBytes(StandardCharsets.UTF_8)));
                s.execute("LOAD DATA LOCAL INFILE 'chunk' REPLACE INTO TABLE " + t.quoted()
                        + " CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' LINES TERMINATED BY '\\n'");
                c.commit();
            }
            return null;
        }, t);
    }

    private static long timed(int threads, List<ChunkSpec> plan,
                              java.util.function.Function<ChunkSpec, Callable<Void>> work, TableId t) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        try {
            List<Future<Void>> fs = new ArrayList<>();
            for (ChunkSpec chunk : plan) {
                fs.add(pool.submit(work.apply(chunk)));
            }
            for (Future<Void> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long nanos = System.nanoTime() - start;
        assertThat(TargetDb.count("SELECT COUNT(*) FROM " + t.quoted())).isEqualTo(ROWS);
        return nanos;
    }

    private static void report(String path, int threads, long nanos) {
        System.out.printf("BENCH %-9s threads=%d rows=%d %.2fs %.0f rows/s%n", path, threads, ROWS, nanos / 1e9,
                ROWS / (nanos / 1e9));
    }

    private static TableId table(String name) {
        TargetDb.endpoint().execute("CREATE TABLE " + DB + "." + name + " (id BIGINT PRIMARY KEY, name VARCHAR(64),"
                + " amount DECIMAL(12,2), created DATETIME, payload VARCHAR(200))");
        return TableId.of(DB, name);
    }

    private static List<ChunkSpec> plan() {
        List<ChunkSpec> p = new ArrayList<>();
        for (int i = 0; i < CHUNKS; i++) {
            p.add(new ChunkSpec(SRC, i, CHUNKS, "chunk " + i));
        }
        return p;
    }

    private static int first(ChunkSpec chunk) {
        return chunk.index() * (ROWS / CHUNKS);
    }

    private static String payload(int i) {
        return "payload-" + Integer.toHexString(i) + "-abcdefghijklmnopqrstuvwxyz0123456789-" + (i % 977);
    }
}
