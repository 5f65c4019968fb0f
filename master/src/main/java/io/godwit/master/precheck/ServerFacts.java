package io.godwit.master.precheck;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;

/** What the prechecks read from one server, each by one small query. */
final class ServerFacts {
    private final Connection c;

    ServerFacts(Connection c) {
        this.c = c;
    }

    String version() throws SQLException {
        return single("SELECT VERSION()");
    }

    /** A global variable's value, or null when the server has no such variable. */
    String variable(String name) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW GLOBAL VARIABLES LIKE '" + name.replace("'", "") + "'")) {
            return rs.next() ? rs.getString(2) : null;
        }
    }

    /** A global status counter's value, or null. */
    String status(String name) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS LIKE '" + name.replace("'", "") + "'")) {
            return rs.next() ? rs.getString(2) : null;
        }
    }

    /**
     * The privileges a new session of this user has: its own, and those of the roles active in a new
     * session (its default roles, as {@code CURRENT_ROLE()} of this fresh connection tells) and of the
     * roles granted to those, as far down as they go. Roles granted but not active do not count: the
     * task's connections do not SET ROLE.
     */
    Grants grants() throws SQLException {
        List<String> lines = showGrants("CURRENT_USER()");
        Deque<String> roles = new ArrayDeque<>(Grants.roleNames(single("SELECT CURRENT_ROLE()")));
        Set<String> followed = new HashSet<>();
        while (!roles.isEmpty()) {
            String role = roles.pop();
            if (followed.add(role)) {
                List<String> roleLines = showGrants(role);
                lines.addAll(roleLines);
                roles.addAll(Grants.rolesGranted(roleLines));
            }
        }
        return Grants.parse(lines);
    }

    private List<String> showGrants(String grantee) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW GRANTS FOR " + grantee)) {
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
        }
        return lines;
    }

    /** The binlog files and their sizes, in order ({@code SHOW BINARY LOGS}). */
    List<BinlogFile> binaryLogs() throws SQLException {
        List<BinlogFile> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW BINARY LOGS")) {
            while (rs.next()) {
                out.add(new BinlogFile(rs.getString(1), rs.getLong(2)));
            }
        }
        return out;
    }

    record BinlogFile(String name, long size) {}

    boolean isMariaDb() throws SQLException {
        return version().toLowerCase(Locale.ROOT).contains("mariadb");
    }

    private String single(String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
