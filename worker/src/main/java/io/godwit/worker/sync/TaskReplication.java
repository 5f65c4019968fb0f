package io.godwit.worker.sync;

import com.zaxxer.hikari.HikariDataSource;
import io.godwit.binlog.schema.SourceDialect;
import io.godwit.core.config.MySqlInstance;
import io.godwit.core.config.ShardMode;
import io.godwit.core.config.SourceConfig;
import io.godwit.core.config.TaskConfig;
import io.godwit.core.config.TaskPlan;
import io.godwit.core.db.Databases;
import io.godwit.core.db.Endpoint;
import io.godwit.core.db.SqlErrorClassifier;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.TableId;
import io.godwit.core.model.TableInfo;
import io.godwit.dumper.Consistency;
import io.godwit.dumper.DumpOptions;
import io.godwit.dumper.SnapshotDumper;
import io.godwit.filters.BinlogEventFilter;
import io.godwit.filters.BlockAllowList;
import io.godwit.filters.ExpressionFilter;
import io.godwit.filters.TableFilterChain;
import io.godwit.filters.TableRouter;
import io.godwit.loader.TargetSchemaCreator;
import io.godwit.shardmerge.InMemoryShardDdlCoordinator;
import io.godwit.shardmerge.ShardDdlCoordinator;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The sync units of one task, one per source, each on its own thread, until {@link #stop()}; a
 * source that fails for good is paused with its error, the others go on.
 *
 * <p>Where each source starts without a checkpoint is recorded in the target first
 * ({@link SyncStart#recordFirst}): for task mode {@code all} the snapshot's point, taken before
 * the load begins ({@link #recordSnapshot}); for {@code incremental} the task's {@code meta} with the
 * source's current table definitions.
 */
public final class TaskReplication {
    private static final Logger LOG = LoggerFactory.getLogger(TaskReplication.class);

    private final TaskConfig task;
    private final TaskPlan plan;
    private final Map<String, SourceConfig> sources;
    private final Map<String, SyncUnit> units = new LinkedHashMap<>();
    private final Map<String, Thread> threads = new LinkedHashMap<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopRequested;
    /** The compiled expression filter of each source, by source id. */
    private final Map<String, ExpressionFilter> expressions = new LinkedHashMap<>();
    /** One small target pool for the records made during the load; closed when the sync starts. */
    private HikariDataSource loadRecords;
    /** The shard-DDL lock service of the task's merged tables; null without a {@code shard-mode}. */
    private final ShardDdlCoordinator shardDdl;

    /**
     * A task whose sources all sync in this process: with a {@code shard-mode}, their shard groups are coordinated
     * here, in memory (a restart registers every shard again from its checkpoint).
     */
    public TaskReplication(TaskConfig task, Map<String, SourceConfig> sources) {
        this(task, sources, task.shardMode().coordinates() ? new InMemoryShardDdlCoordinator() : null);
    }

    /**
     * @param shardDdl the shard-DDL lock service the task's syncs share (the master's in a cluster); used only with a
     *                 {@code shard-mode}, may be null otherwise
     */
    public TaskReplication(TaskConfig task, Map<String, SourceConfig> sources, ShardDdlCoordinator shardDdl) {
        this.task = task;
        this.plan = new TaskPlan(task);
        this.sources = Map.copyOf(sources);
        this.shardDdl = task.shardMode().coordinates() ? shardDdl : null;
        if (this.shardDdl == null && task.shardMode().coordinates()) {
            throw new IllegalArgumentException("shard-mode " + task.shardMode().yamlName() + " needs a coordinator");
        }
        // An expression filter that cannot be evaluated fails the task now, not after its dump and load.
        plan.instances().forEach(inst -> expressions.put(inst.sourceId(), ExpressionFilter.of(plan, inst)));
    }

    /**
     * Records a snapshot's point and tables as where {@code instance}'s sync starts, unless a start
     * is recorded already (a resumed load keeps the first snapshot's point).
     */
    public void recordSnapshot(MySqlInstance instance, BinlogLocation point, Collection<TableInfo> tables) {
        SourceConfig source = source(instance);
        SyncStart.recordFirst(loadRecords(), metaSchema(), task.name(), instance.sourceId(),
                new SyncStart(point, SyncUnit.trackerState(dialect(source), tables)));
    }

    /** Records that {@code table} of {@code instance} is about to load whole from the snapshot at {@code point}. */
    public void recordWholeTableLoad(MySqlInstance instance, TableId table, BinlogLocation point) {
        SyncStart.recordTableLoad(loadRecords(), metaSchema(), task.name(), instance.sourceId(), table, point);
    }

    private synchronized HikariDataSource loadRecords() {
        if (loadRecords == null) {
            loadRecords = Databases.pool(task.name() + "-sync-start", task.targetDatabase(), Endpoint.TARGET, 1);
            SyncStart.createTables(loadRecords, metaSchema(), task.name());
        }
        return loadRecords;
    }

    private synchronized void closeLoadRecords() {
        if (loadRecords != null) {
            loadRecords.close();
            loadRecords = null;
        }
    }

    /**
     * Runs every source's sync until {@link #stop()}. A source that meets an error it cannot retry
     * is paused, as DM pauses a subtask: its thread ends, its status shows the error with the binlog
     * position and statement, the other sources go on, and {@link #resume} starts it again (after
     * {@link #skipDdl} or {@link #replaceDdl} where the DDL was the problem).
     */
    public void run() {
        closeLoadRecords();
        if (task.shardMode() == ShardMode.PESSIMISTIC) {
            LOG.warn("task {}: shard-mode pessimistic is coordinated by the optimistic rules for now: a DDL every shard"
                    + " makes alike runs once on the merged table, one that those rules refuse (a rename, the primary"
                    + " key, a NOT NULL column without a default) pauses the sync with the shard named", task.name());
        }
        List<HikariDataSource> pools = new ArrayList<>();
        try {
            for (MySqlInstance inst : plan.instances()) {
                SyncOptions options = SyncOptions.of(plan, inst);
                HikariDataSource pool = targetPool(inst, options.workerCount() + 2);
                pools.add(pool);
                SyncUnit unit = unit(inst, options, pool);
                synchronized (units) {
                    if (stopRequested) {
                        break;
                    }
                    units.put(inst.sourceId(), unit);
                    start(unit);
                }
            }
            stopped.await();
            List<Thread> running;
            synchronized (units) {
                running = List.copyOf(threads.values());
            }
            for (Thread t : running) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
        } finally {
            pools.forEach(HikariDataSource::close);
        }
    }

    /** Starts the sync of {@code unit} on a thread of its own; caller holds {@code units}. */
    private void start(SyncUnit unit) {
        Thread t = new Thread(() -> {
            MDC.put("task", task.name());
            MDC.put("source", unit.sourceId());
            MDC.put("unit", "sync");
            try {
                unit.run();
            } catch (RuntimeException e) {
                LOG.error("sync of {} paused: {}", unit.sourceId(),
                        e instanceof GodwitException g ? g.oneLine() : e.toString());
            }
        }, "godwit-sync-" + unit.sourceId());
        threads.put(unit.sourceId(), t);
        t.start();
    }

    /**
     * Starts again the sync of every paused source ({@code sourceId} null) or of one; returns the
     * sources started. A running source is left alone.
     */
    public List<String> resume(String sourceId) {
        List<String> started = new ArrayList<>();
        synchronized (units) {
            for (Map.Entry<String, SyncUnit> e : units.entrySet()) {
                Thread t = threads.get(e.getKey());
                boolean paused = t != null && !t.isAlive();
                if (!stopRequested && paused && (sourceId == null || sourceId.equals(e.getKey()))) {
                    start(e.getValue());
                    started.add(e.getKey());
                }
            }
        }
        return started;
    }

    /** DM's {@code binlog skip}: the DDL {@code sourceId} paused at runs nothing on the target; returns its position. */
    public BinlogLocation skipDdl(String sourceId) {
        BinlogLocation at = pausedPosition(sourceId);
        units.get(sourceId).overridePausedDdl(at, List.of());
        return at;
    }

    /** DM's {@code binlog replace}: {@code statements} run instead of the DDL {@code sourceId} paused at. */
    public BinlogLocation replaceDdl(String sourceId, List<String> statements) {
        BinlogLocation at = pausedPosition(sourceId);
        units.get(sourceId).overridePausedDdl(at, List.copyOf(statements));
        return at;
    }

    private BinlogLocation pausedPosition(String sourceId) {
        synchronized (units) {
            SyncUnit unit = units.get(sourceId);
            Thread t = threads.get(sourceId);
            if (unit == null || t == null || t.isAlive()) {
                throw new GodwitException(ErrorCode.CONFIG_INVALID, "source " + sourceId + " of task " + task.name()
                        + " is not paused: skip and replace act on the statement a paused sync stopped at");
            }
            SyncStatus.Failure f = unit.status().lastError();
            if (f == null || f.position() == null) {
                throw new GodwitException(ErrorCode.CONFIG_INVALID, "source " + sourceId + " of task " + task.name()
                        + " did not stop at a statement: nothing to skip or replace");
            }
            return f.position();
        }
    }

    /** Asks every source's sync to stop at its next batch boundary; {@link #run()} then returns. */
    public void stop() {
        synchronized (units) {
            stopRequested = true;
            units.values().forEach(SyncUnit::stop);
        }
        stopped.countDown();
    }

    /** The sources whose sync is paused by an error (their thread ended before a stop was asked). */
    public Set<String> pausedSources() {
        Set<String> out = new TreeSet<>();
        synchronized (units) {
            threads.forEach((id, t) -> {
                if (!t.isAlive() && !stopRequested) {
                    out.add(id);
                }
            });
        }
        return out;
    }

    /** Each source's sync status, by source id. */
    public Map<String, SyncStatus> status() {
        Map<String, SyncStatus> out = new LinkedHashMap<>();
        synchronized (units) {
            units.forEach((id, u) -> out.put(id, u.status()));
        }
        return out;
    }

    /** Each source's newest binlog position, by source id (missing where the source cannot say). */
    public Map<String, BinlogLocation> sourcePositions() {
        List<SyncUnit> all;
        synchronized (units) {
            all = List.copyOf(units.values());
        }
        Map<String, BinlogLocation> out = new LinkedHashMap<>();
        for (SyncUnit u : all) {
            u.sourcePosition().ifPresent(p -> out.put(u.sourceId(), p));
        }
        return out;
    }

    private SyncUnit unit(MySqlInstance inst, SyncOptions options, HikariDataSource pool) {
        SourceConfig source = source(inst);
        SyncStart.createTables(pool, metaSchema(), task.name());
        TableFilterChain chain = new TableFilterChain(
                new BlockAllowList(plan.blockAllowList(inst), task.caseSensitive(), task.metaSchema()),
                new TableRouter(plan.routes(inst), task.caseSensitive()));
        SyncStart start = SyncStart.find(pool, metaSchema(), task.name(), inst.sourceId())
                .orElseGet(() -> SyncStart.recordFirst(pool, metaSchema(), task.name(), inst.sourceId(),
                        incrementalStart(inst, source, chain, pool)));
        BinlogEventFilter events = new BinlogEventFilter(plan.eventFilters(inst), task.caseSensitive());
        Map<TableId, BinlogLocation> loadedAt = SyncStart.tableLoads(pool, metaSchema(), task.name(), inst.sourceId());
        TaskDdlRewriter ddl = new TaskDdlRewriter(inst.sourceId(), chain, events,
                new TargetSchemaCreator(pool).dialect()).tablesLoadedAt(loadedAt);
        if (shardDdl != null) {
            ddl.coordinatedBy(new ShardDdlSync(task.name(), inst.sourceId(), shardDdl));
        }
        SyncUnit unit = new SyncUnit(options, source, start, chain, events, expressions.get(inst.sourceId()), ddl, pool);
        unit.rowsLoadedAt(loadedAt);
        return unit;
    }

    /**
     * Where an {@code incremental} task starts (ignored when a start is recorded already, as after a
     * load): the task's {@code meta}. The schema tracker there is seeded as DM seeds it, from the
     * target: its tables were made from the source as of {@code meta} (by a load that ended there),
     * while the source's own definitions may have moved on since. A migrated table the target lacks
     * is taken from the source as it is now, with an INFO line.
     */
    private SyncStart incrementalStart(MySqlInstance inst, SourceConfig source, TableFilterChain chain,
                                       HikariDataSource target) {
        BinlogLocation meta = plan.startLocation(inst).orElseThrow(() -> new GodwitException(ErrorCode.CONFIG_INVALID,
                "mysql-instances: source-id \"" + inst.sourceId() + "\" has neither a meta position nor a sync"
                        + " checkpoint in the target to start the binlog from"));
        BlockAllowList bal = new BlockAllowList(plan.blockAllowList(inst), task.caseSensitive(), task.metaSchema());
        List<TableInfo> sourceTables;
        try (SnapshotDumper d = SnapshotDumper.open(new DumpOptions(source.from(),
                task.name() + "-" + inst.sourceId() + "-schema", 1, Consistency.NONE, bal::allowsTable))) {
            sourceTables = d.tables(id -> chain.resolve(id, inst.sourceId()).isPresent());
        }
        TargetSeed seed = new TargetSeed(dialect(source), target, meta);
        List<TableId> fromSource = new ArrayList<>();
        for (TableInfo t : sourceTables) {
            TableRouter.Route route = chain.resolve(t.id(), inst.sourceId()).orElseThrow();
            if (!seed.fromTarget(t.id(), route)) {
                seed.fromSource(t);
                fromSource.add(t.id());
            }
        }
        LOG.info("source {}: the sync starts at {} with {} table definitions from the target{}", inst.sourceId(), meta,
                sourceTables.size() - fromSource.size(), fromSource.isEmpty() ? ""
                        : " and " + fromSource.size() + " from the source as it is now (not on the target): " + fromSource);
        return new SyncStart(meta, seed.tracker().toJson());
    }

    private HikariDataSource targetPool(MySqlInstance inst, int size) {
        return Databases.pool(task.name() + "-" + inst.sourceId() + "-sync", task.targetDatabase(), Endpoint.TARGET, size,
                Databases.PoolFeature.SERVER_PREPARED_STATEMENTS);
    }

    private String metaSchema() {
        return task.metaSchema().isEmpty() ? BlockAllowList.DEFAULT_META_SCHEMA : task.metaSchema();
    }

    private SourceConfig source(MySqlInstance inst) {
        SourceConfig s = sources.get(inst.sourceId());
        if (s == null) {
            throw new GodwitException(ErrorCode.CONFIG_INVALID, "mysql-instances: source-id \"" + inst.sourceId()
                    + "\" has no source file (give it with --source)");
        }
        return s;
    }

    /** The source server's dialect, for the schema tracker. */
    private static SourceDialect dialect(SourceConfig source) {
        try (Connection c = Databases.connect(source.from(), Endpoint.SOURCE); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(SyncStatements.SOURCE_VERSION)) {
            rs.next();
            return SourceDialect.forServer(rs.getString(1), rs.getString(2));
        } catch (SQLException e) {
            throw SqlErrorClassifier.wrap(e, Endpoint.SOURCE, "reading the version of " + source.from().address());
        }
    }
}
