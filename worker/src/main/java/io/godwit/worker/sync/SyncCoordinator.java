package io.godwit.worker.sync;

import io.godwit.binlog.TableSchemas;
import io.godwit.core.db.Endpoint;
import io.godwit.core.db.ServerFlavor;
import io.godwit.core.db.SqlErrorClassifier;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.error.RetryKind;
import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.PartialOrder;
import io.godwit.core.model.TableId;
import io.godwit.filters.BinlogEventFilter;
import io.godwit.filters.ExpressionFilter;
import io.godwit.filters.TableFilterChain;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync unit of one source: reads the change stream in binlog order, cuts it into batches of whole
 * source transactions, splits each batch over {@code worker-count} slots by causality and applies the
 * shares concurrently, one target transaction per slot, with a barrier between batches.
 *
 * <h2>Protocol</h2>
 * <ol>
 *   <li>Batch k spans whole source transactions from {@code start(k) = end(k-1)} to {@code end(k)}, both
 *       transaction boundaries. A DML batch closes at {@code batch x worker-count} changes, after
 *       {@code maxBatchDelay}, or before a DDL; a DDL is a batch of its own; a source transaction of more
 *       than {@code maxBufferedTxRows} changes is a batch of its own, streamed through slot 0 with its
 *       target transaction open across it (memory stays bounded; the other slots commit empty shares).</li>
 *   <li>The split of a batch over the slots is a function of the batch's content, the worker count and the
 *       batch's safe-mode flag ({@link Compactor}, {@link Causality}); its digest is recorded.</li>
 *   <li>Slot s applies its share in ONE target transaction whose first statement moves the row
 *       {@code (source, s)} of {@code <meta>.<task>_syncer_slot} from batch k-1 to k and records start,
 *       end, digest and safe mode; then the share's statements; then commit. Also for an empty share.</li>
 *   <li>Batch k+1 is applied only after every slot committed batch k (barrier).</li>
 *   <li>A DDL batch: (a) record it as pending in {@code <task>_syncer_ddl}, committed; (b) execute its
 *       (already routed) statements; (c) in one transaction move all slot rows to k, mark the DDL done
 *       with the schema tracker's {@code table_info}, write DM's global checkpoint.</li>
 *   <li>DM's {@code <task>_syncer_checkpoint} (global and per-table rows) is written after barriers, at most
 *       every {@code checkpoint-flush-interval} and when the sync stops; it is informational.</li>
 * </ol>
 *
 * <h2>Guarantee</h2>
 * A kill -9 of this process, a killed target connection, a lost commit reply or a failing target at any
 * moment leaves every slot row saying exactly which of its shares are in the target, because the row and
 * the share commit atomically. On restart ({@link SyncCheckpoints#recover}):
 * <ul>
 *   <li>all slots at k: the sync resumes at {@code end(k)};</li>
 *   <li>some slots at k, others at k-1: batch k is read again from {@code start(k)} to {@code end(k)}, the
 *       identical split is rebuilt (its digest must match the recorded one, else the sync stops with
 *       SYNC_REREAD_MISMATCH instead of guessing), and only the shares of the slots at k-1 are applied;</li>
 *   <li>a pending DDL is executed again, then completed;</li>
 *   <li>a slot transaction whose commit reply was lost is recognised (its row is already at k with the
 *       same digest) and not applied again; a second process running the same source is fenced off by
 *       the same row condition (SYNC_CHECKPOINT_FENCED).</li>
 * </ul>
 * So every row change read from the binlog is applied to the target exactly once in effect, under these
 * conditions: the binlog from the oldest slot's batch start is still readable and reads the same; the
 * {@link ChangeSource} is opened with the schema tracker restored to the {@code table_info} given to the
 * opener; filters and routes are not changed while a batch is half applied (the digest catches it).
 *
 * <p>The one DDL caveat: a DDL is not transactional on MySQL-family targets. A kill between (b) and (c)
 * runs it again on restart; errors that mean "already done" (table exists, unknown table, duplicate
 * column or key, can't drop, ...) are accepted. A DDL that succeeds a second time with another effect
 * (ADD INDEX without a name adds a second index) is applied twice; a DDL rewritten into several
 * statements and killed midway resumes statement by statement under the same rule.
 *
 * <p>Not atomic across slots: a reader of the target may see one slot's share of a batch before another's
 * (as with DM); everything up to {@code end(k)} is visible once the barrier of batch k passed.
 *
 * <p>Safe mode ({@code safe-mode}, or {@code safe-mode-duration} after a start without slot checkpoints,
 * when the target may already hold later changes from a load or a lagging DM checkpoint) writes INSERT as
 * REPLACE and UPDATE as DELETE + REPLACE, as DM does. A restart from slot checkpoints needs no safe mode.
 */
public final class SyncCoordinator {
    private static final Logger LOG = LoggerFactory.getLogger(SyncCoordinator.class);

    private final SyncOptions options;
    private final DataSource pool;
    private final ChangeSource.Opener opener;
    private final Supplier<String> tableInfo;
    private final DdlRewriter ddlRewriter;
    private final SlotCommitter committer;
    private final SyncCheckpoints checkpoints;
    private final SyncCounters counters = new SyncCounters();
    private final DmlRouter router;
    private final RowKeys keys = new RowKeys();
    private final Compactor compactor = new Compactor(keys);
    private final Causality causality = new Causality(keys);
    private final BinlogLocation initialLocation;
    private final DdlOverrides ddlOverrides = new DdlOverrides();
    private volatile BinlogLocation safeUntil;
    /**
     * The shard-DDL decisions of the DDL the target refused, by the DDL batch's start: once that batch completes (run
     * again, skipped or replaced by the operator) their versions are acknowledged, so that the other shards go on and
     * the next start does not run the refused statements again.
     */
    private volatile RefusedShardDdl refusedShardDdl;

    private record RefusedShardDdl(BinlogLocation start, RewrittenDdl rewritten) {}
    private volatile boolean stopRequested;
    private long safeModeUntilNanos;
    private boolean firstRecovery = true;
    private String checkpointedTableInfo = "";
    private long lastDmFlushNanos = System.nanoTime();
    private final Map<TableId, BinlogLocation> touchedSinceFlush = new HashMap<>();
    private long batchesLeft = Long.MAX_VALUE;
    /** The row batch the slots are applying while the next one is read (coordinator thread only). */
    private InFlight inFlight;

    /**
     * @param pool            the target pool of this task and source for the sync role
     *                        ({@code <task>-<source>-sync}), at least {@code worker-count + 1} connections
     * @param opener          opens the binlog at a transaction boundary with the tracker restored
     * @param schemas         table definitions as of the events being read
     * @param tables          block-allow-list and routes of this source
     * @param events          binlog event filter of this source
     * @param ddlRewriter     target statements of a DDL (filtered, routed, adapted)
     * @param tableInfo       the schema tracker's state as JSON, checkpointed with every DDL
     * @param initialLocation where to start without any checkpoint (task {@code meta} or the load's point)
     */
    public SyncCoordinator(SyncOptions options, DataSource pool, ChangeSource.Opener opener, TableSchemas schemas,
                           TableFilterChain tables, BinlogEventFilter events, DdlRewriter ddlRewriter,
                           Supplier<String> tableInfo, BinlogLocation initialLocation) {
        this(options, pool, opener, schemas, tables, events, ExpressionFilter.NONE, ddlRewriter, tableInfo,
                initialLocation, SlotCommitter.COMMIT);
    }

    /** As the constructor above, with DM's {@code expression-filter} rules of this source ({@link ExpressionFilter#of}). */
    public SyncCoordinator(SyncOptions options, DataSource pool, ChangeSource.Opener opener, TableSchemas schemas,
                           TableFilterChain tables, BinlogEventFilter events, ExpressionFilter expressions,
                           DdlRewriter ddlRewriter, Supplier<String> tableInfo, BinlogLocation initialLocation) {
        this(options, pool, opener, schemas, tables, events, expressions, ddlRewriter, tableInfo, initialLocation,
                SlotCommitter.COMMIT);
    }

    SyncCoordinator(SyncOptions options, DataSource pool, ChangeSource.Opener opener, TableSchemas schemas,
                    TableFilterChain tables, BinlogEventFilter events, DdlRewriter ddlRewriter, Supplier<String> tableInfo, BinlogLocation initialLocation,
                    SlotCommitter committer) {
        this(options, pool, opener, schemas, tables, events, ExpressionFilter.NONE, ddlRewriter, tableInfo,
                initialLocation, committer);
    }

    SyncCoordinator(SyncOptions options, DataSource pool, ChangeSource.Opener opener, TableSchemas schemas,
                    TableFilterChain tables, BinlogEventFilter events, ExpressionFilter expressions,
                    DdlRewriter ddlRewriter, Supplier<String> tableInfo, BinlogLocation initialLocation,
                    SlotCommitter committer) {
        this.options = options;
        this.pool = pool;
        this.opener = opener;
        this.tableInfo = tableInfo;
        this.ddlRewriter = ddlRewriter;
        this.committer = committer;
        this.initialLocation = initialLocation;
        this.checkpoints = new SyncCheckpoints(options.metaSchema(), options.task(), options.sourceId());
        this.router = new DmlRouter(options.sourceId(), tables, events, expressions, schemas, counters);
    }

    /** Asks the sync to stop at the next batch boundary; {@link #run} then returns. */
    public void stop() {
        stopRequested = true;
    }

    /** Where an operator skips or replaces a DDL (DM's {@code binlog skip|replace}); takes effect on the next run. */
    public DdlOverrides ddlOverrides() {
        return ddlOverrides;
    }

    /**
     * DM's {@code binlog skip} (no statements) or {@code binlog replace} for the DDL this paused sync
     * stopped at ({@code at}, its batch's start): remembered for the next run here, and written into
     * the DDL's row in {@code <task>_syncer_ddl} as what is left to run, so that a restart of this
     * process, or another worker after a failover, runs the replacement too and never the original.
     *
     * @throws GodwitException CONFIG_INVALID when the target holds no paused DDL for this source
     */
    public void overridePausedDdl(BinlogLocation at, List<String> statements) {
        int rows;
        try (Connection c = pool.getConnection()) {
            rows = checkpoints.overridePendingDdl(c, statements);
        } catch (SQLException e) {
            throw SqlErrorClassifier.wrap(e, Endpoint.TARGET, "recording the skip or replacement of the DDL at " + at);
        }
        if (rows == 0) {
            throw new GodwitException(ErrorCode.CONFIG_INVALID, "source " + options.sourceId() + " has no DDL waiting"
                    + " in the target's checkpoints at " + at + ": nothing to skip or replace");
        }
        if (statements.isEmpty()) {
            ddlOverrides.skip(at);
        } else {
            ddlOverrides.replace(at, statements);
        }
        LOG.info("sync of {}: the DDL at {} is to be {}", options.sourceId(), at,
                statements.isEmpty() ? "skipped" : "replaced by " + statements);
    }

    public SyncStatus status() {
        return counters.snapshot();
    }

    /**
     * Recovers from the checkpoints and applies the stream until {@link #stop()}. Retryable failures
     * (target unreachable, transient errors that outlasted a slot's retries, a failed streamed share)
     * restart from the checkpoints with backoff; any other error is recorded in {@link #status()} and
     * thrown.
     */
    public void run() {
        ExecutorService slots = Executors.newFixedThreadPool(options.workerCount(), slotThreads());
        try {
            int failures = 0;
            while (true) {
                long appliedBefore = counters.rowsApplied();
                try {
                    runFromCheckpoints(prepareTarget(), slots);
                    return;
                } catch (GodwitException e) {
                    failures = counters.rowsApplied() > appliedBefore ? 1 : failures + 1;
                    if (stopRequested || e.code().retryKind() != RetryKind.RETRYABLE
                            || !options.backoff().allowsRetry(failures)) {
                        counters.failed(e);
                        throw e;
                    }
                    LOG.warn("sync of {} restarts from its checkpoints after: {}", options.sourceId(), e.oneLine());
                    options.backoff().pause(failures);
                }
            }
        } catch (RuntimeException e) {
            if (!(e instanceof GodwitException)) {
                counters.failed(new GodwitException(ErrorCode.INTERNAL, String.valueOf(e), e));
            }
            throw e;
        } finally {
            slots.shutdownNow();
        }
    }

    /** Runs at most {@code batches} batches, then stops as {@link #stop()} would: for fault tests. */
    void runBatches(long batches) {
        batchesLeft = batches;
        run();
    }

    private void runFromCheckpoints(ServerFlavor flavor, ExecutorService slots) {
        Resume resume = recover();
        SlotApplier applier = new SlotApplier(pool, checkpoints, committer,
                new StatementPlanner(flavor, options.multipleRows(), options.batch()), counters, options.backoff());
        DdlApplier ddl = new DdlApplier(pool, checkpoints, options.workerCount(), options.backoff(), ddlOverrides);
        BatchApplier batches = new BatchApplier(applier, slots);
        long seq = resume.lastSeq();
        if (resume.pendingDdl() != null) {
            Resume.PendingDdl p = resume.pendingDdl();
            BatchHeader h = new BatchHeader(p.seq(), p.start(), p.next());
            LOG.info("sync of {}: DDL batch {} at {} was pending; running it again", options.sourceId(), p.seq(), p.at());
            ddl.resume(h, p, checkpointedTableInfo);
            acknowledgeRefused(h.start());
            batchDone(h, 0, Map.of());
            seq = p.seq();
        }
        router.schemaChanged();
        try (ChangeSource source = opener.openAt(resume.readFrom(), checkpointedTableInfo)) {
            if (!ddlRewriter.syncStarting(pool, () -> stopRequested, counters::shardWait)) {
                return;
            }
            BatchReader reader = new BatchReader(source, router, counters, () -> stopRequested || batchesLeft <= 0,
                    resume.readFrom(), options.batch() * options.workerCount(), options.maxBufferedTxRows(),
                    options.maxBatchDelay(), options.checkpointFlushInterval()).whileIdle(this::finishIfDone);
            if (resume.partial() != null) {
                Resume.Partial p = resume.partial();
                LOG.info("sync of {}: batch {} was committed by {} of {} slots; applying the rest", options.sourceId(),
                        p.header().seq(), p.workerCount() - p.slotsToApply().size(), p.workerCount());
                reader.expectEnd(p.header().end());
                if (!applyItem(reader, reader.next(), p.header().seq(), p, batches, ddl)) {
                    return;
                }
                seq = p.header().seq();
            }
            // A row batch goes to the slots and the next item is read, decoded, compacted and split while
            // they apply it; it is handed over once they have committed. Anything else waits for them first:
            // a DDL changes how the rows after it are read, and a large transaction streams through slot 0.
            // When the source is idle, the reader lets the batch in flight be recorded as soon as it is done.
            try {
                while (true) {
                    BatchReader.Item item = reader.next();
                    if (item == null) {
                        break;
                    }
                    if (item instanceof BatchReader.DmlBatch b) {
                        Prepared next = prepare(b, seq + 1);
                        finishInFlight();
                        inFlight = batches.submit(next);
                    } else {
                        finishInFlight();
                        if (!applyItem(reader, item, seq + 1, null, batches, ddl)) {
                            break;
                        }
                    }
                    seq++;
                    batchesLeft--;
                }
                finishInFlight();
            } finally {
                if (inFlight != null) {
                    inFlight.awaitQuietly(); // never restart from the checkpoints while slot transactions still run
                    inFlight = null;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GodwitException(ErrorCode.INTERRUPTED, "sync of " + options.sourceId() + " interrupted");
        } finally {
            flushDmCheckpoint(true);
        }
    }

    /** Applies one item as batch {@code seq}; false when the sync stopped before it was complete. */
    private boolean applyItem(BatchReader reader, BatchReader.Item item, long seq, Resume.Partial partial,
                              BatchApplier batches, DdlApplier ddl) throws InterruptedException {
        if (item == null) {
            return false;
        }
        boolean safe = partial != null ? partial.safeMode() : safeModeNow(itemStart(item));
        Set<Integer> only = partial == null ? null : partial.slotsToApply();
        Long digest = partial == null ? null : partial.digest();
        if (item instanceof BatchReader.DmlBatch b) {
            Prepared p = prepare(b, seq, safe);
            checkDigest(digest, p.split().digest(), seq);
            batches.apply(p.header(), p.split(), safe, only);
            batchDone(p.header(), b.newestSourceMillis(), b.touched());
            return true;
        }
        if (item instanceof BatchReader.LargeTx large) {
            return applyLargeTx(reader, large, seq, safe, partial, batches);
        }
        BatchReader.DdlItem d = (BatchReader.DdlItem) item;
        BatchHeader h = new BatchHeader(seq, d.start(), d.ddl().next());
        RewrittenDdl rewritten = rewrite(d, h);
        router.schemaChanged();
        if (!rewritten.awaitTurn(() -> stopRequested || batchesLeft <= 0, counters::shardWait)) {
            return false; // nothing of the DDL ran: a restart reads it again
        }
        String info = tableInfo.get();
        try {
            ddl.apply(h, d.ddl().at(), rewritten.statements(), info == null ? "" : info, rewritten.mayHaveRun());
        } catch (SyncApplyException refused) {
            if (!rewritten.decisions().isEmpty()) {
                refusedShardDdl = new RefusedShardDdl(h.start(), rewritten);
            }
            throw refused;
        }
        checkpointedTableInfo = info == null ? "" : info;
        rewritten.acknowledge();
        acknowledgeRefused(h.start());
        batchDone(h, d.ddl().sourceTimeMillis(), Map.of());
        return true;
    }

    /**
     * The target statements of a DDL batch. A DDL the operator skipped or replaced is not rewritten (nor reported to
     * a shard group, which may be what refused it). A DDL that cannot be rewritten pauses the sync at the DDL's batch,
     * so that {@code binlog skip|replace} can name it.
     */
    private RewrittenDdl rewrite(BatchReader.DdlItem d, BatchHeader h) {
        if (ddlOverrides.has(h.start())) {
            return RewrittenDdl.of(List.of());
        }
        try {
            return ddlRewriter.rewrite(d.ddl(), d.start());
        } catch (SyncApplyException e) {
            throw e;
        } catch (GodwitException e) {
            throw new SyncApplyException(e.code(), e.getMessage(), h.start(), d.ddl().sql(), e);
        }
    }

    /** The DDL batch at {@code start} is complete: the decisions remembered when the target refused it are done. */
    private void acknowledgeRefused(BinlogLocation start) {
        RefusedShardDdl refused = refusedShardDdl;
        if (refused != null && BatchHeader.samePlace(refused.start(), start)) {
            refused.rewritten().acknowledge();
            refusedShardDdl = null;
        }
    }

    /** A row batch compacted and split into slot shares, ready for the slots. */
    private record Prepared(BatchReader.DmlBatch batch, BatchHeader header, Causality.Split split, boolean safeMode) {}

    private Prepared prepare(BatchReader.DmlBatch b, long seq) {
        return prepare(b, seq, safeModeNow(b.start()));
    }

    private Prepared prepare(BatchReader.DmlBatch b, long seq, boolean safe) {
        List<RowChange> changes = options.compact() ? compactor.compact(b.changes(), safe) : b.changes();
        return new Prepared(b, new BatchHeader(seq, b.start(), b.end()), causality.split(changes, options.workerCount()),
                safe);
    }

    /** A row batch the slots are applying. */
    private record InFlight(Prepared prepared, List<Future<?>> shares) {
        void awaitQuietly() {
            for (Future<?> f : shares) {
                try {
                    f.get();
                } catch (ExecutionException | RuntimeException e) {
                    LOG.debug("slot share of batch {} ended with {}", prepared.header().seq(), e.toString());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Waits until every slot committed its share of the batch in flight, if any, then records the batch. */
    private void finishInFlight() throws InterruptedException {
        if (inFlight == null) {
            return;
        }
        InFlight done = inFlight;
        inFlight = null; // its futures have all ended once await returns or throws
        BatchApplier.await(done.shares());
        BatchReader.DmlBatch b = done.prepared().batch();
        batchDone(done.prepared().header(), b.newestSourceMillis(), b.touched());
    }

    /** {@link #finishInFlight} if the slots are done already; never waits. */
    private void finishIfDone() throws InterruptedException {
        if (inFlight != null && inFlight.shares().stream().allMatch(Future::isDone)) {
            finishInFlight();
        }
    }

    /** Streams one large transaction through slot 0; the other slots commit empty shares after it. */
    private boolean applyLargeTx(BatchReader reader, BatchReader.LargeTx large, long seq, boolean safe,
                                 Resume.Partial partial, BatchApplier batches) throws InterruptedException {
        boolean stream = partial == null || partial.slotsToApply().contains(0);
        BatchHeader provisional = new BatchHeader(seq, large.start(), large.start());
        long digest = 17;
        long newest = 0;
        Set<TableId> touched = new java.util.HashSet<>();
        try (SlotApplier.StreamedShare share = stream ? batches.applier.openStream(0, provisional, safe) : null) {
            List<RowChange> chunk = large.head();
            BinlogLocation end = null;
            while (true) {
                for (RowChange c : chunk) {
                    digest = Causality.digestStep(digest, c, 0);
                    touched.add(c.table().source());
                }
                if (share != null) {
                    share.add(chunk);
                }
                if (end != null) {
                    break;
                }
                BatchReader.Chunk next = reader.nextChunk(options.batch());
                if (next == null) {
                    return false; // stopping: the open share rolls back and the transaction is read again later
                }
                chunk = next.changes();
                end = next.end();
                newest = Math.max(newest, next.newestSourceMillis());
            }
            BatchHeader h = new BatchHeader(seq, large.start(), end);
            if (partial != null && !BatchHeader.samePlace(end, partial.header().end())) {
                throw new GodwitException(ErrorCode.SYNC_REREAD_MISMATCH, "re-reading batch " + seq + " found its large"
                        + " transaction ending at " + end + ", not at " + partial.header().end());
            }
            checkDigest(partial == null ? null : partial.digest(), digest, seq);
            if (share != null) {
                share.finish(h, digest);
            }
            reader.expectEnd(null);
            List<List<RowChange>> empty = new ArrayList<>();
            for (int s = 0; s < options.workerCount(); s++) {
                empty.add(List.of());
            }
            Set<Integer> others = new java.util.HashSet<>();
            for (int s = 1; s < options.workerCount(); s++) {
                if (partial == null || partial.slotsToApply().contains(s)) {
                    others.add(s);
                }
            }
            batches.apply(h, new Causality.Split(empty, digest), safe, others);
            Map<TableId, BinlogLocation> touchedAt = new HashMap<>();
            touched.forEach(t -> touchedAt.put(t, h.end()));
            batchDone(h, newest, touchedAt);
            return true;
        }
    }

    private void checkDigest(Long expected, long actual, long seq) {
        if (expected != null && expected != actual) {
            throw new GodwitException(ErrorCode.SYNC_REREAD_MISMATCH, "batch " + seq + " of source " + options.sourceId()
                    + " splits differently now than when some slots applied it (digest " + Long.toHexString(actual)
                    + ", recorded " + Long.toHexString(expected) + ")");
        }
    }

    private void batchDone(BatchHeader h, long newestSourceMillis, Map<TableId, BinlogLocation> touched) {
        counters.batchCommitted(h.end(), h.seq());
        counters.sourceEventTime(newestSourceMillis);
        counters.clearError();
        touchedSinceFlush.putAll(touched);
        flushDmCheckpoint(false);
    }

    private boolean safeModeNow(BinlogLocation batchStart) {
        boolean on = options.safeMode() || System.nanoTime() - safeModeUntilNanos < 0
                || (safeUntil != null && batchStart.compare(safeUntil) == PartialOrder.BEFORE);
        counters.safeMode(on);
        return on;
    }

    private static BinlogLocation itemStart(BatchReader.Item item) {
        if (item instanceof BatchReader.DmlBatch b) {
            return b.start();
        }
        if (item instanceof BatchReader.DdlItem d) {
            return d.start();
        }
        return ((BatchReader.LargeTx) item).start();
    }

    /**
     * Where the load ended, for a task whose load was resumed from a newer snapshot than the one
     * the sync starts at: every batch that starts before {@code until} is written in safe mode, so
     * the changes already in the later-loaded chunks apply idempotently, however long the replay
     * takes and however often it is interrupted. Set before {@link #run}.
     */
    public void safeModeUntil(BinlogLocation until) {
        this.safeUntil = until;
    }

    /**
     * Tables loaded whole from a snapshot later than the sync's start (keyless ones, and ones a DDL
     * changed during a resumed load): their rows in transactions before that snapshot are already in
     * the target and are dropped (counted as filtered), since safe mode cannot make a keyless insert
     * idempotent. Set before {@link #run}.
     */
    public void rowsLoadedAt(Map<TableId, BinlogLocation> loadedAt) {
        router.rowsLoadedAt(loadedAt);
    }

    private Resume recover() {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                Resume r = checkpoints.recover(c, options.workerCount(), initialLocation);
                c.commit();
                if (firstRecovery) {
                    firstRecovery = false;
                    safeModeUntilNanos = System.nanoTime()
                            + (r.fromScratch() ? options.safeModeDuration().toNanos() : 0);
                }
                checkpointedTableInfo = r.tableInfo();
                counters.batchCommitted(r.pendingDdl() != null ? r.pendingDdl().start() : r.readFrom(), r.lastSeq());
                LOG.info("sync of {} resumes at {} after batch {}{}", options.sourceId(), r.readFrom(), r.lastSeq(),
                        r.fromScratch() ? " (no slot checkpoint yet)" : "");
                return r;
            } catch (SQLException e) {
                SQLException seen = SqlErrorClassifier.onConnection(e, c);
                SlotApplier.rollbackQuietly(c);
                throw seen;
            } catch (RuntimeException e) {
                SlotApplier.rollbackQuietly(c);
                throw e;
            }
        } catch (SQLException e) {
            throw metaError(e, "reading the sync checkpoints");
        }
    }

    /** Writes DM's checkpoint rows when the flush interval passed (or always when {@code force}). */
    private void flushDmCheckpoint(boolean force) {
        SyncStatus s = counters.snapshot();
        if (s.appliedLocation() == null
                || !force && System.nanoTime() - lastDmFlushNanos < options.checkpointFlushInterval().toNanos()) {
            return;
        }
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                checkpoints.writeDmCheckpoint(c, s.appliedLocation(), checkpointedTableInfo, touchedSinceFlush);
                c.commit();
                touchedSinceFlush.clear();
                lastDmFlushNanos = System.nanoTime();
            } catch (SQLException | RuntimeException e) {
                SlotApplier.rollbackQuietly(c);
                throw e;
            }
        } catch (SQLException e) {
            // DM's table is informational: a failed write is retried at the next flush, never fatal here.
            LOG.warn("writing DM's checkpoint of {} failed (SQLSTATE {}, error {}); retried at the next flush",
                    options.sourceId(), e.getSQLState(), e.getErrorCode());
        }
    }

    private ServerFlavor prepareTarget() {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            checkpoints.createTables(c);
            try (ResultSet rs = s.executeQuery(SyncStatements.VERSION)) {
                rs.next();
                return ServerFlavor.fromVersion(rs.getString(1));
            }
        } catch (SQLException e) {
            throw metaError(e, "creating the sync checkpoint tables");
        }
    }

    private GodwitException metaError(SQLException e, String what) {
        GodwitException g = SqlErrorClassifier.wrap(e, Endpoint.TARGET, what + " of " + options.sourceId()
                + " in " + options.metaSchema());
        return g.code() == ErrorCode.TARGET_WRITE_FAILED ? new GodwitException(ErrorCode.META_FAILED, g.getMessage(), e) : g;
    }

    private java.util.concurrent.ThreadFactory slotThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, options.task() + "-" + options.sourceId() + "-sync-applier-" + n.getAndIncrement());
            t.setDaemon(true);
            return t;
        };
    }

    /** Runs the slots' shares of one batch concurrently and waits for all of them (the barrier). */
    private static final class BatchApplier {
        private final SlotApplier applier;
        private final ExecutorService slots;

        BatchApplier(SlotApplier applier, ExecutorService slots) {
            this.applier = applier;
            this.slots = slots;
        }

        /** @param only the slots to apply (recovery), or null for all */
        void apply(BatchHeader h, Causality.Split split, boolean safeMode, Set<Integer> only)
                throws InterruptedException {
            await(start(h, split, safeMode, only));
        }

        /** Hands every share of a prepared batch to the slots and returns at once. */
        InFlight submit(Prepared p) {
            return new InFlight(p, start(p.header(), p.split(), p.safeMode(), null));
        }

        private List<Future<?>> start(BatchHeader h, Causality.Split split, boolean safeMode, Set<Integer> only) {
            List<Future<?>> running = new ArrayList<>();
            for (int s = 0; s < split.shares().size(); s++) {
                if (only == null || only.contains(s)) {
                    int slot = s;
                    List<RowChange> share = split.shares().get(s);
                    running.add(slots.submit(() -> applier.applyShare(slot, h, split.digest(), share, safeMode)));
                }
            }
            return running;
        }

        /** Waits for every share; rethrows the first failure once all have ended. */
        static void await(List<Future<?>> running) throws InterruptedException {
            RuntimeException first = null;
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException r ? r
                            : new GodwitException(ErrorCode.INTERNAL, "slot failed: " + e.getCause(), e.getCause());
                    if (first == null) {
                        first = cause;
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }
}
