package io.godwit.worker.sync;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.event.ChangeEvent;
import io.godwit.core.event.DdlEvent;
import io.godwit.core.event.Heartbeat;
import io.godwit.core.event.TxCommit;
import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.TableId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Cuts the change stream into batches of whole source transactions.
 *
 * <p>A batch closes at a transaction boundary when it holds {@code maxBatchRows} changes, when its first
 * change has waited {@code maxBatchDelay}, or before a DDL (which is a batch of its own). When the sync
 * stops, whatever was read and not yet returned is dropped: it lies after the last applied batch and is
 * read again on restart. A batch without changes (only filtered transactions) closes after {@code idleCheckpoint}, so the
 * checkpoint still moves.
 *
 * <p>A source transaction with more than {@code maxBufferedTxRows} changes is not held: the batch before it
 * closes, and it becomes a {@link LargeTx} batch whose changes the coordinator pulls in chunks
 * ({@link #nextChunk}) while one slot transaction stays open. Whether a transaction is large depends only on
 * its content, so a re-read makes the same decision.
 *
 * <p>{@link #expectEnd} switches to re-reading one known batch: only its end closes it.
 */
final class BatchReader {

    /** What the coordinator applies next. */
    sealed interface Item permits DmlBatch, DdlItem, LargeTx {}

    /** Complete transactions from {@code start} to {@code end}; {@code changes} may be empty. */
    record DmlBatch(BinlogLocation start, BinlogLocation end, List<RowChange> changes, long newestSourceMillis,
                    Map<TableId, BinlogLocation> touched) implements Item {}

    /** A DDL; {@code start} is the boundary before it. */
    record DdlItem(BinlogLocation start, DdlEvent ddl) implements Item {}

    /** A large source transaction starting at {@code start}; its first changes, the rest via {@link #nextChunk}. */
    record LargeTx(BinlogLocation start, List<RowChange> head) implements Item {}

    /** A piece of a large transaction; {@code end} is set on its last piece. */
    record Chunk(List<RowChange> changes, BinlogLocation end, long newestSourceMillis) {}

    private final ChangeSource source;
    private final DmlRouter router;
    private final SyncCounters counters;
    private final BooleanSupplier stopping;
    private final int maxBatchRows;
    private final int maxBufferedTxRows;
    private final Duration maxBatchDelay;
    private final Duration idleCheckpoint;

    private BinlogLocation batchStart;
    private BinlogLocation batchEnd;
    private List<RowChange> batch = new ArrayList<>();
    private Map<TableId, BinlogLocation> touched = new HashMap<>();
    private List<RowChange> openTx = new ArrayList<>();
    private long newestSourceMillis;
    private long firstChangeNanos;
    private long batchOpenedNanos = System.nanoTime();
    private Item held;
    private BinlogLocation expectedEnd;

    BatchReader(ChangeSource source, DmlRouter router, SyncCounters counters, BooleanSupplier stopping,
                BinlogLocation start, int maxBatchRows, int maxBufferedTxRows, Duration maxBatchDelay,
                Duration idleCheckpoint) {
        this.source = source;
        this.router = router;
        this.counters = counters;
        this.stopping = stopping;
        this.batchStart = start;
        this.batchEnd = start;
        this.maxBatchRows = maxBatchRows;
        this.maxBufferedTxRows = maxBufferedTxRows;
        this.maxBatchDelay = maxBatchDelay;
        this.idleCheckpoint = idleCheckpoint;
    }

    /** Work of the caller's to do while the reader waits for events (on the caller's thread, between polls). */
    @FunctionalInterface
    interface IdleWork {
        void run() throws InterruptedException;
    }

    private IdleWork idleWork = () -> { };

    /** Sets what runs each time a poll of the source comes back empty; returns this. */
    BatchReader whileIdle(IdleWork work) {
        this.idleWork = work;
        return this;
    }

    /** The next batch to re-read is known: it ends exactly at {@code end}. */
    void expectEnd(BinlogLocation end) {
        expectedEnd = end;
    }

    /**
     * The next item, or null when the sync is stopping.
     *
     * @throws GodwitException SYNC_REREAD_MISMATCH when a batch being re-read does not end where it did
     */
    Item next() throws InterruptedException {
        if (held != null && !stopping.getAsBoolean()) {
            Item item = held;
            held = null;
            return item;
        }
        while (true) {
            if (stopping.getAsBoolean() && expectedEnd == null) {
                return null; // what was read and not applied is read again on restart
            }
            if (expectedEnd == null && openTx.isEmpty() && dueToClose()) {
                return takeBatch();
            }
            ChangeEvent ev = source.next(pollTimeout());
            if (ev == null) {
                idleWork.run();
                continue;
            }
            if (ev instanceof TxCommit commit) {
                Item item = commit(commit);
                if (item != null) {
                    return item;
                }
            } else if (ev instanceof DdlEvent ddl) {
                if (!openTx.isEmpty()) {
                    throw new GodwitException(ErrorCode.SYNC_FAILED, "DDL at " + ddl.at()
                            + " arrived inside an open source transaction that began at " + batchEnd);
                }
                if (expectedEnd != null) {
                    throw rereadMismatch("a DDL at " + ddl.at());
                }
                DdlItem item = new DdlItem(batchEnd, ddl);
                if (!batchEnd.equals(batchStart) || !batch.isEmpty()) {
                    held = item;
                    DmlBatch before = takeBatch();
                    restartAt(ddl.next());
                    return before;
                }
                restartAt(ddl.next());
                return item;
            } else if (ev instanceof Heartbeat hb) {
                if (batch.isEmpty() && openTx.isEmpty()) {
                    counters.sourceEventTime(hb.sourceTimeMillis());
                }
            } else {
                if (openTx.isEmpty() && firstChangeNanos == 0) {
                    firstChangeNanos = System.nanoTime();
                }
                router.route(ev, batchEnd, openTx);
                newestSourceMillis = Math.max(newestSourceMillis, ev.sourceTimeMillis());
                if (openTx.size() > maxBufferedTxRows) {
                    LargeTx large = new LargeTx(batchEnd, openTx);
                    openTx = new ArrayList<>();
                    if (!batchEnd.equals(batchStart) || !batch.isEmpty()) {
                        if (expectedEnd != null) {
                            throw rereadMismatch("a transaction of more than " + maxBufferedTxRows + " changes");
                        }
                        held = large;
                        return takeBatch();
                    }
                    return large;
                }
            }
        }
    }

    /**
     * The next piece (at most {@code max} changes) of the current large transaction; null when the sync is
     * stopping (the transaction is dropped and read again on restart).
     */
    Chunk nextChunk(int max) throws InterruptedException {
        List<RowChange> chunk = new ArrayList<>();
        long newest = 0;
        while (chunk.size() < max) {
            if (stopping.getAsBoolean()) {
                return null;
            }
            ChangeEvent ev = source.next(Duration.ofMillis(200));
            if (ev == null) {
                continue;
            }
            newest = Math.max(newest, ev.sourceTimeMillis());
            if (ev instanceof TxCommit commit) {
                restartAt(commit.next());
                return new Chunk(chunk, commit.next(), newest);
            }
            if (ev instanceof DdlEvent ddl) {
                throw new GodwitException(ErrorCode.SYNC_FAILED, "DDL at " + ddl.at() + " arrived inside an open source"
                        + " transaction that began at " + batchStart);
            }
            if (!(ev instanceof Heartbeat)) {
                router.route(ev, batchStart, chunk);
            }
        }
        return new Chunk(chunk, null, newest);
    }

    private Item commit(TxCommit commit) {
        batch.addAll(openTx);
        for (RowChange c : openTx) {
            touched.put(c.table().source(), commit.next());
        }
        openTx = new ArrayList<>();
        batchEnd = commit.next();
        newestSourceMillis = Math.max(newestSourceMillis, commit.sourceTimeMillis());
        if (expectedEnd != null) {
            if (BatchHeader.samePlace(batchEnd, expectedEnd)) {
                expectedEnd = null;
                return takeBatch();
            }
            if (passed(batchEnd, expectedEnd)) {
                throw rereadMismatch("no transaction ending there (passed it at " + batchEnd + ")");
            }
            return null;
        }
        return batch.size() >= maxBatchRows ? takeBatch() : null;
    }

    private boolean dueToClose() {
        long now = System.nanoTime();
        if (!batch.isEmpty()) {
            return now - firstChangeNanos >= maxBatchDelay.toNanos();
        }
        return !batchEnd.equals(batchStart) && now - batchOpenedNanos >= idleCheckpoint.toNanos();
    }

    private Duration pollTimeout() {
        if (!batch.isEmpty() && openTx.isEmpty()) {
            long left = maxBatchDelay.toNanos() - (System.nanoTime() - firstChangeNanos);
            return Duration.ofNanos(Math.max(1_000_000, left));
        }
        return Duration.ofMillis(100);
    }

    private DmlBatch takeBatch() {
        DmlBatch b = new DmlBatch(batchStart, batchEnd, batch, newestSourceMillis, touched);
        restartAt(batchEnd);
        return b;
    }

    private void restartAt(BinlogLocation at) {
        batchStart = at;
        batchEnd = at;
        batch = new ArrayList<>();
        touched = new HashMap<>();
        newestSourceMillis = 0;
        firstChangeNanos = openTx.isEmpty() ? 0 : firstChangeNanos;
        batchOpenedNanos = System.nanoTime();
    }

    /** Binlog file names grow in order with a fixed-width number, so a later file compares greater. */
    private static boolean passed(BinlogLocation at, BinlogLocation end) {
        int files = at.file().compareTo(end.file());
        return files > 0 || files == 0 && at.position() > end.position();
    }

    private GodwitException rereadMismatch(String found) {
        return new GodwitException(ErrorCode.SYNC_REREAD_MISMATCH, "re-reading the half-applied batch " + batchStart
                + " .. " + expectedEnd + " found " + found);
    }
}
