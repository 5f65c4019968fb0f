package io.godwit.worker.sync;

import io.godwit.binlog.TableSchemas;
import io.godwit.binlog.schema.SchemaTracker;
import io.godwit.binlog.schema.SourceDialect;
import io.godwit.binlog.stream.BinlogStart;
import io.godwit.binlog.stream.BinlogStreamConfig;
import io.godwit.binlog.stream.ChangeStream;
import io.godwit.binlog.stream.ChangeStreamConfig;
import io.godwit.core.config.SourceConfig;
import io.godwit.core.event.ChangeEvent;
import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.TableId;
import io.godwit.core.model.TableInfo;
import io.godwit.filters.BinlogEventFilter;
import io.godwit.filters.ExpressionFilter;
import io.godwit.filters.TableFilterChain;
import io.godwit.core.db.Databases;
import io.godwit.core.db.Endpoint;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * The sync unit of one task and source, assembled: the binlog reader ({@link ChangeStream}) with
 * the schema tracker it decodes with, feeding the {@link SyncCoordinator} that applies and
 * checkpoints. Value in, value out: it starts from where the dump left off (or the task's
 * {@code meta}) unless the target's checkpoints say otherwise, and runs until {@link #stop()}.
 *
 * <p>The tracker restarts with the binlog: every (re)open at a checkpoint restores the tracker's
 * state saved with that checkpoint's last DDL ({@code table_info}), or the initial state from the
 * snapshot when no DDL was checkpointed, so rows are never decoded with a schema that is ahead of
 * (or behind) the binlog position they come from.
 */
public final class SyncUnit {
    private final SourceConfig source;
    private final Predicate<TableId> tracked;
    private final String initialTrackerState;
    private final Tracker tracker;
    private final long serverId;
    private final SyncCoordinator coordinator;

    /**
     * @param options      the source's sync settings ({@link SyncOptions#of})
     * @param source       the source database, its server id and GTID setting
     * @param start        where to start when the target has no slot checkpoint yet, with the tracker's
     *                     state there ({@link SyncStart#recordFirst}, {@link #trackerState})
     * @param tables       block-allow-list and routes of this source
     * @param events       binlog event filter of this source
     * @param ddlRewriter  what the target executes for a source DDL
     * @param targetPool   the target pool of the sync role, at least {@code worker-count + 1} connections
     */
    public SyncUnit(SyncOptions options, SourceConfig source, SyncStart start, TableFilterChain tables,
                    BinlogEventFilter events, DdlRewriter ddlRewriter, DataSource targetPool) {
        this(options, source, start, tables, events, ExpressionFilter.NONE, ddlRewriter, targetPool);
    }

    /** As the constructor above, with the source's {@code expression-filter} rules ({@link ExpressionFilter#of}). */
    public SyncUnit(SyncOptions options, SourceConfig source, SyncStart start, TableFilterChain tables,
                    BinlogEventFilter events, ExpressionFilter expressions, DdlRewriter ddlRewriter,
                    DataSource targetPool) {
        this.source = source;
        this.serverId = replicaServerId(options.task(), source);
        this.tracked = id -> tables.resolve(id, source.sourceId()).isPresent();
        this.initialTrackerState = start.tableInfo();
        this.tracker = new Tracker(SchemaTracker.fromJson(initialTrackerState, tracked));
        ddlRewriter.trackedBy(tracker);
        this.coordinator = new SyncCoordinator(options, targetPool, this::open, tracker, tables, events, expressions,
                ddlRewriter, () -> tracker.current.toJson(), start.location());
        if (start.safeUntil() != null) {
            coordinator.safeModeUntil(start.safeUntil());
        }
    }

    /** Tables loaded whole from snapshots later than the start; see {@link SyncStart}. */
    public void rowsLoadedAt(Map<TableId, BinlogLocation> loadedAt) {
        coordinator.rowsLoadedAt(loadedAt);
    }

    /** The schema tracker's state for {@code tables} as they are at one binlog position (a snapshot's). */
    public static String trackerState(SourceDialect dialect, Collection<TableInfo> tables) {
        SchemaTracker t = new SchemaTracker(dialect);
        tables.forEach(t::seed);
        return t.toJson();
    }

