package io.godwit.core.checkpoint;

import io.godwit.core.config.TaskConfig;
import io.godwit.core.db.Databases;
import io.godwit.core.db.Endpoint;
import io.godwit.core.db.SqlErrorClassifier;
import io.godwit.core.model.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The tables a task keeps its state in, in the target's {@code meta-schema}: one list, so that
 * {@code start-task --remove-meta} (and task.yaml's deprecated {@code remove-meta: true}) forgets every
 * checkpoint among them, and the units that own them name them from here.
 */
public enum TaskCheckpointTable {
    /** The load's per-chunk checkpoints (DM's name). */
    LOADER_CHECKPOINT("_loader_checkpoint", "source_id"),
    /**
     * The secondary indexes the load left out of the tables it created, until they are built. Not a
     * checkpoint: it says what the target tables lack, which stays true when the checkpoints are
     * forgotten, so remove-meta keeps it and the reload builds the indexes.
     */
    LOADER_INDEX("_loader_index", null),
    /** DM's layout of the sync position, per source and table. */
    SYNCER_CHECKPOINT("_syncer_checkpoint", "id"),
    /** The last batch each apply slot committed: the exactly-once record. */
    SYNCER_SLOT("_syncer_slot", "source_id"),
    /** The last DDL batch of each source, pending until its statements ran. */
    SYNCER_DDL("_syncer_ddl", "source_id"),
    /** Where the sync of each source starts when it has no slot checkpoint yet. */
    SYNCER_START("_syncer_start", "source_id"),
    /** Per keyless table, the snapshot its rows were loaded from. */
    SYNCER_TABLE_START("_syncer_table_start", "source_id");

    private final String suffix;
    /** The column naming the source; null for a table remove-meta keeps. */
    private final String sourceColumn;

    TaskCheckpointTable(String suffix, String sourceColumn) {
        this.suffix = suffix;
        this.sourceColumn = sourceColumn;
    }

    /** The table's name for {@code task}, e.g. {@code orders_loader_checkpoint}. */
    public String tableName(String task) {
        return task + suffix;
    }

    public TableId in(String metaSchema, String task) {
        return TableId.of(metaSchema, tableName(task));
    }

    /**
     * Deletes the checkpoints of {@code sourceIds} from every table of the task that exists in the
     * target, in one transaction: afterwards the task starts over for those sources as if it never ran
     * (rows already in the target stay, as with DM).
     *
     * @return the tables that held rows of those sources, schema-qualified
     */
    public static List<String> removeSources(TaskConfig task, Collection<String> sourceIds) {
        try (Connection c = Databases.connect(task.targetDatabase(), Endpoint.TARGET)) {
            return removeSources(c, task.metaSchema(), task.name(), sourceIds);
        } catch (SQLException e) {
            throw SqlErrorClassifier.wrap(e, Endpoint.TARGET, "removing the checkpoints of task " + task.name());
        }
    }

    /** {@link #removeSources(TaskConfig, Collection)} on a given connection. */
    public static List<String> removeSources(Connection c, String metaSchema, String task,
                                             Collection<String> sourceIds) throws SQLException {
        List<String> touched = new ArrayList<>();
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            for (TaskCheckpointTable t : values()) {
                if (t.sourceColumn == null || !exists(c, metaSchema, t.tableName(task))) {
                    continue;
                }
                TableId table = t.in(metaSchema, task);
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table.quoted() + " WHERE "
                        + TableId.quote(t.sourceColumn) + " = ?")) {
                    int rows = 0;
                    for (String source : sourceIds) {
                        ps.setString(1, source);
                        rows += ps.executeUpdate();
                    }
                    if (rows > 0) {
                        touched.add(table.toString());
                    }
                }
            }
            c.commit();
            return touched;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static boolean exists(Connection c, String schema, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
