package io.godwit.worker.sync;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The sync checkpoints of one (task, source) in the target's meta schema:
 * <ul>
 *   <li>{@code <task>_syncer_slot}: per slot, the last batch it committed, written in the same target
 *       transaction as the slot's share of that batch. This is the truth for exactly-once.</li>
 *   <li>{@code <task>_syncer_ddl}: the last DDL batch, "pending" while its statements run, with the schema
 *       tracker's state after it.</li>
 *   <li>{@code <task>_syncer_checkpoint}: DM's table (global row and per-table rows), kept for DM's tools
 *       and habits; it may lag and is never read for resuming except to start from a DM checkpoint.</li>
 * </ul>
 * Callers own connections and transactions; every method here runs inside the caller's transaction.
 */
final class SyncCheckpoints {

    /** What {@link #claimSlot} found. */
    enum Claim {
        /** The slot row moved from {@code seq - 1} to {@code seq} in this transaction: apply the share. */
        CLAIMED,
        /** The slot already committed this very batch (a commit whose reply was lost): nothing to do. */
        ALREADY_COMMITTED
    }

    private final String sourceId;
    private final TableId slotTable;
    private final TableId ddlTable;
    private final TableId checkpointTable;
    private final String metaSchema;

    SyncCheckpoints(String metaSchema, String task, String sourceId) {
        this.sourceId = sourceId;
        this.metaSchema = metaSchema;
        this.slotTable = SyncStatements.slotTable(metaSchema, task);
        this.ddlTable = SyncStatements.ddlTable(metaSchema, task);
        this.checkpointTable = SyncStatements.checkpointTable(metaSchema, task);
    }

    TableId slotTable() { return slotTable; }

