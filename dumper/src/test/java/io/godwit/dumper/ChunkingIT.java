package io.godwit.dumper;

import static io.godwit.dumper.ItSupport.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.ChunkSpec;
import io.godwit.core.model.TableInfo;
import io.godwit.core.testkit.DbEndpoint;
import io.godwit.core.testkit.TestDatabases;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chunks cover every row exactly once, whatever the key. */
class ChunkingIT {
    private static final DbEndpoint SOURCE = TestDatabases.source1();
    private static final String DB = TestDatabases.schema(ChunkingIT.class, "chunks");
    private static SnapshotDumper dumper;

    @BeforeAll
    static void createTables() {
        SOURCE.execute("CREATE DATABASE " + DB, "USE " + DB,
                "CREATE TABLE big (id INT NOT NULL PRIMARY KEY, name VARCHAR(40) NOT NULL, n BIGINT)",
                "INSERT INTO big SELECT seq, CONCAT('row-', seq), seq * 7 FROM seq_1_to_200000",
                "ANALYZE TABLE big",
                // 1000 small ids and 20000 ids past 10^12: equal widths would put nearly all in one chunk
                "CREATE TABLE sparse (id BIGINT UNSIGNED NOT NULL PRIMARY KEY, v INT)",
                "INSERT INTO sparse SELECT seq, seq FROM seq_1_to_1000",
                "INSERT INTO sparse SELECT 1000000000000 + seq, seq FROM seq_1_to_20000",
                "ANALYZE TABLE sparse",
                // half-dense with a hole: equal widths, and no chunk may exceed its width
                "CREATE TABLE holes (id INT NOT NULL PRIMARY KEY)",
                "INSERT INTO holes SELECT seq FROM seq_1_to_5000",
                "INSERT INTO holes SELECT seq FROM seq_15001_to_20000",
                "ANALYZE TABLE holes",
                "CREATE TABLE words (w VARCHAR(64) COLLATE utf8mb4_general_ci NOT NULL PRIMARY KEY, n INT)",
                "INSERT INTO words SELECT CONCAT(ELT(1 + seq % 6, 'a', 'B', 'é', 'Z''q', 'x\\\\y', '😀'), "
                        + "LPAD(seq, 6, '0'), ELT(1 + seq % 3, '', ' x', 'Ä')), seq FROM seq_1_to_5000",
                "CREATE TABLE latin (w VARCHAR(20) CHARACTER SET latin1 NOT NULL PRIMARY KEY)",
                "INSERT INTO latin SELECT CONCAT(ELT(1 + seq % 4, 'a', 'é', 'Ü', 'ÿ'), seq) FROM seq_1_to_900",
                "CREATE TABLE composite (a INT NOT NULL, b VARCHAR(20) NOT NULL, c DATE NOT NULL, v INT,"
                        + " PRIMARY KEY (a, b, c))",
                "INSERT INTO composite SELECT seq % 7, CONCAT('k', seq % 13), '2024-01-01' + INTERVAL seq DAY, seq"
                        + " FROM seq_1_to_20000",
                "CREATE TABLE keyless (a INT, b VARCHAR(10))",
                "INSERT INTO keyless SELECT seq % 10, 'dup' FROM seq_1_to_3000",
                "CREATE TABLE dates (d DATE NOT NULL PRIMARY KEY, x DECIMAL(12,3) NOT NULL, UNIQUE KEY (x))",
                "INSERT INTO dates SELECT '1000-01-01' + INTERVAL seq DAY, seq / 1000 FROM seq_0_to_3000",
                "CREATE TABLE bins (k VARBINARY(16) NOT NULL PRIMARY KEY)",
                "INSERT INTO bins SELECT UNHEX(LEFT(SHA2(seq, 256), 24)) FROM seq_1_to_2000",
                "INSERT INTO bins VALUES (0x00), (0x0000), (0x27), (0x5C), (0xFF)",
                "CREATE TABLE enums (e ENUM('z','a','m') NOT NULL, n INT NOT NULL, PRIMARY KEY (e, n))",
                "INSERT INTO enums SELECT ELT(1 + seq % 3, 'z', 'a', 'm'), seq FROM seq_1_to_1500",
                // no primary key: a nullable unique key is skipped for the NOT NULL one
                "CREATE TABLE uniq (a INT NULL, b INT NOT NULL, c CHAR(3) NOT NULL, UNIQUE KEY ua (a),"
                        + " UNIQUE KEY ubc (b, c))",
                "INSERT INTO uniq SELECT IF(seq % 5 = 0, NULL, seq), seq DIV 3, CONCAT('c', seq % 3) FROM seq_1_to_6000",
                "CREATE VIEW a_view AS SELECT * FROM big");
        dumper = SnapshotDumper.open(DumpOptions.of(config(SOURCE), "chunking-dump", 4, Consistency.AUTO));
    }

    @AfterAll
    static void close() {
        if (dumper != null) {
            dumper.close();
        }
    }

