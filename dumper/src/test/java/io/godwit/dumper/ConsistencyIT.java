package io.godwit.dumper;

import static io.godwit.dumper.ItSupport.config;
import static org.assertj.core.api.Assertions.assertThat;

import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.ChunkSpec;
import io.godwit.core.model.TableInfo;
import io.godwit.core.testkit.DbEndpoint;
import io.godwit.core.testkit.TestDatabases;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** All snapshot connections see one state, and the point is exactly where that state ends in the binlog. */
class ConsistencyIT {
    private static final DbEndpoint SOURCE = TestDatabases.source1();

    @Test
    void laterWritesAreInvisibleToEveryConnectionAndThePointIsTheBinlogPositionAtOpen() throws Exception {
        String db = TestDatabases.schema(getClass(), "quiet");
        SOURCE.execute("CREATE DATABASE " + db, "USE " + db, "CREATE TABLE " + db + ".t (id INT AUTO_INCREMENT PRIMARY KEY, v INT)",
                "INSERT INTO " + db + ".t (v) SELECT seq FROM seq_1_to_100");
        BinlogLocation before = masterStatus();
        int threads = 4;
        try (SnapshotDumper d = SnapshotDumper.open(DumpOptions.of(config(SOURCE), "quiet-dump", threads, Consistency.AUTO))) {
            assertThat(d.consistentPoint()).isEqualTo(before);
            assertThat(d.consistency()).isEqualTo(Consistency.AUTO); // lock-free on MariaDB
            SOURCE.execute("USE " + db, "INSERT INTO " + db + ".t (v) SELECT seq FROM seq_1_to_50", "DELETE FROM " + db + ".t WHERE id <= 10");
            assertThat(masterStatus().position()).isGreaterThan(before.position());

            TableInfo t = d.tables(id -> id.schema().equals(db)).get(0);
            ChunkSpec all = new ChunkSpec(t.id(), 0, 1, "1=1");
            // every stream waits at its first row until all have started: so each holds its own connection
            CyclicBarrier allStreaming = new CyclicBarrier(threads);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<Long>> counts = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                AtomicBoolean first = new AtomicBoolean(true);
                counts.add(pool.submit(() -> d.streamChunk(t, all, row -> {
                    if (first.getAndSet(false)) {
                        allStreaming.await(30, TimeUnit.SECONDS);
                    }
                })));
            }
            for (Future<Long> f : counts) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(100);
            }
            pool.shutdown();
        }
    }

    /**
     * A writer commits one row per transaction while the dumper opens: the rows in the snapshot
     * plus the row events in the binlog after the point must be every row, whatever way the
     * snapshot was made.
     */
    @ParameterizedTest(name = "{0} with {1} connections")
    @CsvSource({"AUTO,1", "AUTO,4", "FLUSH,4", "LOCK,3", "NONE,1"})
    void writesCommittedDuringOpenAreEitherInTheSnapshotOrAfterThePoint(Consistency mode, int threads) throws Exception {
        String db = TestDatabases.schema(getClass(), "busy");
        SOURCE.execute("CREATE DATABASE " + db, "USE " + db, "CREATE TABLE " + db + ".t (id INT AUTO_INCREMENT PRIMARY KEY, v INT)",
                "INSERT INTO " + db + ".t (v) SELECT seq FROM seq_1_to_1000");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong written = new AtomicLong(1000);
        Thread writer = new Thread(() -> {
            try (Connection c = SOURCE.connect(); Statement s = c.createStatement()) {
                while (!stop.get()) {
                    s.execute("INSERT INTO " + db + ".t (v) VALUES (1)");
                    written.incrementAndGet();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "writer");
        writer.start();
        Thread.sleep(200);
        BinlogLocation point;
        List<Long> seen = new ArrayList<>();
        try (SnapshotDumper d = SnapshotDumper.open(new DumpOptions(config(SOURCE), "busy-dump", threads, mode,
                id -> id.schema().equals(db)))) {
            point = d.consistentPoint();
            Thread.sleep(200); // more writes after the point
            TableInfo t = d.tables(id -> true).get(0);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<Long>> counts = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                counts.add(pool.submit(() -> d.streamChunk(t, new ChunkSpec(t.id(), 0, 1, "1=1"), row -> { })));
            }
            for (Future<Long> f : counts) {
                seen.add(f.get(60, TimeUnit.SECONDS));
            }
            pool.shutdown();
            if (mode != Consistency.LOCK) { // LOCK holds the writer until the dumper closes
                stop.set(true);
                writer.join();
            }
        }
        stop.set(true);
        writer.join();
        long total = Long.parseLong(ItSupport.one(SOURCE, "SELECT COUNT(*) FROM " + db + ".t"));
        assertThat(total).isEqualTo(written.get());
        assertThat(seen).as("every connection sees the same rows").containsOnly(seen.get(0));
        long after = rowEventsAfter(point);
        assertThat(seen.get(0) + after).as("rows in the snapshot + rows written after the point").isEqualTo(total);
        assertThat(after).as("the writer also wrote after the point").isPositive();
    }

    private static BinlogLocation masterStatus() throws Exception {
        try (Connection c = SOURCE.connect()) {
            List<String> status = ItSupport.rows(c, "SHOW MASTER STATUS").get(0);
            String gtid = ItSupport.rows(c, "SELECT @@GLOBAL.gtid_binlog_pos").get(0).get(0);
            return new BinlogLocation(status.get(0), Long.parseLong(status.get(1)), gtid);
        }
    }

    /** Write_rows events from {@code point} to the end of the binlog (one per single-row INSERT). */
    private static long rowEventsAfter(BinlogLocation point) throws Exception {
        long n = 0;
        try (Connection c = SOURCE.connect()) {
            for (List<String> log : ItSupport.rows(c, "SHOW BINARY LOGS")) {
                String file = log.get(0);
                if (file.compareTo(point.file()) < 0) {
                    continue;
                }
                String from = file.equals(point.file()) ? " FROM " + point.position() : "";
                for (List<String> event : ItSupport.rows(c, "SHOW BINLOG EVENTS IN '" + file + "'" + from)) {
                    if (event.get(2).startsWith("Write_rows")) {
                        n++;
                    }
                }
            }
        }
        return n;
    }
}
