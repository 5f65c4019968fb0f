package io.godwit.worker.sync;

import com.zaxxer.hikari.HikariDataSource;
import io.godwit.binlog.schema.SourceDialect;
import io.godwit.core.config.MySqlInstance;
import io.godwit.core.config.SourceConfig;
import io.godwit.core.config.TaskConfig;
import io.godwit.core.config.TaskPlan;
import io.godwit.core.db.Databases;
import io.godwit.core.db.Endpoint;
import io.godwit.core.db.SqlErrorClassifier;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.TableInfo;
import io.godwit.dumper.Consistency;
import io.godwit.dumper.DumpOptions;
import io.godwit.dumper.SnapshotDumper;
import io.godwit.filters.BinlogEventFilter;
import io.godwit.filters.BlockAllowList;
import io.godwit.filters.TableFilterChain;
import io.godwit.filters.TableRouter;
import io.godwit.loader.TargetSchemaCreator;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The sync units of one task, one per source, each on its own thread, until {@link #stop()} or
 * the first source that fails for good (the others are then stopped too, checkpointed).
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
    private volatile boolean stopRequested;

    public TaskReplication(TaskConfig task, Map<String, SourceConfig> sources) {
        this.task = task;
        this.plan = new TaskPlan(task);
        this.sources = Map.copyOf(sources);
    }

    /**
     * Records a snapshot's point and tables as where {@code instance}'s sync starts, unless a start
     * is recorded already (a resumed load keeps the first snapshot's point).
     */
    public void recordSnapshot(MySqlInstance instance, BinlogLocation point, Collection<TableInfo> tables) {
        SourceConfig source = source(instance);
        try (HikariDataSource target = targetPool(instance, 1)) {
            SyncStart.recordFirst(target, metaSchema(), task.name(), instance.sourceId(),
                    new SyncStart(point, SyncUnit.trackerState(dialect(source), tables)));
        }
    }

    /** Runs every source's sync until {@link #stop()}; throws the first failure that stopped a source. */
    public void run() {
        List<HikariDataSource> pools = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        try {
            for (MySqlInstance inst : plan.instances()) {
                SyncOptions options = SyncOptions.of(plan, inst);
                HikariDataSource pool = targetPool(inst, options.workerCount() + 2);
                pools.add(pool);
                SyncUnit unit = unit(inst, options, pool);
                synchronized (units) {
                    units.put(inst.sourceId(), unit);
                }
                Thread t = new Thread(() -> {
                    MDC.put("task", task.name());
                    MDC.put("source", inst.sourceId());
                    MDC.put("unit", "sync");
                    try {
                        unit.run();
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                        LOG.error("sync of {} stopped: {}", inst.sourceId(),
                                e instanceof GodwitException g ? g.oneLine() : e.toString());
                        stop();
                    }
                }, "godwit-sync-" + inst.sourceId());
                threads.add(t);
                if (stopRequested) {
                    break;
                }
                t.start();
            }
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
        } finally {
            pools.forEach(HikariDataSource::close);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    /** Asks every source's sync to stop at its next batch boundary; {@link #run()} then returns. */
    public void stop() {
        stopRequested = true;
        synchronized (units) {
            units.values().forEach(SyncUnit::stop);
        }
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
        SyncStart start = SyncStart.find(pool, metaSchema(), task.name(), inst.sourceId())
                .orElseGet(() -> SyncStart.recordFirst(pool, metaSchema(), task.name(), inst.sourceId(),
                        incrementalStart(inst, source)));
        TableFilterChain chain = new TableFilterChain(
                new BlockAllowList(plan.blockAllowList(inst), task.caseSensitive(), task.metaSchema()),
                new TableRouter(plan.routes(inst), task.caseSensitive()));
        BinlogEventFilter events = new BinlogEventFilter(plan.eventFilters(inst), task.caseSensitive());
        DdlRewriter ddl = new TaskDdlRewriter(inst.sourceId(), chain, events,
                new TargetSchemaCreator(pool).dialect());
        return new SyncUnit(options, source, start, chain, events, ddl, pool);
    }

    /**
     * Where an {@code incremental} task starts (ignored when a start is recorded already, as after a
     * load): the task's {@code meta}, with the tables as the source has them now. The definitions
     * must not have changed between {@code meta} and now; DM makes the same assumption.
     */
    private SyncStart incrementalStart(MySqlInstance inst, SourceConfig source) {
        BinlogLocation meta = plan.startLocation(inst).orElseThrow(() -> new GodwitException(ErrorCode.CONFIG_INVALID,
                "mysql-instances: source-id \"" + inst.sourceId() + "\" has neither a meta position nor a sync"
                        + " checkpoint in the target to start the binlog from"));
        BlockAllowList bal = new BlockAllowList(plan.blockAllowList(inst), task.caseSensitive(), task.metaSchema());
        try (SnapshotDumper d = SnapshotDumper.open(new DumpOptions(source.from(),
                task.name() + "-" + inst.sourceId() + "-schema", 1, Consistency.NONE, bal::allowsTable))) {
            return new SyncStart(meta, SyncUnit.trackerState(dialect(source), d.tables(bal::allowsTable)));
        }
    }

    private HikariDataSource targetPool(MySqlInstance inst, int size) {
        return Databases.pool(task.name() + "-" + inst.sourceId() + "-sync", task.targetDatabase(), Endpoint.TARGET, size);
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
