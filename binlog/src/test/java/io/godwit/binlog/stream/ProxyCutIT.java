package io.godwit.binlog.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.godwit.core.event.ChangeEvent;
import io.godwit.core.event.RowsInserted;
import io.godwit.core.event.TxCommit;
import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.PartialOrder;
import io.godwit.core.model.TableId;
import io.godwit.core.testkit.DbEndpoint;
import io.godwit.core.testkit.TestDatabases;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A network that drops or swallows the replica connection needs no operator: the stream reads
 * its source through a {@link TcpProxy} that resets the connection in the middle of a 50,000-row
 * transaction, resets it three more times while a writer keeps committing, and black-holes the
 * path for longer than the read timeout. The stream reconnects by itself and every committed
 * transaction arrives once, whole and in order.
 */
class ProxyCutIT {
    private static final DbEndpoint SOURCE = TestDatabases.source1();
    private static final String DB = TestDatabases.schema(ProxyCutIT.class, "proxycut");
    private static final Duration HEARTBEAT = Duration.ofSeconds(1);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(3);
    private static final BinlogStreamConfig.Reconnect FAST_RECONNECT =
            new BinlogStreamConfig.Reconnect(Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofMinutes(2));
    /** The writer's transaction that inserts {@link #BIG_ROWS} rows into table b in one statement. */
    private static final int BIG_AT = 50;
    private static final int BIG_ROWS = 50_000;
    /** Where the proxy cuts into the big transaction's ~5.4 MB of rows events. */
    private static final long BYTES_INTO_BIG = 2L << 20;
    private static final int PLAIN_CUTS = 3;
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** Rows one source transaction inserted, per table. */
    record Tx(int rowsA, int rowsB) {}

