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
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Where a source's sync starts without slot checkpoints, kept in the target: the first candidate
 * recorded wins. Task mode {@code all} records the snapshot's consistent point before loading.
 *
 * <p>A load that is killed and run again takes a newer snapshot for its remaining chunks, so the
 * target then holds rows as of two points. The sync still starts at the first one and must not
 * apply twice what the newer chunks already hold:
 * <ul>
 *   <li>tables with a key: every batch before the newest snapshot's point ({@code safeUntil}) is
 *       written in safe mode (REPLACE, DELETE + REPLACE), which is idempotent by key;</li>
 *   <li>tables loaded whole from one later snapshot: keyless tables (always one chunk), and tables
 *       a DDL changed after their load began, which start over from the newer snapshot. That snapshot
 *       is recorded before the table loads ({@link #recordTableLoad}); the table's rows and DDL
 *       changes in transactions before it are dropped, as the loaded table holds them already.</li>
 * </ul>
 *
 * @param location   where to start reading
 * @param tableInfo  the schema tracker's state at {@code location}, as JSON
 * @param safeUntil  the newest snapshot point rows were loaded from; null when there was one snapshot
 */
public record SyncStart(BinlogLocation location, String tableInfo, BinlogLocation safeUntil) {

    public SyncStart(BinlogLocation location, String tableInfo) {
        this(location, tableInfo, null);
    }

    /** The recorded start of {@code sourceId}, if any. */
    public static Optional<SyncStart> find(DataSource target, String metaSchema, String task, String sourceId) {
        TableId t = SyncStatements.startTable(metaSchema, task);
        try (Connection c = target.getConnection()) {
            return read(c, t, sourceId);
        } catch (SQLException e) {
            throw SqlErrorClassifier.wrap(e, Endpoint.TARGET, "reading the sync start of " + sourceId + " in " + t);
        }
    }

    /** As {@link #find(DataSource, String, String, String)}, on the caller's connection. */
    static Optional<SyncStart> find(Connection c, String metaSchema, String task, String sourceId) throws SQLException {
        return read(c, SyncStatements.startTable(metaSchema, task), sourceId);
    }

    /**
     * Records {@code candidate} unless a start is recorded already, and notes {@code candidate}'s
     * point as the newest snapshot loaded from; returns the recorded start.
     */
    public static SyncStart recordFirst(DataSource target, String metaSchema, String task, String sourceId,
                                        SyncStart candidate) {
        TableId t = SyncStatements.startTable(metaSchema, task);
        try (Connection c = target.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(SyncStatements.insertStartIfAbsent(t))) {
                ps.setString(1, sourceId);
                ps.setString(2, candidate.location().file());
                ps.setLong(3, candidate.location().position());
                ps.setString(4, candidate.location().gtidSet());
                ps.setString(5, candidate.tableInfo());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(SyncStatements.updateSafeUntil(t))) {
                ps.setString(1, candidate.location().file());
                ps.setLong(2, candidate.location().position());
                ps.setString(3, candidate.location().gtidSet());
                ps.setString(4, sourceId);
                ps.executeUpdate();
            }
            return read(c, t, sourceId).orElseThrow(() -> new GodwitException(ErrorCode.META_FAILED,
                    t + " has no row for source " + sourceId + " right after it was written"));
        } catch (SQLException e) {
            throw SqlErrorClassifier.wrap(e, Endpoint.TARGET, "recording the sync start of " + sourceId + " in " + t);
        }
    }

    /** Records, before anything of it loads, that {@code table} is loaded whole from the snapshot at {@code point}. */
    public static void recordTableLoad(DataSource target, String metaSchema, String task, String sourceId,
                                       TableId table, BinlogLocation point) {
        TableId t = SyncStatements.tableStartTable(metaSchema, task);
        try (Connection c = target.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(SyncStatements.replaceTableStart(t))) {
                ps.setString(1, sourceId);
                ps.setString(2, table.schema());
                ps.setString(3, table.table());
                ps.setString(4, point.file());
                ps.setLong(5, point.position());
                ps.setString(6, point.gtidSet());
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw SqlErrorClassifier.wrap(e, Endpoint.TARGET, "recording the load point of " + table + " in " + t);
        }
    }

    /** The snapshot each table of {@code sourceId} loaded whole after the sync's start was loaded from. */
    public static Map<TableId, BinlogLocation> tableLoads(DataSource target, String metaSchema, String task,
                                                          String sourceId) {
        TableId t = SyncStatements.tableStartTable(metaSchema, task);
        try (Connection c = target.getConnection()) {
            Map<TableId, BinlogLocation> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(SyncStatements.selectTableStarts(t))) {
                ps.setString(1, sourceId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(TableId.of(rs.getString(1), rs.getString(2)),
                                new BinlogLocation(rs.getString(3), rs.getLong(4), rs.getString(5)));
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw SqlErrorClassifier.wrap(e, Endpoint.TARGET, "reading the load points of " + sourceId + " in " + t);
        }
    }

    /** Creates the meta schema and the start tables unless they exist; once per pool, before the other calls. */
    public static void createTables(DataSource target, String metaSchema, String task) {
        try (Connection c = target.getConnection(); Statement s = c.createStatement()) {
            s.execute(SyncStatements.createMetaSchema(metaSchema));
            s.execute(SyncStatements.createStartTable(SyncStatements.startTable(metaSchema, task)));
            s.execute(SyncStatements.createTableStartTable(SyncStatements.tableStartTable(metaSchema, task)));
        } catch (SQLException e) {
            throw SqlErrorClassifier.wrap(e, Endpoint.TARGET, "creating the sync start tables in " + metaSchema);
        }
    }

    private static Optional<SyncStart> read(Connection c, TableId t, String sourceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SyncStatements.selectStart(t))) {
            ps.setString(1, sourceId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                BinlogLocation start = new BinlogLocation(rs.getString(1), rs.getLong(2), rs.getString(3));
                BinlogLocation safeUntil = rs.getString(5).isEmpty() ? null
                        : new BinlogLocation(rs.getString(5), rs.getLong(6), rs.getString(7));
                return Optional.of(new SyncStart(start, rs.getString(4), safeUntil));
            }
        }
    }
}
