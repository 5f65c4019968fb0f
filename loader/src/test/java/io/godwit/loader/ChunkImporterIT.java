package io.godwit.loader;

import io.godwit.core.config.LoaderConfig.OnDuplicate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.ChunkSpec;
import io.godwit.core.model.TableId;
import io.godwit.core.testkit.TestDatabases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ChunkImporterIT {
    static final String DB = TestDatabases.schema(ChunkImporterIT.class, "t");
    static final String META = TestDatabases.schema(ChunkImporterIT.class, "meta");
    static final String SOURCE = "mysql-01";
    static final TableId SRC = TableId.of("shard_1", "orders_01");
    static HikariDataSource pool;

    @BeforeAll
    static void start() {
        pool = TargetDb.pool("loader-it-target", 4);
        TargetDb.endpoint().execute("CREATE DATABASE " + DB);
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    @Test
    void skipsAChunkWhoseCheckpointIsFinished() {
        TableId t = table("skip", "id BIGINT PRIMARY KEY, v VARCHAR(20)");
        Fixture f = fixture("skip", ImportOptions.defaults(OnDuplicate.ERROR));
        List<ChunkSpec> plan = f.checkpoints.persistPlan(SOURCE, SRC, t, plan(2));

        ChunkLoadResult first = f.importer.importChunk(ChunkTarget.of(t, List.of("id", "v")), plan.get(0), SOURCE, rows(0, 1000));
        assertThat(first.skipped()).isFalse();
        assertThat(first.rows()).isEqualTo(1000);
        ChunkLoadResult again = f.importer.importChunk(ChunkTarget.of(t, List.of("id", "v")), plan.get(0), SOURCE, rows(0, 1000));
        assertThat(again.skipped()).isTrue();
        assertThat(TargetDb.count("SELECT COUNT(*) FROM " + t.quoted())).isEqualTo(1000);
        assertThat(f.checkpoints.finishedChunks(SOURCE, SRC)).containsExactly(0);
        assertThat(f.progress.of(SRC).rows()).isEqualTo(1000);
        assertThat(f.progress.of(SRC).bytes()).isEqualTo(first.bytes()).isGreaterThan(1000 * 5);
    }

    @Test
    void failureInTheMiddleOfAChunkLeavesNoRowsAndNoCheckpoint() {
        TableId t = table("fail", "id BIGINT, v VARCHAR(20)"); // keyless: a duplicate would go unnoticed
        Fixture f = fixture("fail", new ImportOptions(OnDuplicate.REPLACE, 4096, 3, Duration.ZERO, Duration.ZERO, false));
        List<ChunkSpec> plan = f.checkpoints.persistPlan(SOURCE, SRC, t, plan(1));
        RowSource failing = sink -> {
            rows(0, 2500).forEach(sink);
            throw new IllegalStateException("source connection reset");
        };
        assertThatThrownBy(() -> f.importer.importChunk(ChunkTarget.of(t, List.of("id", "v")), plan.get(0), SOURCE, failing))
                .isInstanceOfSatisfying(GodwitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LOAD_FAILED))
                .hasMessageContaining(plan.get(0).name()).hasMessageContaining(t.quoted());
        assertThat(TargetDb.count("SELECT COUNT(*) FROM " + t.quoted())).isZero();
        assertThat(f.checkpoints.finishedChunks(SOURCE, SRC)).isEmpty();

        ChunkLoadResult rerun = f.importer.importChunk(ChunkTarget.of(t, List.of("id", "v")), plan.get(0), SOURCE, rows(0, 5000));
        assertThat(rerun.rows()).isEqualTo(5000);
        assertThat(TargetDb.count("SELECT COUNT(*) FROM " + t.quoted())).isEqualTo(5000);
        assertThat(TargetDb.count("SELECT COUNT(DISTINCT id) FROM " + t.quoted())).isEqualTo(5000);
    }

    @Test
    void retriesAChunkAfterALostConnectionWithoutDuplicates() {
        TableId t = table("lost", "id BIGINT, v VARCHAR(20)");
        Fixture f = fixture("lost", new ImportOptions(OnDuplicate.REPLACE, 4096, 3, Duration.ofMillis(10), Duration.ofMillis(50), false));
        List<ChunkSpec> plan = f.checkpoints.persistPlan(SOURCE, SRC, t, plan(1));
        AtomicInteger calls = new AtomicInteger();
        RowSource killOnce = sink -> {
            boolean first = calls.incrementAndGet() == 1;
            for (int i = 0; i < 3000; i++) {
                if (first && i == 1500) {
                    // the importer's session holds the only open InnoDB transaction writing this table
                    TargetDb.rows("SELECT trx_mysql_thread_id FROM information_schema.INNODB_TRX")
                            .forEach(id -> TargetDb.endpoint().execute("KILL CONNECTION " + id));
                }
                sink.accept(i + ",'v" + i + "'");
            }
        };
        ChunkLoadResult r = f.importer.importChunk(ChunkTarget.of(t, List.of("id", "v")), plan.get(0), SOURCE, killOnce);
        assertThat(r.attempts()).isEqualTo(2);
        assertThat(TargetDb.count("SELECT COUNT(*) FROM " + t.quoted())).isEqualTo(3000);
        assertThat(TargetDb.count("SELECT COUNT(DISTINCT id) FROM " + t.quoted())).isEqualTo(3000);
    }

    @Test
    void onDuplicateReplaceIgnoreAndError() {
        String cols = "id INT PRIMARY KEY, v VARCHAR(5) NOT NULL";
        for (OnDuplicate mode : OnDuplicate.values()) {
            TableId t = table("dup_" + mode.name().toLowerCase(), cols);
            TargetDb.endpoint().execute("INSERT INTO " + t.quoted() + " VALUES (1,'old')");
            Fixture f = fixture("dup_" + mode.name().toLowerCase(), ImportOptions.defaults(mode));
            ChunkSpec chunk = f.checkpoints.persistPlan(SOURCE, SRC, t, plan(1)).get(0);
            RowSource rows = sink -> {
                sink.accept("1,'new'");
                sink.accept("2,'x'");
            };
            switch (mode) {
                case REPLACE -> {
                    f.importer.importChunk(ChunkTarget.of(t, List.of("id", "v")), chunk, SOURCE, rows);
                    assertThat(TargetDb.rows("SELECT * FROM " + t.quoted() + " ORDER BY id")).containsExactly("1|new", "2|x");
                }
                case IGNORE -> {
                    f.importer.importChunk(ChunkTarget.of(t, List.of("id", "v")), chunk, SOURCE, rows);
                    assertThat(TargetDb.rows("SELECT * FROM " + t.quoted() + " ORDER BY id")).containsExactly("1|old", "2|x");
                }
                case ERROR -> {
                    assertThatThrownBy(() -> f.importer.importChunk(ChunkTarget.of(t, List.of("id", "v")), chunk, SOURCE, rows))
                            .isInstanceOfSatisfying(GodwitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LOAD_DUPLICATE))
                            .hasMessageContaining(t.quoted()).hasMessageContaining(chunk.name());
                    assertThat(TargetDb.rows("SELECT * FROM " + t.quoted() + " ORDER BY id")).containsExactly("1|old");
                    assertThat(f.checkpoints.finishedChunks(SOURCE, SRC)).isEmpty();
                }
            }
        }
    }

    @Test
    void ignoreStillFailsOnValuesTheTargetWouldAlter() {
        TableId t = table("ignore_trunc", "id INT PRIMARY KEY, v VARCHAR(3) NOT NULL");
        Fixture f = fixture("ignore_trunc", ImportOptions.defaults(OnDuplicate.IGNORE));
        ChunkSpec chunk = f.checkpoints.persistPlan(SOURCE, SRC, t, plan(1)).get(0);
        assertThatThrownBy(() -> f.importer.importChunk(ChunkTarget.of(t, List.of("id", "v")), chunk, SOURCE, sink -> sink.accept("1,'toolong'")))
                .isInstanceOfSatisfying(GodwitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LOAD_FAILED))
                .hasMessageContaining("statement [INSERT INTO " + t.quoted());
        assertThat(TargetDb.count("SELECT COUNT(*) FROM " + t.quoted())).isZero();
    }

    @Test
    void mergesTwoSourcesIntoOneTableWithExtractColumns() {
        String sourceDdl = "CREATE TABLE `orders_01` (\n  `id` bigint(20) NOT NULL,\n  `amount` decimal(10,2) DEFAULT NULL,\n"
                + "  PRIMARY KEY (`id`,`c_source_pk`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
        // the PK must include an extract column, or shards with equal ids collide: the user's business, as in DM
        sourceDdl = sourceDdl.replace("`c_source_pk`", "`c_source`");
        TableId merged = TableId.of(DB, "all_orders");
        TargetSchemaCreator creator = new TargetSchemaCreator(pool);
        List<String> extra = List.of("c_table", "c_source");
        TargetTable first = creator.createTable(merged, sourceDdl, extra);
        TargetTable second = creator.createTable(merged, sourceDdl, extra);
        assertThat(first.created()).isTrue();
        assertThat(second.created()).isFalse();
        assertThat(second.columns()).containsExactly("id", "amount", "c_table", "c_source");

        Fixture f = fixture("merge", ImportOptions.defaults(OnDuplicate.ERROR));
        for (String source : List.of("s1", "s2")) {
            ChunkSpec chunk = f.checkpoints.persistPlan(source, SRC, merged, plan(1)).get(0);
            RowSource rows = sink -> {
                for (int i = 1; i <= 100; i++) {
                    sink.accept(i + "," + i + ".50");
                }
            };
            f.importer.importChunk(new ChunkTarget(merged, List.of("id", "amount"),
                    new java.util.LinkedHashMap<>(java.util.Map.of("c_table", "orders_01", "c_source", source))), chunk, source, rows);
        }
        assertThat(TargetDb.rows("SELECT c_source, c_table, COUNT(*), SUM(amount) FROM " + merged.quoted()
                + " GROUP BY c_source, c_table ORDER BY c_source")).containsExactly("s1|orders_01|100|5100.00", "s2|orders_01|100|5100.00");
        assertThat(f.checkpoints.finishedChunks("s1", SRC)).containsExactly(0);
        assertThat(f.checkpoints.finishedChunks("s2", SRC)).containsExactly(0);
    }

    @Test
    void resumeReusesTheStoredPlanAndRejectsChunksOfAnother() {
        TableId t = table("plan", "id BIGINT PRIMARY KEY, v VARCHAR(20)");
        Fixture f = fixture("plan", ImportOptions.defaults(OnDuplicate.ERROR));
        List<ChunkSpec> original = f.checkpoints.persistPlan(SOURCE, SRC, t, plan(3));
        f.importer.importChunk(ChunkTarget.of(t, List.of("id", "v")), original.get(1), SOURCE, rows(1000, 1000));

        List<ChunkSpec> resumed = f.checkpoints.persistPlan(SOURCE, SRC, t, plan(4));
        assertThat(resumed).isEqualTo(original);
        assertThat(f.checkpoints.finishedChunks(SOURCE, SRC)).containsExactly(1);
        ChunkSpec foreign = plan(4).get(0);
        assertThatThrownBy(() -> f.importer.importChunk(ChunkTarget.of(t, List.of("id", "v")), foreign, SOURCE, rows(0, 10)))
                .isInstanceOfSatisfying(GodwitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.META_MISMATCH))
                .hasMessageContaining(SRC.quoted());
        assertThatThrownBy(() -> f.checkpoints.persistPlan(SOURCE, SRC, TableId.of(DB, "elsewhere"), plan(3)))
                .isInstanceOfSatisfying(GodwitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.META_MISMATCH))
                .hasMessageContaining("elsewhere");
        for (ChunkSpec chunk : resumed) {
            f.importer.importChunk(ChunkTarget.of(t, List.of("id", "v")), chunk, SOURCE, rows(chunk.index() * 1000, 1000));
        }
        assertThat(TargetDb.count("SELECT COUNT(*) FROM " + t.quoted())).isEqualTo(3000);
    }

    @Test
    void withoutAStoredPlanTheFirstImportRecordsTheChunkAndCheckPlanGuardsIt() {
        TableId t = table("noplan", "id BIGINT, v VARCHAR(20)");
        Fixture f = fixture("noplan", ImportOptions.defaults(OnDuplicate.REPLACE));
        f.checkpoints.checkPlan(SOURCE, SRC, plan(2));
        f.importer.importChunk(ChunkTarget.of(t, List.of("id", "v")), plan(2).get(0), SOURCE, rows(0, 100));
        assertThat(f.importer.importChunk(ChunkTarget.of(t, List.of("id", "v")), plan(2).get(0), SOURCE, rows(0, 100)).skipped()).isTrue();
        f.checkpoints.checkPlan(SOURCE, SRC, plan(2));
        assertThatThrownBy(() -> f.checkpoints.checkPlan(SOURCE, SRC, plan(3)))
                .isInstanceOfSatisfying(GodwitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.META_MISMATCH))
                .hasMessageContaining(SRC.quoted());
        assertThat(TargetDb.count("SELECT COUNT(*) FROM " + t.quoted())).isEqualTo(100);

        f.checkpoints.clear(SOURCE);
        assertThat(f.checkpoints.finishedChunks(SOURCE, SRC)).isEmpty();
        f.checkpoints.clear(null);
    }

    @Test
    void importsChunksInParallel() throws Exception {
        TableId t = table("parallel", "id BIGINT PRIMARY KEY, v VARCHAR(20)");
        Fixture f = fixture("parallel", new ImportOptions(OnDuplicate.ERROR, 8192, 6, Duration.ofMillis(20), Duration.ofMillis(200), false));
        List<ChunkSpec> plan = f.checkpoints.persistPlan(SOURCE, SRC, t, plan(8));
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<ChunkLoadResult>> results = new ArrayList<>();
            for (ChunkSpec chunk : plan) {
                results.add(threads.submit(() -> f.importer.importChunk(ChunkTarget.of(t, List.of("id", "v")), chunk, SOURCE,
                        rows(chunk.index() * 2000, 2000))));
            }
            for (Future<ChunkLoadResult> r : results) {
                assertThat(r.get().rows()).isEqualTo(2000);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(TargetDb.count("SELECT COUNT(*) FROM " + t.quoted())).isEqualTo(16000);
        assertThat(f.checkpoints.finishedChunks(SOURCE, SRC)).hasSize(8);
        assertThat(f.progress.total().rows()).isEqualTo(16000);
    }

    // ---- helpers

    record Fixture(LoadCheckpoints checkpoints, ChunkImporter importer, LoadProgress progress) {}

    static Fixture fixture(String task, ImportOptions options) {
        LoadCheckpoints cp = new LoadCheckpoints(pool, META, task);
        cp.ensureTables();
        LoadProgress progress = new LoadProgress();
        return new Fixture(cp, new ChunkImporter(pool, cp, options, progress), progress);
    }

    static TableId table(String name, String columns) {
        TargetDb.endpoint().execute("CREATE TABLE " + DB + "." + name + " (" + columns + ")");
        return TableId.of(DB, name);
    }

    static List<ChunkSpec> plan(int n) {
        List<ChunkSpec> p = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            p.add(new ChunkSpec(SRC, i, n, "`id` >= " + (i * 1000) + " AND `id` < " + ((i + 1) * 1000)));
        }
        return p;
    }

    /** {@code n} rows {@code id,'v<id>'} starting at {@code from}. */
    static RowSource rows(int from, int n) {
        return sink -> {
            for (int i = from; i < from + n; i++) {
                sink.accept(i + ",'v" + i + "'");
            }
        };
    }
}