    @ParameterizedTest(name = "started by {0}")
    @ValueSource(strings = {"file", "gtid"})
    void cutsAndBlackHoleConvergeWithoutIntervention(String startBy) throws Exception {
        String db = DB + "_" + startBy;
        TableId a = TableId.of(db, "a");
        TableId b = TableId.of(db, "b");
        SOURCE.execute("CREATE DATABASE " + db,
                "CREATE TABLE " + a.quoted() + " (id INT PRIMARY KEY, pad VARCHAR(100))",
                "CREATE TABLE " + b.quoted() + " (id INT PRIMARY KEY, pad VARCHAR(100))");
        BinlogLocation start = StreamFixture.masterStatus(SOURCE);
        BinlogStart from = startBy.equals("gtid") ? BinlogStart.gtidSet(start.gtidSet()) : BinlogStart.filePosition(start);

        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (TcpProxy proxy = TcpProxy.start(SOURCE.host(), SOURCE.port())) {
            // A small read-ahead: the reader blocks on the consumer often, as under a slow target.
            BinlogStreamConfig cfg = BinlogStreamConfig.of("127.0.0.1", proxy.port(), SOURCE.user(), SOURCE.password(),
                            StreamFixture.nextServerId(), from)
                    .withQueueCapacityBytes(256 * 1024)
                    .withTimeouts(HEARTBEAT, READ_TIMEOUT, Duration.ofSeconds(5))
                    .withReconnect(FAST_RECONNECT);
            Writer writer = new Writer(a, b);
            Future<?> writing = threads.submit(writer);
            try (ChangeStream stream = ChangeStream.open(ChangeStreamConfig.allTables(cfg), new InformationSchemaTables(SOURCE))) {
                BinlogStream binlog = stream.binlog();
                Consumer consumer = new Consumer(stream, a, b, () -> writing.isDone() ? writer.committed.size() : -1);
                Future<Void> consuming = threads.submit(consumer);

                cutInsideTheBigTransaction(writer, writing, consumer, proxy, binlog);
                for (int i = 0; i < PLAIN_CUTS; i++) {
                    long before = binlog.connections();
                    // Right after a reconnect the new connection may still be logging in: cut once it is there.
                    await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> proxy.cutAll() > 0);
                    await().atMost(WAIT).until(() -> binlog.connections() > before);
                    consumer.awaitMoreTransactions(20, writing);
                }

                blackHoleLongerThanTheReadTimeout(proxy, binlog);
                consumer.awaitMoreTransactions(20, writing);

                writer.stop.set(true);
                await().atMost(WAIT).until(writing::isDone);
                writing.get();
                await().atMost(Duration.ofMinutes(2)).until(consuming::isDone);
                consuming.get();

                assertThat(consumer.transactions).as("transactions seen, in commit order")
                        .hasSize(writer.committed.size())
                        .isEqualTo(writer.committed);
                assertThat(writer.committed).contains(new Tx(0, BIG_ROWS));
                assertOnceInOrder(a, consumer.idsA, writer.rowsA);
                assertOnceInOrder(b, consumer.idsB, writer.rowsB);
                // First connection + at least one per plain cut, the cut inside the big transaction and the black hole.
                assertThat(binlog.connections()).as("connections").isGreaterThanOrEqualTo(1 + PLAIN_CUTS + 1 + 1);
                assertThat(proxy.cutConnections()).as("connections the proxy reset").isGreaterThanOrEqualTo(PLAIN_CUTS + 1);
                assertThat(proxy.accepted()).as("dials through the proxy, black-holed ones included")
                        .isGreaterThan((int) binlog.connections());
            } finally {
                writer.stop.set(true);
                threads.shutdownNow();
                threads.awaitTermination(30, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Holds the writer before its big transaction until the consumer has every earlier one, so the
     * reader stands at the transaction's start; then lets it commit and has the proxy reset the
     * connection after {@link #BYTES_INTO_BIG} more bytes, well inside it. The reader has queued
     * part of the transaction by then: the reconnect re-reads it from its start and drops that part.
     */
    private static void cutInsideTheBigTransaction(Writer writer, Future<?> writing, Consumer consumer, TcpProxy proxy,
                                                   BinlogStream binlog) throws Exception {
        await().atMost(WAIT).until(() -> writer.atBig.getCount() == 0 || writing.isDone());
        consumer.awaitTransactions(BIG_AT, writing);
        long connectionsBefore = binlog.connections();
        long replayedBefore = binlog.replayedEvents();
        proxy.cutAfterBytesToClient(BYTES_INTO_BIG);
        writer.goBig.countDown();
        await().atMost(WAIT).until(() -> binlog.connections() > connectionsBefore);
        consumer.awaitTransactions(BIG_AT + 1, writing);
        assertThat(binlog.replayedEvents()).as("events of the big transaction re-read and dropped")
                .isGreaterThan(replayedBefore);
    }

    /**
     * Swallows every byte until the stream has given up on its connection by the read timeout and
     * on one more login attempt that got no greeting, then lets bytes through again.
     */
    private static void blackHoleLongerThanTheReadTimeout(TcpProxy proxy, BinlogStream binlog) {
        long connectionsBefore = binlog.connections();
        int dialsBefore = proxy.accepted();
        long pausedAt = System.nanoTime();
        proxy.pause();
        await().atMost(READ_TIMEOUT.multipliedBy(5)).until(() -> proxy.accepted() > dialsBefore);
        // Only the read timeout tells a black hole from a quiet source. A read may have begun before
        // the pause, but not longer than a heartbeat interval before it: the source is never silent longer.
        assertThat(Duration.ofNanos(System.nanoTime() - pausedAt)).as("silence before the stream dialled again")
                .isGreaterThanOrEqualTo(READ_TIMEOUT.minus(HEARTBEAT));
        await().atMost(READ_TIMEOUT.multipliedBy(5)).until(() -> proxy.accepted() > dialsBefore + 1);
        assertThat(binlog.connections()).as("no login passes a black hole").isEqualTo(connectionsBefore);
        proxy.resume();
        await().atMost(WAIT).until(() -> binlog.connections() > connectionsBefore);
    }

    private static void assertOnceInOrder(TableId table, List<Integer> ids, int committedRows) {
        assertThat(ids).as("rows of %s", table).hasSize(committedRows);
        int firstWrong = IntStream.range(0, ids.size()).filter(i -> ids.get(i) != i + 1).findFirst().orElse(-1);
        assertThat(firstWrong).as("first position in %s whose id is not the next one: %s", table,
                firstWrong < 0 ? "" : ids.subList(Math.max(0, firstWrong - 3), Math.min(ids.size(), firstWrong + 3)))
                .isEqualTo(-1);
    }

    /** Commits small, multi-row and one big transaction directly on the source until stopped. */
    private static final class Writer implements Runnable {
        final AtomicBoolean stop = new AtomicBoolean();
        /** Counted down when the writer has committed {@link #BIG_AT} transactions and waits for {@link #goBig}. */
        final CountDownLatch atBig = new CountDownLatch(1);
        final CountDownLatch goBig = new CountDownLatch(1);
        final List<Tx> committed = Collections.synchronizedList(new ArrayList<>());
        private final TableId a;
        private final TableId b;
        volatile int rowsA;
        volatile int rowsB;

        Writer(TableId a, TableId b) {
            this.a = a;
            this.b = b;
        }

        @Override public void run() {
            try (Connection c = SOURCE.connect(); Statement s = c.createStatement()) {
                // The seq_N_to_M tables of MariaDB's SEQUENCE engine resolve in the current database.
                s.execute("USE " + b.schema());
                c.setAutoCommit(false);
                for (int k = 0; !stop.get() || k <= BIG_AT; k++) {
                    Tx tx;
                    if (k == BIG_AT) {
                        atBig.countDown();
                        if (!goBig.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                            throw new IllegalStateException("not told to write the big transaction within " + WAIT);
                        }
                        s.execute("INSERT INTO " + b.quoted() + " SELECT seq, REPEAT('b', 100) FROM seq_"
                                + (rowsB + 1) + "_to_" + (rowsB + BIG_ROWS));
                        tx = new Tx(0, BIG_ROWS);
                    } else if (k % 3 == 0) {
                        // Two statements, one per table, in one transaction.
                        tx = new Tx(2 + k % 5, 1 + k % 4);
                        s.execute(insert(a, rowsA, tx.rowsA()));
                        s.execute(insert(b, rowsB, tx.rowsB()));
                    } else {
                        tx = new Tx(1, 0);
                        s.execute(insert(a, rowsA, 1));
                    }
                    c.commit();
                    rowsA += tx.rowsA();
                    rowsB += tx.rowsB();
                    committed.add(tx);
                    // Pacing only: the writer should still be committing while the faults happen.
                    Thread.sleep(5);
                }
            } catch (Exception e) {
                throw new IllegalStateException("writer failed after " + committed.size() + " transactions: " + e, e);
            }
        }

        private static String insert(TableId table, int after, int rows) {
            return "INSERT INTO " + table.quoted() + " VALUES " + IntStream.rangeClosed(after + 1, after + rows)
                    .mapToObj(id -> "(" + id + ", 'row " + id + "')").collect(Collectors.joining(", "));
        }
    }

    /**
     * Reads until it has seen as many transactions on the two tables as the writer committed, once
     * the writer is done, checking the binlog order of the rows events on the way.
     */
    private static final class Consumer implements Callable<Void> {
        private final ChangeStream stream;
        private final TableId a;
        private final TableId b;
        private final IntSupplier finalCommitted;
        private final AtomicInteger transactionCount = new AtomicInteger();
        final List<Tx> transactions = new ArrayList<>();
        final List<Integer> idsA = new ArrayList<>();
        final List<Integer> idsB = new ArrayList<>();
        private volatile Throwable failure;
        private BinlogLocation previous;
        private int txRowsA;
        private int txRowsB;

        /** {@code finalCommitted} gives the writer's transaction count once it has stopped, else -1. */
        Consumer(ChangeStream stream, TableId a, TableId b, IntSupplier finalCommitted) {
            this.stream = stream;
            this.a = a;
            this.b = b;
            this.finalCommitted = finalCommitted;
        }

        @Override public Void call() {
            try {
                while (true) {
                    int target = finalCommitted.getAsInt();
                    if (target >= 0 && transactions.size() >= target) {
                        return null;
                    }
                    stream.next(Duration.ofMillis(200)).ifPresent(this::take);
                }
            } catch (RuntimeException | AssertionError e) {
                failure = e;
                throw e;
            }
        }

        /** Waits until {@code n} more transactions arrived; fails at once when the consumer or the writer failed. */
        void awaitMoreTransactions(int n, Future<?> writing) throws Exception {
            awaitTransactions(transactionCount.get() + n, writing);
        }

        void awaitTransactions(int target, Future<?> writing) throws Exception {
            await().atMost(WAIT).until(() -> failure != null || writing.isDone() || transactionCount.get() >= target);
            if (failure != null) {
                throw new AssertionError("the consumer failed after " + transactionCount.get() + " transactions", failure);
            }
            if (writing.isDone()) {
                writing.get();
                throw new AssertionError("the writer stopped before it was told to");
            }
        }

        private void take(ChangeEvent event) {
            if (event instanceof RowsInserted rows && (rows.table().equals(a) || rows.table().equals(b))) {
                if (previous != null) {
                    assertThat(rows.at().compare(previous)).as("binlog order at %s", rows.at()).isEqualTo(PartialOrder.AFTER);
                }
                previous = rows.at();
                List<Integer> ids = rows.table().equals(a) ? idsA : idsB;
                for (Object[] row : rows.rows()) {
                    ids.add(((Number) row[0]).intValue());
                }
                if (rows.table().equals(a)) {
                    txRowsA += rows.rows().size();
                } else {
                    txRowsB += rows.rows().size();
                }
            } else if (event instanceof TxCommit && txRowsA + txRowsB > 0) {
                transactions.add(new Tx(txRowsA, txRowsB));
                transactionCount.incrementAndGet();
                txRowsA = 0;
                txRowsB = 0;
            }
        }
    }
}