    /** Creates the meta schema and the three tables if missing (DDL: autocommit). */
    void createTables(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(SyncStatements.createMetaSchema(metaSchema));
            s.execute(SyncStatements.createSlotTable(slotTable));
            s.execute(SyncStatements.createDdlTable(ddlTable));
            s.execute(SyncStatements.createCheckpointTable(checkpointTable));
        }
    }

    /**
     * Reads the checkpoints and decides where to go on; creates the slot rows on the first start and
     * re-slots when the worker count changed while all slots agree. The caller commits.
     *
     * @param initial where to start without any checkpoint (the task's {@code meta}, or the load's point)
     * @throws GodwitException SYNC_WORKER_COUNT_CHANGED, SYNC_CHECKPOINT_FENCED (inconsistent rows),
     *                         CONFIG_INVALID when there is no checkpoint and no {@code initial}
     */
    Resume recover(Connection c, int workerCount, BinlogLocation initial) throws SQLException {
        List<SlotRow> rows = readSlots(c);
        DdlRow ddl = readDdl(c);
        DmGlobal dm = readDmGlobal(c);
        String tableInfo = ddl != null ? ddl.tableInfo : dm != null ? dm.tableInfo : "";
        if (rows.isEmpty()) {
            BinlogLocation start = dm != null ? dm.location : initial;
            if (start == null) {
                throw new GodwitException(ErrorCode.CONFIG_INVALID, "source " + sourceId
                        + " has no sync checkpoint and no start position; set `mysql-instances[].meta` (binlog-name/pos or gtid)");
            }
            insertSlots(c, workerCount, 0, start, start);
            return new Resume(0, start, null, null, tableInfo, true);
        }
        int stored = rows.get(0).workerCount;
        long max = rows.stream().mapToLong(r -> r.seq).max().orElseThrow();
        long min = rows.stream().mapToLong(r -> r.seq).min().orElseThrow();
        boolean shapeOk = rows.size() == stored && rows.stream().allMatch(r -> r.workerCount == stored);
        for (int i = 0; shapeOk && i < rows.size(); i++) {
            shapeOk = rows.get(i).slot == i;
        }
        if (!shapeOk || max - min > 1) {
            throw new GodwitException(ErrorCode.SYNC_CHECKPOINT_FENCED, "slot checkpoints of source " + sourceId + " in "
                    + slotTable + " are inconsistent (" + rows.size() + " rows, batches " + min + ".." + max
                    + "); they were changed by another process or by hand");
        }
        if (min == max) {
            SlotRow any = rows.get(0);
            Resume.PendingDdl pending = null;
            BinlogLocation readFrom = any.end;
            if (ddl != null && !"done".equals(ddl.status) && ddl.seq == max + 1) {
                pending = new Resume.PendingDdl(ddl.seq, any.end, ddl.at, ddl.next, ddl.statements,
                        ddl.statementsDone, "pending".equals(ddl.status));
                readFrom = ddl.next;
            }
            if (workerCount != stored) {
                try (PreparedStatement ps = c.prepareStatement(SyncStatements.deleteSlots(slotTable))) {
                    ps.setString(1, sourceId);
                    ps.executeUpdate();
                }
                insertSlots(c, workerCount, max, any.start, any.end);
            }
            return new Resume(max, readFrom, null, pending, tableInfo, false);
        }
        if (workerCount != stored) {
            throw new GodwitException(ErrorCode.SYNC_WORKER_COUNT_CHANGED, "source " + sourceId + ": batch " + max
                    + " was applied by " + rows.stream().filter(r -> r.seq == max).count() + " of " + stored
                    + " slots when the sync stopped; it must be finished with worker-count " + stored
                    + " (now " + workerCount + ")");
        }
        SlotRow done = rows.stream().filter(r -> r.seq == max).findFirst().orElseThrow();
        Set<Integer> missing = new HashSet<>();
        for (SlotRow r : rows) {
            if (r.seq == min) {
                if (!BatchHeader.samePlace(r.end, done.start)) {
                    throw new GodwitException(ErrorCode.SYNC_CHECKPOINT_FENCED, "slot " + r.slot + " of source "
                            + sourceId + " ended batch " + min + " at " + r.end + " but batch " + max + " starts at "
                            + done.start + "; the slot checkpoints were changed by another process or by hand");
                }
                missing.add(r.slot);
            }
        }
        return new Resume(min, done.start, new Resume.Partial(new BatchHeader(max, done.start, done.end), done.digest,
                done.safeMode, stored, missing), null, tableInfo, false);
    }

    /**
     * The first statement of a slot's transaction: moves the slot's row to batch {@code h.seq()}, locking it
     * until the transaction ends.
     *
     * @throws GodwitException SYNC_CHECKPOINT_FENCED when the row is neither at the previous batch nor at
     *                         this one with this digest
     */
    Claim claimSlot(Connection c, int slot, BatchHeader h, long digest, long shareRows, boolean safeMode)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SyncStatements.advanceSlot(slotTable))) {
            ps.setLong(1, h.seq());
            setLocation(ps, 2, h.start());
            setLocation(ps, 5, h.end());
            ps.setLong(8, digest);
            ps.setLong(9, shareRows);
            ps.setBoolean(10, safeMode);
            ps.setString(11, sourceId);
            ps.setInt(12, slot);
            ps.setLong(13, h.seq() - 1);
            if (ps.executeUpdate() == 1) {
                return Claim.CLAIMED;
            }
        }
        try (PreparedStatement ps = c.prepareStatement(SyncStatements.selectSlot(slotTable))) {
            ps.setString(1, sourceId);
            ps.setInt(2, slot);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    SlotRow r = slotRow(rs);
                    if (r.seq == h.seq() && r.digest == digest && BatchHeader.samePlace(r.end, h.end())) {
                        return Claim.ALREADY_COMMITTED;
                    }
                    throw fenced(slot, h, "it is at batch " + r.seq);
                }
            }
        }
        throw fenced(slot, h, "its row is missing");
    }

    /** Sets the end, digest and row count of a streamed share claimed with a provisional end. */
    void finishStreamedSlot(Connection c, int slot, BatchHeader h, long digest, long shareRows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SyncStatements.finishStreamedSlot(slotTable))) {
            setLocation(ps, 1, h.end());
            ps.setLong(4, digest);
            ps.setLong(5, shareRows);
            ps.setString(6, sourceId);
            ps.setInt(7, slot);
            ps.setLong(8, h.seq());
            if (ps.executeUpdate() != 1) {
                throw fenced(slot, h, "its row left the batch during the stream");
            }
        }
    }

    /** Records a DDL batch as pending before its statements run. */
    void recordPendingDdl(Connection c, BatchHeader h, BinlogLocation at, List<String> statements, String tableInfo)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SyncStatements.upsertDdl(ddlTable))) {
            ps.setString(1, sourceId);
            ps.setLong(2, h.seq());
            ps.setString(3, "pending");
            setLocation(ps, 4, at);
            setLocation(ps, 7, h.end());
            ps.setString(10, StatementList.encode(statements));
            ps.setInt(11, 0);
            ps.setString(12, tableInfo);
            ps.executeUpdate();
        }
    }

    /**
     * Replaces what is left to run of the source's unfinished DDL with {@code statements} (none: a skip),
     * marked as refused before its first statement, so a resume runs all of them once. Returns the rows
     * changed: 0 when no DDL of this source is unfinished.
     */
    int overridePendingDdl(Connection c, List<String> statements) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SyncStatements.overridePendingDdl(ddlTable))) {
            ps.setString(1, StatementList.encode(statements));
            ps.setString(2, sourceId);
            return ps.executeUpdate();
        }
    }

    /** Records how far a pending DDL got; {@code failed}: the target refused statement {@code done}. */
    void ddlProgress(Connection c, BatchHeader h, int done, boolean failed) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SyncStatements.ddlProgress(ddlTable))) {
            ps.setString(1, failed ? "failed" : "pending");
            ps.setInt(2, done);
            ps.setString(3, sourceId);
            ps.setLong(4, h.seq());
            ps.executeUpdate();
        }
    }

    /**
     * Completes a DDL batch: every slot to batch {@code h.seq()}, the DDL row to done with the tracker's
     * state, DM's global checkpoint past the DDL. The caller commits.
     */
    void completeDdl(Connection c, BatchHeader h, BinlogLocation at, List<String> statements, int workerCount,
                     String tableInfo) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SyncStatements.advanceAllSlots(slotTable))) {
            ps.setLong(1, h.seq());
            setLocation(ps, 2, h.start());
            setLocation(ps, 5, h.end());
            ps.setString(8, sourceId);
            ps.setLong(9, h.seq() - 1);
            int moved = ps.executeUpdate();
            if (moved == 0 && slotsAt(c, h) == workerCount) {
                return; // committed by an earlier try whose reply was lost
            }
            if (moved != workerCount) {
                throw fenced(-1, h, moved + " of " + workerCount + " slots were at batch " + (h.seq() - 1));
            }
        }
        try (PreparedStatement ps = c.prepareStatement(SyncStatements.upsertDdl(ddlTable))) {
            ps.setString(1, sourceId);
            ps.setLong(2, h.seq());
            ps.setString(3, "done");
            setLocation(ps, 4, at);
            setLocation(ps, 7, h.end());
            ps.setString(10, StatementList.encode(statements));
            ps.setInt(11, statements.size());
            ps.setString(12, tableInfo);
            ps.executeUpdate();
        }
        writeDmCheckpoint(c, h.end(), tableInfo, Map.of());
    }

    /** DM's global row at {@code global} and the per-table rows of {@code tables}. */
    void writeDmCheckpoint(Connection c, BinlogLocation global, String tableInfo, Map<TableId, BinlogLocation> tables)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SyncStatements.upsertCheckpoint(checkpointTable))) {
            ps.setString(1, sourceId);
            ps.setString(2, "");
            ps.setString(3, "");
            setLocation(ps, 4, global);
            ps.setString(7, tableInfo == null || tableInfo.isBlank() ? "null" : tableInfo);
            ps.setBoolean(8, true);
            ps.executeUpdate();
        }
        if (tables.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(SyncStatements.upsertTableCheckpoint(checkpointTable))) {
            for (Map.Entry<TableId, BinlogLocation> e : tables.entrySet()) {
                ps.setString(1, sourceId);
                ps.setString(2, e.getKey().schema());
                ps.setString(3, e.getKey().table());
                setLocation(ps, 4, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * The schema tracker's state a restart would resume with, where {@link #recover} reads it: the last
     * DDL's, else DM's global checkpoint's; empty when neither holds one (the sync's start state applies).
     */
    Optional<String> checkpointedTableInfo(Connection c) throws SQLException {
        DdlRow ddl = readDdl(c);
        if (ddl != null) {
            return Optional.of(ddl.tableInfo);
        }
        DmGlobal dm = readDmGlobal(c);
        return dm == null || dm.tableInfo.isEmpty() ? Optional.empty() : Optional.of(dm.tableInfo);
    }

    /**
     * Replaces the tracker state a restart resumes with (DM's {@code binlog-schema update|delete}), in the
     * row {@link #recover} reads it from; false when no row exists yet to hold it.
     */
    boolean replaceTableInfo(Connection c, String tableInfo) throws SQLException {
        if (readDdl(c) != null) {
            try (PreparedStatement ps = c.prepareStatement(SyncStatements.updateDdlTableInfo(ddlTable))) {
                ps.setString(1, tableInfo);
                ps.setString(2, sourceId);
                ps.executeUpdate();
                return true;
            }
        }
        if (readDmGlobal(c) == null) {
            return false;
        }
        try (PreparedStatement ps = c.prepareStatement(SyncStatements.updateGlobalTableInfo(checkpointTable))) {
            ps.setString(1, tableInfo);
            ps.setString(2, sourceId);
            ps.executeUpdate();
            return true;
        }
    }

    /** How many slot rows are exactly at batch {@code h} (same end). */
    private long slotsAt(Connection c, BatchHeader h) throws SQLException {
        return readSlots(c).stream().filter(r -> r.seq == h.seq() && BatchHeader.samePlace(r.end, h.end())).count();
    }

    // ---- reading

    private record SlotRow(int slot, int workerCount, long seq, BinlogLocation start, BinlogLocation end, long digest,
                           boolean safeMode) {}

    private record DdlRow(long seq, String status, BinlogLocation at, BinlogLocation next, List<String> statements,
                          String tableInfo, int statementsDone) {}

    private record DmGlobal(BinlogLocation location, String tableInfo) {}

    private List<SlotRow> readSlots(Connection c) throws SQLException {
        List<SlotRow> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SyncStatements.selectSlots(slotTable))) {
            ps.setString(1, sourceId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(slotRow(rs));
                }
            }
        }
        return rows;
    }

    private static SlotRow slotRow(ResultSet rs) throws SQLException {
        return new SlotRow(rs.getInt(1), rs.getInt(2), rs.getLong(3),
                new BinlogLocation(rs.getString(4), rs.getLong(5), rs.getString(6)),
                new BinlogLocation(rs.getString(7), rs.getLong(8), rs.getString(9)), rs.getLong(10), rs.getBoolean(12));
    }

    private DdlRow readDdl(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SyncStatements.selectDdl(ddlTable))) {
            ps.setString(1, sourceId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new DdlRow(rs.getLong(1), rs.getString(2),
                        new BinlogLocation(rs.getString(3), rs.getLong(4), rs.getString(5)),
                        new BinlogLocation(rs.getString(6), rs.getLong(7), rs.getString(8)),
                        StatementList.decode(rs.getString(9)), rs.getString(10), rs.getInt(11));
            }
        }
    }

    private DmGlobal readDmGlobal(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SyncStatements.selectGlobalCheckpoint(checkpointTable))) {
            ps.setString(1, sourceId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getString(1) == null || rs.getString(1).isEmpty()) {
                    return null;
                }
                String info = rs.getString(4);
                return new DmGlobal(new BinlogLocation(rs.getString(1), rs.getLong(2), rs.getString(3)),
                        info == null || info.equals("null") ? "" : info);
            }
        }
    }

    private void insertSlots(Connection c, int workerCount, long seq, BinlogLocation start, BinlogLocation end)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SyncStatements.insertSlot(slotTable))) {
            for (int slot = 0; slot < workerCount; slot++) {
                ps.setString(1, sourceId);
                ps.setInt(2, slot);
                ps.setInt(3, workerCount);
                ps.setLong(4, seq);
                setLocation(ps, 5, start);
                setLocation(ps, 8, end);
                ps.setLong(11, 0);
                ps.setLong(12, 0);
                ps.setBoolean(13, false);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private GodwitException fenced(int slot, BatchHeader h, String why) {
        return new GodwitException(ErrorCode.SYNC_CHECKPOINT_FENCED, "source " + sourceId + ": cannot move "
                + (slot < 0 ? "the slots" : "slot " + slot) + " to batch " + h.seq() + " (" + h.start() + " .. "
                + h.end() + "): " + why);
    }

    private static void setLocation(PreparedStatement ps, int at, BinlogLocation l) throws SQLException {
        ps.setString(at, l.file());
        ps.setLong(at + 1, l.position());
        ps.setString(at + 2, l.gtidSet());
    }
}