    private static TableInfo table(String name) {
        return dumper.tables(id -> id.schema().equals(DB) && id.table().equals(name)).get(0);
    }

    @Test
    void listsBaseTablesWithTheirChunkKeysAndSkipsViews() {
        List<TableInfo> all = dumper.tables(id -> id.schema().equals(DB));
        assertThat(all).extracting(t -> t.id().table()).doesNotContain("a_view").contains("big", "keyless");
        assertThat(table("composite").chunkKey()).containsExactly("a", "b", "c");
        assertThat(table("keyless").chunkKey()).isEmpty();
        assertThat(table("uniq").chunkKey()).containsExactly("b", "c");
        assertThat(table("big").createTableSql()).startsWith("CREATE TABLE `big`");
    }

    @Test
    void splitsTwoHundredThousandIntegerKeysIntoTenEqualChunksAndStreamsThemInParallel() throws Exception {
        TableInfo big = table("big");
        ChunkSplitter.Plan plan = dumper.splitPlan(big, 20_000);
        assertThat(plan.method()).isEqualTo(ChunkSplitter.Method.EQUAL_WIDTH);
        assertThat(plan.chunks()).hasSize(10);
        assertThat(plan.chunks().get(1).predicate()).isEqualTo("(`id` >= 20001 AND `id` < 40001)");
        assertThat(plan.chunks().get(0).predicate()).isEqualTo("(`id` < 20001)");
        assertThat(plan.chunks().get(9).predicate()).isEqualTo("(`id` >= 180001)");

        ExecutorService pool = Executors.newFixedThreadPool(4);
        LongAdder bytes = new LongAdder();
        long started = System.nanoTime();
        List<Future<Long>> counts = new ArrayList<>();
        for (ChunkSpec c : plan.chunks()) {
            counts.add(pool.submit(() -> dumper.streamChunk(big, c, row -> bytes.add(row.length()))));
        }
        List<Long> perChunk = new ArrayList<>();
        for (Future<Long> f : counts) {
            perChunk.add(f.get());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        assertThat(perChunk).allMatch(n -> n == 20_000);
        System.out.printf("streamed 200000 rows (%d bytes of literals) in %.2f s on 4 threads: %.0f rows/s%n",
                bytes.sum(), seconds, 200_000 / seconds);
        assertCoveredExactlyOnce(big, plan.chunks());
        TableProgress p = dumper.progress().stream().filter(x -> x.table().equals(big.id())).findFirst().orElseThrow();
        assertThat(p.rows()).isGreaterThanOrEqualTo(200_000);
        assertThat(p.estimatedRows()).isBetween(100_000L, 400_000L);
    }

    @Test
    void walksTheIndexWhenIntegerKeysAreSkewed() throws Exception {
        TableInfo sparse = table("sparse");
        ChunkSplitter.Plan plan = dumper.splitPlan(sparse, 2_000);
        assertThat(plan.method()).isEqualTo(ChunkSplitter.Method.INDEX_WALK);
        assertThat(plan.chunks()).hasSize(11);
        assertThat(assertCoveredExactlyOnce(sparse, plan.chunks())).allMatch(n -> n <= 2_000);
    }

    @Test
    void equalWidthsNeverExceedTheirWidthAroundAHole() throws Exception {
        TableInfo holes = table("holes");
        ChunkSplitter.Plan plan = dumper.splitPlan(holes, 1_000);
        assertThat(plan.method()).isEqualTo(ChunkSplitter.Method.EQUAL_WIDTH);
        List<Long> counts = assertCoveredExactlyOnce(holes, plan.chunks());
        assertThat(counts).allMatch(n -> n <= 2_000);
    }

    @Test
    void splitsStringKeysInTheirCollationsOrder() throws Exception {
        for (String name : List.of("words", "latin")) {
            TableInfo t = table(name);
            ChunkSplitter.Plan plan = dumper.splitPlan(t, 300);
            assertThat(plan.method()).isEqualTo(ChunkSplitter.Method.INDEX_WALK);
            List<Long> counts = assertCoveredExactlyOnce(t, plan.chunks());
            assertThat(counts.subList(0, counts.size() - 1)).allMatch(n -> n == 300);
        }
        assertThat(dumper.split(table("latin"), 300).get(1).predicate()).contains("_latin1 0x");
    }

    @Test
    void splitsCompositeKeysWithPredicatesThatUseTheIndex() throws Exception {
        TableInfo t = table("composite");
        List<ChunkSpec> chunks = dumper.split(t, 3_000);
        assertThat(chunks).hasSize(7);
        assertThat(assertCoveredExactlyOnce(t, chunks).subList(0, 6)).allMatch(n -> n == 3_000);
        try (Connection c = ItSupport.utc(SOURCE)) {
            // sargable: the optimizer sees the key by itself ...
            List<String> plain = ItSupport.rows(c, "EXPLAIN SELECT * FROM " + DB + ".composite WHERE "
                    + chunks.get(3).predicate()).get(0);
            assertThat(plain.get(4)).isEqualTo("PRIMARY"); // possible_keys
            // ... and with the dumper's hint reads a range of it, not the whole index
            List<String> hinted = ItSupport.rows(c, "EXPLAIN SELECT * FROM " + DB + ".composite FORCE INDEX(PRIMARY)"
                    + " WHERE " + chunks.get(3).predicate() + " ORDER BY a, b, c").get(0);
            assertThat(hinted.get(3)).isEqualTo("range"); // type
            assertThat(hinted.get(5)).isEqualTo("PRIMARY"); // key
            assertThat(hinted.get(9)).doesNotContain("filesort"); // Extra
        }
    }

    @Test
    void splitsDateDecimalBinaryAndEnumKeys() throws Exception {
        for (String name : List.of("dates", "bins", "enums", "uniq")) {
            TableInfo t = table(name);
            List<ChunkSpec> chunks = dumper.split(t, 250);
            assertThat(chunks).as(name).hasSizeGreaterThan(4);
            List<Long> counts = assertCoveredExactlyOnce(t, chunks);
            assertThat(counts.subList(0, counts.size() - 1)).as(name).allMatch(n -> n == 250);
        }
    }

    @Test
    void keylessTablesAreOneChunk() throws Exception {
        TableInfo t = table("keyless");
        List<ChunkSpec> chunks = dumper.split(t, 100);
        assertThat(chunks).singleElement().extracting(ChunkSpec::predicate).isEqualTo("1=1");
        assertThat(assertCoveredExactlyOnce(t, chunks)).containsExactly(3_000L);
    }

    @Test
    void anExceptionFromTheSinkPropagatesAndLeavesTheSnapshotUsable() {
        TableInfo t = table("holes");
        ChunkSpec all = new ChunkSpec(t.id(), 0, 1, "1=1");
        AtomicInteger seen = new AtomicInteger();
        assertThatThrownBy(() -> dumper.streamChunk(t, all, row -> {
            if (seen.incrementAndGet() == 5) {
                throw new IllegalStateException("target full");
            }
        })).isInstanceOf(IllegalStateException.class).hasMessage("target full");
        assertThatThrownBy(() -> dumper.streamChunk(t, all, row -> {
            throw new IOException("disk full");
        })).isInstanceOfSatisfying(GodwitException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.DUMP_FAILED);
            assertThat(e.getCause()).hasMessage("disk full");
        });
        for (int i = 0; i < 4; i++) { // every connection still streams the whole snapshot
            assertThat(dumper.streamChunk(t, all, row -> { })).isEqualTo(10_000);
        }
    }

    @Test
    void dumpsTheBigTableIntoDumplingFiles(@TempDir Path dir) {
        long started = System.nanoTime();
        DumpFileWriter.Summary s = new DumpFileWriter(dir).dumpAll(dumper,
                id -> id.schema().equals(DB) && id.table().equals("big"), 20_000);
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(s.rows()).isEqualTo(200_000);
        assertThat(s.dataFiles()).isEqualTo(10);
        System.out.printf("dumped 200000 rows into %d files (%d bytes of literals) in %.2f s: %.0f rows/s%n",
                s.dataFiles(), s.bytes(), seconds, 200_000 / seconds);
    }

    /**
     * Sums the rows each chunk streams and the count and CRC32 sum of every row its predicate
     * selects; both must equal the whole table's. Returns the rows streamed per chunk.
     */
    private static List<Long> assertCoveredExactlyOnce(TableInfo t, List<ChunkSpec> chunks) throws Exception {
        String all = t.columns().stream().map(c -> "IFNULL(HEX(" + c.quotedName() + "),'~')")
                .collect(Collectors.joining(",'|',"));
        String checksum = "SELECT COUNT(*), IFNULL(SUM(CRC32(CONCAT(" + all + "))), 0) FROM " + t.id().quoted();
        List<Long> streamed = new ArrayList<>();
        long rows = 0;
        long crc = 0;
        try (Connection c = ItSupport.utc(SOURCE)) {
            List<String> whole = ItSupport.rows(c, checksum).get(0);
            for (ChunkSpec chunk : chunks) {
                List<String> part = ItSupport.rows(c, checksum + " WHERE " + chunk.predicate()).get(0);
                rows += Long.parseLong(part.get(0));
                crc += Long.parseLong(part.get(1));
                streamed.add(dumper.streamChunk(t, chunk, row -> { }));
            }
            assertThat(rows).as("rows selected by the chunk predicates").isEqualTo(Long.parseLong(whole.get(0)));
            assertThat(crc).as("checksum of the rows selected by the chunk predicates")
                    .isEqualTo(Long.parseLong(whole.get(1)));
            assertThat(streamed.stream().mapToLong(Long::longValue).sum()).isEqualTo(rows);
        }
        return streamed;
    }
}