    /** Applies the binlog until {@link #stop()} (returns) or a non-retryable error (throws, status shows it). */
    public void run() {
        coordinator.run();
    }

    /** Stops at the next batch boundary, with everything applied so far checkpointed. */
    public void stop() {
        coordinator.stop();
    }

    /** Skips (no statements) or replaces the DDL this paused sync stopped at; see {@link SyncCoordinator#overridePausedDdl}. */
    public void overridePausedDdl(BinlogLocation at, List<String> statements) {
        coordinator.overridePausedDdl(at, statements);
    }

    public SyncStatus status() {
        return coordinator.status();
    }

    /**
     * The source's newest binlog position right now, for status next to the applied one; empty when
     * the source cannot say (unreachable, no privilege): status must not fail because of it.
     */
    public Optional<BinlogLocation> sourcePosition() {
        try (Connection c = Databases.connect(source.from(), Endpoint.SOURCE); Statement st = c.createStatement();
             ResultSet rs = positionQuery(st)) {
            if (!rs.next()) {
                return Optional.empty();
            }
            String gtid = rs.getMetaData().getColumnCount() >= 5 ? rs.getString(5) : "";
            return Optional.of(new BinlogLocation(rs.getString(1), rs.getLong(2), gtid));
        } catch (SQLException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static ResultSet positionQuery(Statement st) throws SQLException {
        try {
            return st.executeQuery(SyncStatements.SOURCE_POSITION);
        } catch (SQLException renamedInMySql84) {
            return st.executeQuery(SyncStatements.SOURCE_POSITION_84);
        }
    }

    public String sourceId() {
        return source.sourceId();
    }

    private ChangeSource open(BinlogLocation from, String tableInfo) {
        tracker.current = SchemaTracker.fromJson(tableInfo.isEmpty() ? initialTrackerState : tableInfo, tracked);
        BinlogStart start = source.enableGtid() && !from.gtidSet().isEmpty()
                ? BinlogStart.gtidSet(from.gtidSet()) : BinlogStart.filePosition(from);
        BinlogStreamConfig binlog = BinlogStreamConfig.of(source.from(), serverId, start);
        ChangeStream stream = ChangeStream.open(new ChangeStreamConfig(binlog, tracked), tracker);
        return new ChangeSource() {
            @Override public ChangeEvent next(Duration timeout) {
                Optional<ChangeEvent> e = stream.next(timeout);
                return e.orElse(null);
            }

            @Override public void close() {
                stream.close();
            }
        };
    }

    /**
     * The replica's server id: the source file's {@code server-id}, or, as DM does when it is 0, one
     * derived from the task and source (stable across restarts, so a restarted task replaces its own
     * old connection on the source instead of adding a second one; distinct between tasks).
     */
    static long replicaServerId(String task, SourceConfig source) {
        if (source.serverId() > 0) {
            return source.serverId();
        }
        return 0x4000_0000L + Integer.toUnsignedLong((task + "\u0000" + source.sourceId()).hashCode()) % 0x3FFF_FFFFL;
    }

    /**
     * The schema tracker the decoder and the coordinator share; replaced when the binlog is re-opened. Before each
     * DDL it keeps a copy of itself, for the shard coordination of the DDL's merged tables.
     */
    private static final class Tracker implements TableSchemas, TrackedSchemas {
        private volatile SchemaTracker current;
        private volatile SchemaTracker beforeLastDdl;

        Tracker(SchemaTracker initial) {
            this.current = initial;
            this.beforeLastDdl = initial;
        }

        @Override public SchemaTracker current() {
            return current;
        }

        @Override public SchemaTracker beforeLastDdl() {
            return beforeLastDdl;
        }

        @Override public Optional<TableInfo> find(TableId table) {
            return current.find(table);
        }

        @Override public void apply(String currentSchema, String sql, BinlogLocation at) {
            SchemaTracker tracker = current;
            beforeLastDdl = tracker.copy();
            tracker.apply(currentSchema, sql, at);
        }
    }
}
