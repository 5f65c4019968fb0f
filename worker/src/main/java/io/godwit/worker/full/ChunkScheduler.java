package io.godwit.worker.full;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.ChunkSpec;
import io.godwit.core.model.DelimitedColumn;
import io.godwit.core.model.RowBytesSink;
import io.godwit.core.model.RowSink;
import io.godwit.loader.ChunkImporter;
import io.godwit.loader.ChunkLoadResult;
import io.godwit.loader.DeferredIndexes;
import io.godwit.loader.DelimitedRowSource;
import io.godwit.loader.RowSource;
import io.godwit.worker.progress.TableProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.MDC;

/**
 * Runs chunk imports on a fixed number of threads and fails fast: the first failed chunk stops
 * the rest (their transactions roll back, their checkpoints stay unwritten) and is rethrown.
 *
 * <p>A table with deferred secondary indexes gets them built by the thread that finishes its last
 * chunk (or, when an earlier run finished every chunk, by a task of its own), while other tables'
 * chunks keep loading; {@link #awaitAll} returns only after every build, so the load never reports
 * done (nor does the sync start) before the indexes exist.
 */
final class ChunkScheduler implements AutoCloseable {
    private final String taskName;
    private final ExecutorService pool;
    private final ChunkImporter importer;
    private final DeferredIndexes indexes;
    private final List<Future<?>> futures = new ArrayList<>();

    ChunkScheduler(String taskName, int threads, ChunkImporter importer, DeferredIndexes indexes) {
        this.taskName = taskName;
        this.importer = importer;
        this.indexes = indexes;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, taskName + "-load-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    void submitTable(SourceTablePlan t) {
        t.progress().planned(t.chunks().size());
        t.deferredIndexes().ifPresent(i -> t.progress().indexesPending());
        List<ChunkSpec> toLoad = new ArrayList<>();
        for (ChunkSpec chunk : t.chunks()) {
            if (t.finished().contains(chunk.index())) {
                t.progress().chunkDone(0, true);
            } else {
                toLoad.add(chunk);
            }
        }
        if (toLoad.isEmpty()) {
            t.deferredIndexes().ifPresent(i -> futures.add(pool.submit(() -> withMdc(t, () -> buildIndexes(t)))));
            return;
        }
        AtomicInteger unfinished = new AtomicInteger(toLoad.size());
        for (ChunkSpec chunk : toLoad) {
            futures.add(pool.submit(() -> withMdc(t, () -> {
                importChunk(t, chunk);
                if (unfinished.decrementAndGet() == 0) {
                    buildIndexes(t);
                }
            })));
        }
    }

    private void importChunk(SourceTablePlan t, ChunkSpec chunk) {
        CountingRows counted = new CountingRows(t.rows().apply(chunk), t.progress());
        ChunkLoadResult r = importer.importChunk(t.chunkTarget(), chunk, t.sourceId(), counted);
        t.progress().chunkDone(r.rows(), r.skipped());
    }

    private void buildIndexes(SourceTablePlan t) {
        if (t.deferredIndexes().isPresent()) {
            indexes.build(t.deferredIndexes().get());
            t.progress().indexesBuilt();
        }
    }

    private Void withMdc(SourceTablePlan t, Runnable work) {
        MDC.put("task", taskName);
        MDC.put("source", t.sourceId());
        MDC.put("unit", "load");
        try {
            work.run();
            return null;
        } finally {
            MDC.clear();
        }
    }

    /**
     * Counts the rows streamed into the table's progress, in steps of {@value #STEP} rows so that
     * the chunk threads do not contend on the shared counters per row.
     */
    private static final class CountingRows implements DelimitedRowSource {
        private static final int STEP = 1024;
        private final RowSource inner;
        private final TableProgress progress;

        CountingRows(RowSource inner, TableProgress progress) {
            this.inner = inner;
            this.progress = progress;
        }

        @Override public void forEach(RowSink sink) throws Exception {
            Counter n = new Counter();
            try {
                inner.forEach(row -> {
                    n.add(row.length());
                    sink.accept(row);
                });
            } finally {
                n.flush();
            }
        }

        /** The inner source's text form, if it has one. */
        @Override public List<DelimitedColumn> delimitedColumns() {
            return inner instanceof DelimitedRowSource d ? d.delimitedColumns() : List.of();
        }

        @Override public void forEachDelimited(RowBytesSink sink) throws Exception {
            Counter n = new Counter();
            try {
                ((DelimitedRowSource) inner).forEachDelimited((buf, off, len) -> {
                    n.add(len);
                    sink.accept(buf, off, len);
                });
            } finally {
                n.flush();
            }
        }

        @Override public void forEachBytes(RowBytesSink sink) throws Exception {
            Counter n = new Counter();
            try {
                inner.forEachBytes((buf, off, len) -> {
                    n.add(len);
                    sink.accept(buf, off, len);
                });
            } finally {
                n.flush();
            }
        }

        private final class Counter {
            private int rows;
            private long bytes;

            void add(int rowBytes) {
                bytes += rowBytes;
                if (++rows == STEP) {
                    flush();
                }
            }

            void flush() {
                progress.addRows(rows, bytes);
                rows = 0;
                bytes = 0;
            }
        }
    }

    /** Waits for every chunk; on the first failure cancels the rest and throws it. */
    void awaitAll() {
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pool.shutdownNow();
                throw new GodwitException(ErrorCode.INTERRUPTED, "task " + taskName + " was interrupted");
            } catch (ExecutionException e) {
                pool.shutdownNow();
                if (e.getCause() instanceof GodwitException g) {
                    throw g;
                }
                throw new GodwitException(ErrorCode.LOAD_FAILED, String.valueOf(e.getCause()), e.getCause());
            }
        }
    }

    @Override public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
