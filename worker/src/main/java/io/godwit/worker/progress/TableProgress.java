package io.godwit.worker.progress;

import io.godwit.core.model.TableId;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Counters of one source table's migration; updated by chunk threads, read by the reporter. */
public final class TableProgress {
    private final String sourceId;
    private final TableId table;
    private final AtomicLong estimatedRows = new AtomicLong();
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicInteger chunksDone = new AtomicInteger();
    private volatile int chunks;
    private volatile boolean indexesPending;

    TableProgress(String sourceId, TableId table, long estimatedRows) {
        this.sourceId = sourceId;
        this.table = table;
        this.estimatedRows.set(Math.max(0, estimatedRows));
    }

    public void planned(int chunkCount) { this.chunks = chunkCount; }

    /** The table's secondary indexes are built after its chunks: it is not done until {@link #indexesBuilt}. */
    public void indexesPending() { this.indexesPending = true; }

    public void indexesBuilt() { this.indexesPending = false; }

    public void addRow(long literalBytes) {
        addRows(1, literalBytes);
    }

    public void addRows(long n, long literalBytes) {
        rows.addAndGet(n);
        bytes.addAndGet(literalBytes);
    }

    /** A chunk finished: {@code skipped} chunks were already loaded by an earlier run. */
    public void chunkDone(long chunkRows, boolean skipped) {
        chunksDone.incrementAndGet();
        if (skipped) {
            rows.addAndGet(chunkRows);
        }
    }

    public String sourceId() { return sourceId; }
    public TableId table() { return table; }
    public long rows() { return rows.get(); }
    public long bytes() { return bytes.get(); }
    public int chunks() { return chunks; }
    public int chunksDone() { return chunksDone.get(); }
    public boolean chunksLoaded() { return chunks > 0 && chunksDone.get() >= chunks; }
    public boolean done() { return chunksLoaded() && !indexesPending; }
    /** All rows are in and the secondary indexes are being built (or about to be). */
    public boolean buildingIndexes() { return chunksLoaded() && indexesPending; }

    /** The estimate grows to what was seen and is exact once done, so % never passes 100 on a stale TABLE_ROWS. */
    public long expectedRows() {
        return chunksLoaded() ? rows.get() : Math.max(estimatedRows.get(), rows.get());
    }
}
