package io.godwit.binlog.stream;

import io.godwit.core.config.DatabaseConfig;
import io.godwit.core.db.Databases;
import io.godwit.core.db.Endpoint;
import io.godwit.core.db.ServerFlavor;
import io.godwit.core.db.SqlErrorClassifier;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.GtidSet;
import io.godwit.core.model.MariaDbGtidSet;
import io.godwit.core.model.MySqlGtidSet;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the stream learns from the source over SQL before it connects as a replica: the flavor,
 * that the start position is still there (a purged file is named here, with the way out, rather
 * than as the server's error 1236), the GTID set at a file/offset start, and the collations.
 */
final class SourceProbe {

    /**
     * @param committed the GTID set executed before the start, null when the server cannot tell
     */
    record Result(ServerFlavor flavor, BinlogLocation start, GtidSet committed, Collations collations) {}

    private record BinaryLog(String file, long size) {}

    private SourceProbe() {}

    static Result run(BinlogStreamConfig config) {
        DatabaseConfig db = config.database();
        try (Connection c = Databases.connect(db, Endpoint.SOURCE)) {
            ServerFlavor flavor;
            long sourceServerId;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(StreamStatements.VERSION)) {
                rs.next();
                flavor = ServerFlavor.fromVersion(rs.getString(1));
                sourceServerId = rs.getLong(2);
            }
            if (sourceServerId == config.serverId()) {
                throw new GodwitException(ErrorCode.CONFIG_INVALID, "the replica server-id " + config.serverId()
                        + " is the source's own server_id (" + config.address() + "): choose another one");
            }
            BinlogStart start = config.start();
            List<BinaryLog> logs = binaryLogs(c);
            GtidSet committed;
            BinlogLocation location = start.location();
            if (start.byGtid()) {
                committed = parseGtid(flavor, location.gtidSet());
            } else {
                checkStillThere(config, logs, location);
                committed = location.gtidSet().isEmpty() ? null : parseGtid(flavor, location.gtidSet());
                if (committed == null && flavor == ServerFlavor.MARIADB) {
                    committed = mariaDbGtidAt(c, location);
                }
            }
            BinlogLocation resolved = new BinlogLocation(location.file(), location.position(),
                    committed == null ? "" : committed.toString());
            return new Result(flavor, resolved, committed, new Collations(collations(c, flavor)));
        } catch (SQLException e) {
            throw SqlErrorClassifier.wrap(e, Endpoint.SOURCE, "checking the binlog start on " + config.address());
        }
    }

    private static List<BinaryLog> binaryLogs(Connection c) throws SQLException {
        List<BinaryLog> logs = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(StreamStatements.BINARY_LOGS)) {
            while (rs.next()) {
                logs.add(new BinaryLog(rs.getString(1), rs.getLong(2)));
            }
        }
        return logs;
    }

    /** The start file must still be on the source, and the offset inside it. */
    private static void checkStillThere(BinlogStreamConfig config, List<BinaryLog> logs, BinlogLocation start) {
        BinaryLog found = logs.stream().filter(l -> l.file().equals(start.file())).findFirst().orElse(null);
        if (found == null) {
            String oldest = logs.isEmpty() ? "none" : logs.get(0).file();
            throw new GodwitException(ErrorCode.BINLOG_PURGED, "binlog file " + start.file() + " (start " + start
                    + ") is no longer on the source " + config.address() + "; the oldest it has is " + oldest
                    + ": start from a newer `meta` position, or run the task again with a full dump");
        }
        if (start.position() > found.size()) {
            throw new GodwitException(ErrorCode.CONFIG_INVALID, "start position " + start.position() + " is past the end of "
                    + start.file() + " (" + found.size() + " bytes) on " + config.address());
        }
    }

    private static GtidSet parseGtid(ServerFlavor flavor, String text) {
        try {
            return flavor == ServerFlavor.MARIADB ? MariaDbGtidSet.parse(text) : MySqlGtidSet.parse(text);
        } catch (IllegalArgumentException e) {
            throw new GodwitException(ErrorCode.CONFIG_INVALID, "GTID set '" + text + "' is not valid for a "
                    + flavor + " source: " + e.getMessage(), e);
        }
    }

    private static GtidSet mariaDbGtidAt(Connection c, BinlogLocation at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(StreamStatements.MARIADB_GTID_AT)) {
            ps.setString(1, at.file());
            ps.setLong(2, at.position());
            try (ResultSet rs = ps.executeQuery()) {
                String pos = rs.next() ? rs.getString(1) : null;
                return pos == null ? null : MariaDbGtidSet.parse(pos);
            }
        }
    }

    private static Map<Integer, String> collations(Connection c, ServerFlavor flavor) throws SQLException {
        Map<Integer, String> byId = new HashMap<>();
        try (Statement s = c.createStatement()) {
            readIds(s, StreamStatements.COLLATIONS, byId);
            if (flavor == ServerFlavor.MARIADB) {
                try (ResultSet rs = s.executeQuery(StreamStatements.HAS_APPLICABILITY_IDS)) {
                    if (rs.next() && rs.getInt(1) > 0) {
                        readIds(s, StreamStatements.APPLICABILITY_IDS, byId);
                    }
                }
            }
        }
        return byId;
    }

    private static void readIds(Statement s, String sql, Map<Integer, String> into) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                if (rs.getObject(1) != null) {
                    into.put(rs.getInt(1), rs.getString(2));
                }
            }
        }
    }
}
