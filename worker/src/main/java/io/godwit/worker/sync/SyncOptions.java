package io.godwit.worker.sync;

import io.godwit.core.config.MySqlInstance;
import io.godwit.core.config.SyncerConfig;
import io.godwit.core.config.TaskPlan;
import io.godwit.filters.BlockAllowList;
import java.time.Duration;

/**
 * How one source's sync runs: DM's {@code syncers} settings plus Godwit's own limits.
 *
 * @param workerCount             slots: target transactions applied concurrently per batch
 * @param batch                   changes per slot and batch (a batch closes at {@code batch x workerCount}),
 *                                also the most rows of one multi-row statement
 * @param maxBufferedTxRows       a source transaction with more changes is streamed through one slot
 *                                instead of being held in memory
 * @param maxBatchDelay           how long the first change of a batch waits for more before the batch closes
 * @param checkpointFlushInterval how often DM's checkpoint table is written, and how long a batch of only
 *                                filtered transactions waits before it moves the checkpoint
 */
public record SyncOptions(String task, String sourceId, String metaSchema, int workerCount, int batch,
                          boolean compact, boolean multipleRows, boolean safeMode, Duration safeModeDuration,
                          Duration checkpointFlushInterval, int maxBufferedTxRows, Duration maxBatchDelay,
                          Backoff backoff) {

    static final int MIN_BUFFERED_TX_ROWS = 10_000;
    static final Duration DEFAULT_BATCH_DELAY = Duration.ofMillis(50);

    public SyncOptions {
        safeModeDuration = safeModeDuration == null ? Duration.ZERO : safeModeDuration;
        maxBatchDelay = maxBatchDelay == null ? DEFAULT_BATCH_DELAY : maxBatchDelay;
        backoff = backoff == null ? Backoff.DEFAULT : backoff;
        if (workerCount < 1 || batch < 1 || maxBufferedTxRows < 1) {
            throw new IllegalArgumentException("worker-count, batch and maxBufferedTxRows must be positive");
        }
    }

    /** The options of one task instance, as DM reads {@code syncers}/{@code syncer-thread}. */
    public static SyncOptions of(TaskPlan plan, MySqlInstance instance) {
        SyncerConfig s = plan.syncer(instance);
        String meta = plan.task().metaSchema().isEmpty() ? BlockAllowList.DEFAULT_META_SCHEMA : plan.task().metaSchema();
        return new SyncOptions(plan.task().name(), instance.sourceId(), meta, s.workerCount(), s.batch(), s.compact(),
                s.multipleRows(), s.safeMode(), s.safeModeDuration(), s.checkpointFlushInterval(),
                Math.max(MIN_BUFFERED_TX_ROWS, s.batch() * s.workerCount()), DEFAULT_BATCH_DELAY, Backoff.DEFAULT);
    }
}
