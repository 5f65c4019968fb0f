package io.godwit.core.testkit;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Where a test database listens and how to log in; built from the fixture or an environment variable. */
public record DbEndpoint(String name, String host, int port, String user, String password) {

    /** Parses {@code mysql://user:password@host:port}. */
    static DbEndpoint parse(String name, String url) {
        URI u = URI.create(url);
        String[] userInfo = u.getUserInfo() == null ? new String[] {"root"} : u.getUserInfo().split(":", 2);
        return new DbEndpoint(name, u.getHost(), u.getPort() < 0 ? 3306 : u.getPort(), userInfo[0],
                userInfo.length > 1 ? userInfo[1] : "");
    }

    public String jdbcUrl() {
        return "jdbc:mysql://" + host + ":" + port + "/?useSSL=false&allowPublicKeyRetrieval=true"
                + "&characterEncoding=UTF-8&connectionTimeZone=SERVER&allowLoadLocalInfile=true";
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user, password);
    }

    /** Runs statements in one session, for test set-up. */
    public void execute(String... sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(name + ": " + e.getMessage(), e);
        }
    }

    /** Each row of a query as its columns joined by {@code |}, NULL as {@code NULL}. */
    public List<String> rows(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    b.append(i > 1 ? "|" : "").append(rs.getString(i) == null ? "NULL" : rs.getString(i));
                }
                out.add(b.toString());
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(name + ": " + sql + ": " + e.getMessage(), e);
        }
    }

    /** A YAML {@code host/port/user/password} block body, indented by {@code indent} spaces. */
    public String yamlConnection(int indent) {
        String pad = " ".repeat(indent);
        return pad + "host: " + host + "\n" + pad + "port: " + port + "\n" + pad + "user: " + user + "\n"
                + pad + "password: \"" + password + "\"\n";
    }
}
