package io.godwit.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.godwit.core.config.LoaderConfig.OnDuplicate;
import io.godwit.core.db.ServerFlavor;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.ChunkSpec;
import io.godwit.core.model.DelimitedColumn;
import io.godwit.core.model.DelimitedColumn.Encoding;
import io.godwit.core.model.RowBytesSink;
import io.godwit.core.model.RowNotDelimitableException;
import io.godwit.core.model.RowSink;
import io.godwit.core.model.TableId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The LOAD DATA LOCAL path of {@link ChunkImporter}: exact values through every field encoding,
 * and a chunk kept only whole and clean, together with its checkpoint.
 */
class LocalInfileImportIT {
    static final String DB = io.godwit.core.testkit.TestDatabases.schema(LocalInfileImportIT.class, "t");
    static final String META = io.godwit.core.testkit.TestDatabases.schema(LocalInfileImportIT.class, "meta");
    static final TableId SRC = TableId.of("shard", "src");
    static HikariDataSource pool;

    @BeforeAll
    static void start() {
        pool = TargetDb.localInfilePool("local-infile-it", 4);
        TargetDb.endpoint().execute("CREATE DATABASE " + DB);
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    @Test
    void theTargetAcceptsLocalInfileAndTiDbNeverGetsIt() {
        assertThat(ChunkImporter.localInfileUsable(pool, new TargetDialect(ServerFlavor.MARIADB, Set.of()))).isTrue();
        assertThat(ChunkImporter.localInfileUsable(pool, new TargetDialect(ServerFlavor.TIDB, Set.of()))).isFalse();
    }

    @Test
    void everyEncodingArrivesExactlyWithExtractColumns() {
        TableId t = table("enc", "id INT PRIMARY KEY, txt VARCHAR(50) CHARACTER SET utf8mb4, bin VARBINARY(10),"
                + " l1 VARCHAR(10) CHARACTER SET latin1, b BIT(64), d DATETIME(6), n DECIMAL(10,2), c_src VARCHAR(10)");
        List<DelimitedColumn> cols = List.of(text("id"), text("txt"), new DelimitedColumn("bin", Encoding.HEX_BYTES, null),
                new DelimitedColumn("l1", Encoding.HEX_CHARSET_TEXT, "latin1"), new DelimitedColumn("b", Encoding.HEX_BIT, null),
                text("d"), text("n"));
        List<String> lines = List.of(
                "1\ttab\\there\\nnewline \\\\ back 😀\t00FF00\tE9\tFFFFFFFFFFFFFFFF\t2024-02-29 23:59:59.999999\t-12.50\n",
                "2\t\\N\t\t\\N\t00\t0000-00-00 00:00:00.000000\t0.00\n",
                "3\t\\\\N is text\t\\N\t\tA5\t\\N\t\\N\n");
        Fixture f = fixture("enc", OnDuplicate.ERROR);
        ChunkSpec chunk = f.checkpoints.persistPlan("s1", SRC, t, plan(1)).get(0);
        Map<String, String> extract = new LinkedHashMap<>();
        extract.put("c_src", "s'1");
        ChunkLoadResult r = f.importer.importChunk(new ChunkTarget(t, names(cols), extract), chunk, "s1",
                new Lines(cols, lines));

        assertThat(r.rows()).isEqualTo(3);
        assertThat(TargetDb.rows("SELECT id, txt, HEX(bin), HEX(l1), b + 0, CAST(d AS CHAR), n, c_src FROM " + t.quoted() + " ORDER BY id"))
                .containsExactly(
                        "1|tab\there\nnewline \\ back 😀|00FF00|E9|18446744073709551615|2024-02-29 23:59:59.999999|-12.50|s'1",
                        "2|NULL||NULL|0|0000-00-00 00:00:00.000000|0.00|s'1",
                        "3|\\N is text|NULL||165|NULL|NULL|s'1");
        assertThat(TargetDb.rows("SELECT l1 = _latin1 0xE9 FROM " + t.quoted() + " WHERE id = 1")).containsExactly("1");
        assertThat(f.checkpoints.finishedChunks("s1", SRC)).containsExactly(0);
    }

    @Test
    void aTruncatedValueFailsTheChunkAndKeepsNothing() {
        TableId t = table("trunc", "id INT PRIMARY KEY, v VARCHAR(3)");
        Fixture f = fixture("trunc", OnDuplicate.REPLACE);
        ChunkSpec chunk = f.checkpoints.persistPlan("s1", SRC, t, plan(1)).get(0);
        List<DelimitedColumn> cols = List.of(text("id"), text("v"));
        assertThatThrownBy(() -> f.importer.importChunk(ChunkTarget.of(t, names(cols)), chunk, "s1",
                new Lines(cols, List.of("1\tabc\n", "2\ttoo long\n", "3\txyz\n"))))
                .isInstanceOfSatisfying(GodwitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.LOAD_FAILED);
                    assertThat(e.getMessage()).contains(t.quoted()); // strict mode: an error, else a warning; both fail it
                });
        assertThat(TargetDb.count("SELECT COUNT(*) FROM " + t.quoted())).isZero();
        assertThat(f.checkpoints.finishedChunks("s1", SRC)).isEmpty();
    }

    @Test
    void aDuplicateKeyUnderOnDuplicateErrorIsLoadDuplicateAndKeepsNothing() {
        TableId t = table("dup", "id INT PRIMARY KEY, v VARCHAR(10)");
        Fixture f = fixture("dup", OnDuplicate.ERROR);
        ChunkSpec chunk = f.checkpoints.persistPlan("s1", SRC, t, plan(1)).get(0);
        List<DelimitedColumn> cols = List.of(text("id"), text("v"));
        assertThatThrownBy(() -> f.importer.importChunk(ChunkTarget.of(t, names(cols)), chunk, "s1",
                new Lines(cols, List.of("1\ta\n", "1\tb\n"))))
                .isInstanceOfSatisfying(GodwitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LOAD_DUPLICATE));
        assertThat(TargetDb.count("SELECT COUNT(*) FROM " + t.quoted())).isZero();
    }

    @Test
    void replaceModeOverwritesExistingRows() {
        TableId t = table("repl", "id INT PRIMARY KEY, v VARCHAR(10)");
        TargetDb.endpoint().execute("INSERT INTO " + t.quoted() + " VALUES (1, 'old'), (9, 'other')");
        Fixture f = fixture("repl", OnDuplicate.REPLACE);
        ChunkSpec chunk = f.checkpoints.persistPlan("s1", SRC, t, plan(1)).get(0);
        List<DelimitedColumn> cols = List.of(text("id"), text("v"));
        f.importer.importChunk(ChunkTarget.of(t, names(cols)), chunk, "s1", new Lines(cols, List.of("1\tnew\n", "2\tb\n")));
        assertThat(TargetDb.rows("SELECT id, v FROM " + t.quoted() + " ORDER BY id")).containsExactly("1|new", "2|b", "9|other");
    }

    @Test
    void aSourceFailureMidStreamRollsBackAndTheRetryLoadsTheChunkOnce() {
        TableId t = table("retry", "id INT PRIMARY KEY, v VARCHAR(10)");
        Fixture f = fixture("retry", OnDuplicate.ERROR);
        ChunkSpec chunk = f.checkpoints.persistPlan("s1", SRC, t, plan(1)).get(0);
        List<DelimitedColumn> cols = List.of(text("id"), text("v"));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            lines.add(i + "\tv" + i + "\n");
        }
        AtomicInteger calls = new AtomicInteger();
        Lines failingOnce = new Lines(cols, lines) {
            @Override public void forEachDelimited(RowBytesSink sink) throws Exception {
                boolean fail = calls.incrementAndGet() == 1;
                int n = 0;
                for (String l : lines) {
                    if (fail && ++n == 30_000) {
                        throw new GodwitException(ErrorCode.SOURCE_UNREACHABLE, "source connection lost (test)");
                    }
                    byte[] b = l.getBytes(StandardCharsets.UTF_8);
                    sink.accept(b, 0, b.length);
                }
            }
        };
        ChunkLoadResult r = f.importer.importChunk(ChunkTarget.of(t, names(cols)), chunk, "s1", failingOnce);
        assertThat(calls).hasValue(2);
        assertThat(r.attempts()).isEqualTo(2);
        assertThat(r.rows()).isEqualTo(50_000);
        assertThat(TargetDb.count("SELECT COUNT(*) FROM " + t.quoted())).isEqualTo(50_000);
    }

    @Test
    void aRowWithoutTextFormIsLoadedAgainAsInsertStatements() {
        TableId t = table("fallback", "id INT PRIMARY KEY, v VARCHAR(10)");
        Fixture f = fixture("fallback", OnDuplicate.ERROR);
        ChunkSpec chunk = f.checkpoints.persistPlan("s1", SRC, t, plan(1)).get(0);
        List<DelimitedColumn> cols = List.of(text("id"), text("v"));
        Lines notDelimitable = new Lines(cols, List.of("1\ta\n")) {
            @Override public void forEachDelimited(RowBytesSink sink) throws Exception {
                byte[] b = "1\ta\n".getBytes(StandardCharsets.UTF_8);
                sink.accept(b, 0, b.length);
                throw new RowNotDelimitableException("column `v` holds bytes that are not UTF-8");
            }

            @Override public void forEach(RowSink sink) throws Exception {
                sink.accept("1,'a'");
                sink.accept("2,'b'");
            }
        };
        ChunkLoadResult r = f.importer.importChunk(ChunkTarget.of(t, names(cols)), chunk, "s1", notDelimitable);
        assertThat(r.attempts()).isEqualTo(1);
        assertThat(TargetDb.rows("SELECT id, v FROM " + t.quoted() + " ORDER BY id")).containsExactly("1|a", "2|b");
    }

    // ---- helpers

    /** Rows given as ready LOAD DATA lines; {@link #forEach} is the INSERT-literal form, unused unless overridden. */
    static class Lines implements DelimitedRowSource {
        private final List<DelimitedColumn> cols;
        private final List<String> lines;

        Lines(List<DelimitedColumn> cols, List<String> lines) {
            this.cols = cols;
            this.lines = lines;
        }

        @Override public List<DelimitedColumn> delimitedColumns() { return cols; }

        @Override public void forEachDelimited(RowBytesSink sink) throws Exception {
            for (String l : lines) {
                byte[] b = l.getBytes(StandardCharsets.UTF_8);
                sink.accept(b, 0, b.length);
            }
        }

        @Override public void forEach(RowSink sink) throws Exception {
            throw new AssertionError("the INSERT path was not expected here");
        }
    }

    record Fixture(LoadCheckpoints checkpoints, ChunkImporter importer) {}

    static Fixture fixture(String task, OnDuplicate mode) {
        LoadCheckpoints cp = new LoadCheckpoints(pool, META, task);
        cp.ensureTables();
        ImportOptions options = new ImportOptions(mode, 8192, 3, java.time.Duration.ofMillis(10),
                java.time.Duration.ofMillis(50), true);
        return new Fixture(cp, new ChunkImporter(pool, cp, options, new LoadProgress()));
    }

    static DelimitedColumn text(String name) {
        return new DelimitedColumn(name, Encoding.TEXT, null);
    }

    static List<String> names(List<DelimitedColumn> cols) {
        return cols.stream().map(DelimitedColumn::name).toList();
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
}
