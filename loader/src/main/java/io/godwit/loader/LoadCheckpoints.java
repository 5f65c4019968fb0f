package io.godwit.loader;

import io.godwit.core.db.Endpoint;
import io.godwit.core.db.SqlErrorClassifier;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.ChunkSpec;
import io.godwit.core.model.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * Load checkpoints in the target's meta schema, table {@code <task>_loader_checkpoint} (DM's name),
 * one row per (source, source table, chunk). A chunk's row turns {@code finished} in the same target
 * transaction that inserts the chunk's rows ({@link ChunkImporter}), so after a crash at any moment a
 * chunk is either loaded and recorded or neither.
 *
 * <p>The plan (chunk count and predicates) is stored before loading ({@link #persistPlan}); on resume
 * the stored plan is returned and reused, so a rerun loads exactly the unfinished chunks of the
 * original plan even if chunking settings or the source's data changed in between.
 */
public final class LoadCheckpoints {
    enum ChunkState { FINISHED, PENDING, UNPLANNED }

    private static final int PLAN_ATTEMPTS = 3;
    private final DataSource target;
    private final String metaSchema;
    private final TableId table;

    public LoadCheckpoints(DataSource target, String metaSchema, String task) {
        this.target = target;
        this.metaSchema = metaSchema;
        this.table = TableId.of(metaSchema, LoaderStatements.checkpointTableName(task));
    }

    /** The checkpoint table, e.g. {@code dm_meta.orders_loader_checkpoint}. */
    public TableId table() { return table; }

    /** Creates the meta schema and the checkpoint table unless they exist (a pre-created one is used as is). */
    public void ensureTables() {
        try (Connection c = target.getConnection()) {
            if (!LoaderStatements.exists(c, LoaderStatements.SCHEMA_EXISTS, metaSchema)) {
                execute(c, LoaderStatements.createMetaSchema(metaSchema), "create meta schema " + TableId.quote(metaSchema));
            }
            if (!LoaderStatements.exists(c, LoaderStatements.TABLE_EXISTS, table.schema(), table.table())) {
                execute(c, LoaderStatements.createCheckpointTable(table), "create checkpoint table " + table.quoted());
            }
        } catch (SQLException e) {
            throw TargetErrors.wrap(e, ErrorCode.META_FAILED, "checkpoint table " + table.quoted());
        }
    }

    /**
     * Stores {@code plan} for {@code sourceTable} unless a plan is stored already, and returns the
     * stored plan: the given one on a first run, the original one on resume. META_MISMATCH if the
     * stored plan routes the table to another target table (finished chunks are there).
     */
    public List<ChunkSpec> persistPlan(String sourceId, TableId sourceTable, TableId targetTable, List<ChunkSpec> plan) {
        return persistPlan(sourceId, sourceTable, targetTable, plan, "");
    }

    /**
     * {@link #persistPlan(String, TableId, TableId, List)} that also stores the digest of the table
     * definition the plan was made from ({@link io.godwit.core.model.TableInfo#definitionDigest}),
     * so that a resumed load can tell when a DDL changed the table in between ({@link #state}).
     */
    public List<ChunkSpec> persistPlan(String sourceId, TableId sourceTable, TableId targetTable, List<ChunkSpec> plan,
                                       String definitionDigest) {
        validate(sourceTable, plan);
        for (int attempt = 1; ; attempt++) {
            try (Connection c = target.getConnection()) {
                c.setAutoCommit(false);
                try {
                    List<ChunkSpec> stored = readPlan(c, sourceId, sourceTable, targetTable);
                    if (stored.isEmpty()) {
                        insertPlan(c, sourceId, targetTable, plan, definitionDigest);
                        stored = plan;
                    }
                    c.commit();
                    return stored;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                } finally {
                    ChunkImporter.restoreAutoCommit(c);
                }
            } catch (SQLException e) {
                // A concurrent caller stored the same table's plan first: read theirs.
                boolean raced = TargetErrors.isDuplicateKey(e) || SqlErrorClassifier.isTransient(e, Endpoint.TARGET);
                if (!raced || attempt >= PLAN_ATTEMPTS) {
                    throw TargetErrors.wrap(e, ErrorCode.META_FAILED, "storing the load plan of " + describe(sourceId, sourceTable));
                }
            }
        }
    }

    /**
     * How far one table's load got under its stored plan.
     *
     * @param definitionDigest the digest of the definition the plan was made from; empty when not recorded
     */
    public record TableLoadState(TableId target, int chunks, int finished, String definitionDigest) {
        public boolean complete() {
            return finished >= chunks;
        }

        /** True when both digests are known and differ: a DDL changed the table since its plan was stored. */
        public boolean definitionChangedFrom(String digest) {
            return !definitionDigest.isEmpty() && !digest.isEmpty() && !definitionDigest.equals(digest);
        }
    }

    /** The stored plan's state for {@code sourceTable}; empty when no plan is stored. */
    public Optional<TableLoadState> state(String sourceId, TableId sourceTable) {
        try (Connection c = target.getConnection();
             PreparedStatement ps = keyed(c, LoaderStatements.selectTableState(table), sourceId, sourceTable);
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next() || rs.getString(3) == null) {
                return Optional.empty();
            }
            return Optional.of(new TableLoadState(TableId.of(rs.getString(3), rs.getString(4)), rs.getInt(1),
                    rs.getInt(2), rs.getString(5)));
        } catch (SQLException e) {
            throw TargetErrors.wrap(e, ErrorCode.META_FAILED, "reading load checkpoints of " + describe(sourceId, sourceTable));
        }
    }

    /** True when a source table other than {@code sourceTable} of {@code sourceId} has load checkpoints into {@code targetTable}. */
    public boolean othersLoadInto(TableId targetTable, String sourceId, TableId sourceTable) {
        try (Connection c = target.getConnection();
             PreparedStatement ps = c.prepareStatement(LoaderStatements.selectOtherLoaders(table))) {
            ps.setString(1, targetTable.schema());
            ps.setString(2, targetTable.table());
            ps.setString(3, sourceId);
            ps.setString(4, sourceTable.schema());
            ps.setString(5, sourceTable.table());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw TargetErrors.wrap(e, ErrorCode.META_FAILED, "reading load checkpoints into " + targetTable.quoted());
        }
    }

    /** True when any table of {@code sourceId} has a stored plan: a load of it began before. */
    public boolean hasAny(String sourceId) {
        try (Connection c = target.getConnection();
             PreparedStatement ps = c.prepareStatement(LoaderStatements.selectAnyOfSource(table))) {
            ps.setString(1, sourceId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw TargetErrors.wrap(e, ErrorCode.META_FAILED, "reading load checkpoints of source " + sourceId);
        }
    }

    /** Deletes the stored plan and checkpoints of one table, so that its load starts over. */
    public void forget(String sourceId, TableId sourceTable) {
        try (Connection c = target.getConnection();
             PreparedStatement ps = keyed(c, LoaderStatements.deleteTable(table), sourceId, sourceTable)) {
            ps.executeUpdate();
        } catch (SQLException e) {
            throw TargetErrors.wrap(e, ErrorCode.META_FAILED, "clearing load checkpoints of " + describe(sourceId, sourceTable));
        }
    }

    /** Indexes of the chunks of {@code sourceTable} whose load is committed. */
    public Set<Integer> finishedChunks(String sourceId, TableId sourceTable) {
        Set<Integer> done = new TreeSet<>();
        try (Connection c = target.getConnection();
             PreparedStatement ps = keyed(c, LoaderStatements.selectFinished(table), sourceId, sourceTable);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                done.add(rs.getInt(1));
            }
            return done;
        } catch (SQLException e) {
            throw TargetErrors.wrap(e, ErrorCode.META_FAILED, "reading load checkpoints of " + describe(sourceId, sourceTable));
        }
    }

    /**
     * For callers that do not store the plan: META_MISMATCH, naming the table, if the stored
     * checkpoints of {@code sourceTable} belong to a plan with other chunk counts or predicates.
     */
    public void checkPlan(String sourceId, TableId sourceTable, List<ChunkSpec> plan) {
        validate(sourceTable, plan);
        try (Connection c = target.getConnection();
             PreparedStatement ps = keyed(c, LoaderStatements.selectPlan(table), sourceId, sourceTable);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                int index = rs.getInt(1);
                if (rs.getInt(2) != plan.size() || index >= plan.size() || !rs.getString(3).equals(plan.get(index).predicate())) {
                    throw mismatch(sourceId, sourceTable, "stored chunk #" + index + " of " + rs.getInt(2)
                            + " (" + rs.getString(3) + ") differs from the new plan of " + plan.size() + " chunks");
                }
            }
        } catch (SQLException e) {
            throw TargetErrors.wrap(e, ErrorCode.META_FAILED, "reading load checkpoints of " + describe(sourceId, sourceTable));
        }
    }

    /** Deletes the task's checkpoints of one source ({@code remove-meta}); {@code null} deletes all sources'. */
    public void clear(String sourceIdOrAll) {
        try (Connection c = target.getConnection()) {
            if (!LoaderStatements.exists(c, LoaderStatements.TABLE_EXISTS, table.schema(), table.table())) {
                return;
            }
            if (sourceIdOrAll == null) {
                execute(c, LoaderStatements.deleteAll(table), "clear " + table.quoted());
            } else {
                try (PreparedStatement ps = c.prepareStatement(LoaderStatements.deleteSource(table))) {
                    ps.setString(1, sourceIdOrAll);
                    ps.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw TargetErrors.wrap(e, ErrorCode.META_FAILED, "clearing " + table.quoted());
        }
    }

    // ---- used by ChunkImporter inside its chunk transaction

    /** Reads (and for a planned chunk locks) the chunk's checkpoint; META_MISMATCH if it belongs to another plan. */
    ChunkState begin(Connection c, String sourceId, ChunkSpec chunk, TableId targetTable) throws SQLException {
        boolean planned;
        try (PreparedStatement ps = keyed(c, LoaderStatements.selectChunk(table, false), sourceId, chunk.table())) {
            ps.setInt(4, chunk.index());
            try (ResultSet rs = ps.executeQuery()) {
                planned = rs.next();
            }
        }
        if (!planned) {
            try (PreparedStatement ps = keyed(c, LoaderStatements.selectAnyChunkCount(table), sourceId, chunk.table());
                 ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    throw mismatch(sourceId, chunk.table(), "chunk #" + chunk.index() + " of " + chunk.count()
                            + " is not in the stored plan of " + rs.getInt(1) + " chunks");
                }
            }
            return ChunkState.UNPLANNED;
        }
        try (PreparedStatement ps = keyed(c, LoaderStatements.selectChunk(table, true), sourceId, chunk.table())) {
            ps.setInt(4, chunk.index());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                TableId storedTarget = TableId.of(rs.getString(3), rs.getString(4));
                if (rs.getInt(1) != chunk.count() || !rs.getString(2).equals(chunk.predicate())) {
                    throw mismatch(sourceId, chunk.table(), "stored chunk #" + chunk.index() + " of " + rs.getInt(1)
                            + " (" + rs.getString(2) + ") differs from chunk #" + chunk.index() + " of " + chunk.count()
                            + " (" + chunk.predicate() + ")");
                }
                if (!storedTarget.equals(targetTable)) {
                    throw mismatch(sourceId, chunk.table(), "stored plan loads into " + storedTarget.quoted()
                            + ", now routed to " + targetTable.quoted());
                }
                return "finished".equals(rs.getString(5)) ? ChunkState.FINISHED : ChunkState.PENDING;
            }
        }
    }

    /** Records the chunk as finished; false if another transaction recorded it first (roll back then). */
    boolean finish(Connection c, ChunkState state, String sourceId, ChunkSpec chunk, TableId targetTable,
                   long rows, long bytes) throws SQLException {
        if (state == ChunkState.PENDING) {
            try (PreparedStatement ps = c.prepareStatement(LoaderStatements.markFinished(table))) {
                ps.setLong(1, rows);
                ps.setLong(2, bytes);
                ps.setString(3, sourceId);
                ps.setString(4, chunk.table().schema());
                ps.setString(5, chunk.table().table());
                ps.setInt(6, chunk.index());
                return ps.executeUpdate() == 1;
            }
        }
        try (PreparedStatement ps = c.prepareStatement(LoaderStatements.insertFinished(table))) {
            bindPlanRow(ps, sourceId, targetTable, chunk);
            ps.setLong(9, rows);
            ps.setLong(10, bytes);
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (TargetErrors.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    // ---- internals

    private List<ChunkSpec> readPlan(Connection c, String sourceId, TableId sourceTable, TableId targetTable)
            throws SQLException {
        List<ChunkSpec> stored = new ArrayList<>();
        try (PreparedStatement ps = keyed(c, LoaderStatements.selectPlan(table), sourceId, sourceTable);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                TableId storedTarget = TableId.of(rs.getString(4), rs.getString(5));
                if (!storedTarget.equals(targetTable)) {
                    throw mismatch(sourceId, sourceTable, "stored plan loads into " + storedTarget.quoted()
                            + ", now routed to " + targetTable.quoted());
                }
                stored.add(new ChunkSpec(sourceTable, rs.getInt(1), rs.getInt(2), rs.getString(3)));
            }
        }
        for (int i = 0; i < stored.size(); i++) {
            if (stored.get(i).index() != i || stored.get(i).count() != stored.size()) {
                throw mismatch(sourceId, sourceTable, "stored plan is incomplete (" + stored.size() + " rows, chunk #"
                        + stored.get(i).index() + " of " + stored.get(i).count() + ")");
            }
        }
        return stored;
    }

    private void insertPlan(Connection c, String sourceId, TableId targetTable, List<ChunkSpec> plan,
                            String definitionDigest) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LoaderStatements.insertPlanRow(table))) {
            for (ChunkSpec chunk : plan) {
                bindPlanRow(ps, sourceId, targetTable, chunk);
                ps.setString(9, definitionDigest);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void bindPlanRow(PreparedStatement ps, String sourceId, TableId targetTable, ChunkSpec chunk)
            throws SQLException {
        ps.setString(1, sourceId);
        ps.setString(2, chunk.table().schema());
        ps.setString(3, chunk.table().table());
        ps.setInt(4, chunk.index());
        ps.setInt(5, chunk.count());
        ps.setString(6, chunk.predicate());
        ps.setString(7, targetTable.schema());
        ps.setString(8, targetTable.table());
    }

    private static void validate(TableId sourceTable, List<ChunkSpec> plan) {
        for (int i = 0; i < plan.size(); i++) {
            ChunkSpec chunk = plan.get(i);
            if (chunk.index() != i || chunk.count() != plan.size() || !chunk.table().equals(sourceTable)) {
                throw new IllegalArgumentException("plan of " + sourceTable + " must list chunks 0.." + (plan.size() - 1)
                        + " of that table in order; found " + chunk);
            }
        }
    }

    private static PreparedStatement keyed(Connection c, String sql, String sourceId, TableId sourceTable)
            throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        ps.setString(1, sourceId);
        ps.setString(2, sourceTable.schema());
        ps.setString(3, sourceTable.table());
        return ps;
    }

    private static void execute(Connection c, String sql, String what) {
        try (var s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw TargetErrors.wrap(e, ErrorCode.META_FAILED, what);
        }
    }

    private GodwitException mismatch(String sourceId, TableId sourceTable, String detail) {
        return new GodwitException(ErrorCode.META_MISMATCH,
                "load checkpoints in " + table.quoted() + " for " + describe(sourceId, sourceTable) + ": " + detail);
    }

    private static String describe(String sourceId, TableId sourceTable) {
        return "source " + sourceId + " table " + sourceTable.quoted();
    }
}
