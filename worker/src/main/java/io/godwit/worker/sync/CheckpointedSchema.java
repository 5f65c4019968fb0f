package io.godwit.worker.sync;

import io.godwit.binlog.schema.SchemaTracker;
import io.godwit.core.config.DatabaseConfig;
import io.godwit.core.config.TaskConfig;
import io.godwit.core.db.Databases;
import io.godwit.core.db.Endpoint;
import io.godwit.core.db.SqlErrorClassifier;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.TableId;
import io.godwit.filters.BlockAllowList;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.SortedSet;
import java.util.function.Consumer;

/**
 * DM's {@code binlog-schema list|update|delete} for one task and source: the schema tracker's state a
 * resumed sync starts from, read and edited where the sync keeps it, in the target's checkpoints.
 *
 * <p>Why the checkpoint and not the running tracker: every (re)start of a sync, whether a resume in the
 * same process, a new subtask after pause-task, or another worker after a failover, rebuilds its tracker
 * from the checkpointed {@code table_info} ({@link SyncCheckpoints#recover}, {@link SyncUnit}). Editing it
 * there is therefore the one change every resume sees; the caller must make sure the sync is not running,
 * as a running sync overwrites it with its own tracker at its next DDL.
 *
 * <p>The state is the last DDL's {@code table_info}, else DM's global checkpoint's, else (no DDL since the
 * snapshot) the sync's recorded start. An edit is written where the first two are read; with neither row
 * (the sync never got as far as its first checkpoint) there is nothing a resume would read, so it is refused.
 */
public final class CheckpointedSchema {
    private final DatabaseConfig target;
    private final String metaSchema;
    private final String task;
    private final String sourceId;
    private final SyncCheckpoints checkpoints;

    CheckpointedSchema(DatabaseConfig target, String metaSchema, String task, String sourceId) {
        this.target = target;
        this.metaSchema = metaSchema;
        this.task = task;
        this.sourceId = sourceId;
        this.checkpoints = new SyncCheckpoints(metaSchema, task, sourceId);
    }

    /** The schema of {@code sourceId}'s sync in {@code task}'s target and meta schema. */
    public static CheckpointedSchema of(TaskConfig task, String sourceId) {
        return new CheckpointedSchema(task.targetDatabase(),
                task.metaSchema().isEmpty() ? BlockAllowList.DEFAULT_META_SCHEMA : task.metaSchema(), task.name(),
                sourceId);
    }

    /** The tables the tracker knows, ordered. */
    public SortedSet<TableId> tables() {
        return read().tables();
    }

    /** The tracked {@code CREATE TABLE} of {@code table}; empty when it is not tracked. */
    public Optional<String> createTableSql(TableId table) {
        return read().createTableSql(table);
    }

    /** Sets the tracked definition of {@code table} from a {@code CREATE TABLE} statement. */
    public void define(TableId table, String createTableSql) {
        edit(tracker -> tracker.define(table, createTableSql));
    }

    /**
     * Stops tracking {@code table}.
     *
     * @throws GodwitException CLUSTER_NOT_FOUND when it is not tracked
     */
    public void forget(TableId table) {
        edit(tracker -> {
            if (!tracker.tables().contains(table)) {
                throw notTracked(table);
            }
            tracker.forget(table);
        });
    }

    /** The error for a table the tracker does not know. */
    public GodwitException notTracked(TableId table) {
        return new GodwitException(ErrorCode.CLUSTER_NOT_FOUND, "table " + table + " is not in the schema tracker of"
                + " source " + sourceId + " of task " + task);
    }

    private SchemaTracker read() {
        try (Connection c = connect()) {
            return SchemaTracker.fromJson(state(c));
        } catch (SQLException e) {
            throw readError(e);
        }
    }

    private void edit(Consumer<SchemaTracker> change) {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try {
                SchemaTracker tracker = SchemaTracker.fromJson(state(c));
                change.accept(tracker);
                if (!checkpoints.replaceTableInfo(c, tracker.toJson())) {
                    throw new GodwitException(ErrorCode.CLUSTER_CONFLICT, "source " + sourceId + " of task "
                            + task + " has no sync checkpoint yet to hold a schema; resume it once first");
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw readError(e);
        }
    }

    private String state(Connection c) throws SQLException {
        Optional<String> checkpointed = checkpoints.checkpointedTableInfo(c);
        if (checkpointed.isPresent()) {
            return checkpointed.get();
        }
        return SyncStart.find(c, metaSchema, task, sourceId).map(SyncStart::tableInfo)
                .orElseThrow(() -> new GodwitException(ErrorCode.CLUSTER_CONFLICT, "source " + sourceId + " of task "
                        + task + " has no sync start recorded yet: its schema tracker does not exist before"
                        + " the load has begun"));
    }

    /**
     * A target connection with the checkpoint tables in place: before its first start a sync has not
     * created them yet, and creating them (as its start does, idempotently) lets "no checkpoint" read as
     * empty rows instead of an error.
     */
    private Connection connect() throws SQLException {
        Connection c = Databases.connect(target, Endpoint.TARGET);
        try {
            checkpoints.createTables(c);
            return c;
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private GodwitException readError(SQLException e) {
        return SqlErrorClassifier.wrap(e, Endpoint.TARGET, "the sync checkpoints of source " + sourceId + " of task "
                + task + " in " + metaSchema + " (has its sync started?)");
    }
}
