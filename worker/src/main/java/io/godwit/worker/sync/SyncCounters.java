package io.godwit.worker.sync;

import io.godwit.core.error.GodwitException;
import io.godwit.core.model.BinlogLocation;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** The live counters behind {@link SyncStatus}; written by the coordinator and the slots, read by status. */
final class SyncCounters {
    private static final long RATE_WINDOW_NANOS = 1_000_000_000L;

    private final AtomicLong rowsApplied = new AtomicLong();
    private final AtomicLong rowsFiltered = new AtomicLong();
    private final AtomicLong rowsNotFound = new AtomicLong();
    private final AtomicLong lastSourceEventMillis = new AtomicLong();
    private final AtomicReference<Applied> applied = new AtomicReference<>(new Applied(null, 0));
    private final AtomicReference<SyncStatus.Failure> lastError = new AtomicReference<>();
    private volatile boolean safeMode;
    private final AtomicReference<SyncStatus.ShardWait> shardWait = new AtomicReference<>();
    private long rateSampleNanos = System.nanoTime();
    private long rateSampleRows;
    private double rate;

    private record Applied(BinlogLocation location, long batch) {}

    void applied(long rows) { rowsApplied.addAndGet(rows); }

    void filtered(long rows) { rowsFiltered.addAndGet(rows); }

    void notFound(long rows) { rowsNotFound.addAndGet(rows); }

    void sourceEventTime(long millis) {
        if (millis > 0) {
            lastSourceEventMillis.accumulateAndGet(millis, Math::max);
        }
    }

    void batchCommitted(BinlogLocation end, long seq) { applied.set(new Applied(end, seq)); }

    void safeMode(boolean on) { safeMode = on; }

    void failed(GodwitException e) {
        if (e instanceof SyncApplyException a) {
            lastError.set(new SyncStatus.Failure(e.code(), e.oneLine(), a.position(), a.statement()));
        } else {
            lastError.set(new SyncStatus.Failure(e.code(), e.oneLine(), null, null));
        }
    }

    void clearError() { lastError.set(null); }

    /** The shard-DDL change the sync waits for now; null when it waits for none. */
    void shardWait(SyncStatus.ShardWait wait) { shardWait.set(wait); }

    long rowsApplied() { return rowsApplied.get(); }

    long rowsFiltered() { return rowsFiltered.get(); }

    long rowsNotFound() { return rowsNotFound.get(); }

    synchronized SyncStatus snapshot() {
        long now = System.nanoTime();
        long rows = rowsApplied.get();
        if (now - rateSampleNanos >= RATE_WINDOW_NANOS) {
            rate = (rows - rateSampleRows) * 1e9 / (now - rateSampleNanos);
            rateSampleNanos = now;
            rateSampleRows = rows;
        }
        Applied a = applied.get();
        return new SyncStatus(a.location, a.batch, rows, rowsFiltered.get(), rowsNotFound.get(), rate,
                lastSourceEventMillis.get(), safeMode, lastError.get(), shardWait.get());
    }
}
