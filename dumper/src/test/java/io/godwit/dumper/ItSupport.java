package io.godwit.dumper;

import io.godwit.core.config.DatabaseConfig;
import io.godwit.core.testkit.DbEndpoint;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Small helpers shared by the dumper's integration tests. */
final class ItSupport {
    private ItSupport() {}

    static DatabaseConfig config(DbEndpoint db) {
        return DatabaseConfig.of(db.host(), db.port(), db.user(), db.password());
    }

    /** A plain test connection in UTC, so TIMESTAMP text compares equal on both servers. */
    static Connection utc(DbEndpoint db) throws SQLException {
        Connection c = db.connect();
        try (Statement s = c.createStatement()) {
            s.execute("SET time_zone = '+00:00'");
        }
        return c;
    }

    /** A connection on the binary protocol: FLOAT and DOUBLE arrive as their IEEE bits. */
    static Connection binaryProtocol(DbEndpoint db) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl() + "&useServerPrepStmts=true", db.user(), db.password());
    }

    static List<List<String>> rows(Connection c, String sql) throws SQLException {
        List<List<String>> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                out.add(row);
            }
        }
        return out;
    }

    static String one(DbEndpoint db, String sql) throws SQLException {
        try (Connection c = utc(db)) {
            return rows(c, sql).get(0).get(0);
        }
    }

    static String hex(byte[] b) {
        return java.util.HexFormat.of().withUpperCase().formatHex(b);
    }
}
