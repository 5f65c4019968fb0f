package io.godwit.worker.sync;

import io.godwit.core.db.Endpoint;
import io.godwit.core.db.SqlErrorClassifier;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Where a source's sync starts without slot checkpoints, kept in the target: the first candidate
 * recorded wins. Task mode {@code all} records the snapshot's consistent point before loading; a
 * load that is killed and run again takes a newer snapshot for its remaining chunks, and the sync
 * must still start at the first point, replaying the changes in between in safe mode (DM's rule
 * after a load: {@code safe-mode-duration}).
 *
 * @param location   where to start reading
 * @param tableInfo  the schema tracker's state at {@code location}, as JSON
 */
public record SyncStart(BinlogLocation location, String tableInfo) {

    /** The recorded start of {@code sourceId}, if any. */
    public static Optional<SyncStart> find(DataSource target, String metaSchema, String task, String sourceId) {
        TableId t = SyncStatements.startTable(metaSchema, task);
        try (Connection c = target.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute(SyncStatements.createMetaSchema(metaSchema));
                s.execute(SyncStatements.createStartTable(t));
            }
            return read(c, t, sourceId);
        } catch (SQLException e) {
            throw SqlErrorClassifier.wrap(e, Endpoint.TARGET, "reading the sync start of " + sourceId + " in " + t);
        }
    }

    private static Optional<SyncStart> read(Connection c, TableId t, String sourceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SyncStatements.selectStart(t))) {
            ps.setString(1, sourceId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new SyncStart(
                        new BinlogLocation(rs.getString(1), rs.getLong(2), rs.getString(3)), rs.getString(4)))
                        : Optional.empty();
            }
        }
    }

    /** Records {@code candidate} unless a start is recorded already; returns the recorded one. */
    public static SyncStart recordFirst(DataSource target, String metaSchema, String task, String sourceId,
                                        SyncStart candidate) {
        TableId t = SyncStatements.startTable(metaSchema, task);
        try (Connection c = target.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute(SyncStatements.createMetaSchema(metaSchema));
                s.execute(SyncStatements.createStartTable(t));
            }
            try (PreparedStatement ps = c.prepareStatement(SyncStatements.insertStartIfAbsent(t))) {
                ps.setString(1, sourceId);
                ps.setString(2, candidate.location().file());
                ps.setLong(3, candidate.location().position());
                ps.setString(4, candidate.location().gtidSet());
                ps.setString(5, candidate.tableInfo());
                ps.executeUpdate();
            }
            return read(c, t, sourceId).orElseThrow(() -> new GodwitException(ErrorCode.META_FAILED,
                    t + " has no row for source " + sourceId + " right after it was written"));
        } catch (SQLException e) {
            throw SqlErrorClassifier.wrap(e, Endpoint.TARGET, "recording the sync start of " + sourceId + " in " + t);
        }
    }
}
