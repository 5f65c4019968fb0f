package io.godwit.core.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.godwit.core.config.DatabaseConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.StringJoiner;

/**
 * Opens connections to sources and targets with the session every Godwit connection needs:
 * utf8mb4, UTC session time zone (TIMESTAMP values move as text, never shifted), a SQL mode that
 * accepts every value a source may hold (zero dates, 0 in AUTO_INCREMENT columns) and numeric types
 * left as the server sends them (TINYINT(1) is not a boolean, YEAR is not a date).
 */
public final class Databases {
    /** The session SQL mode for targets: strict, yet accepting what the source already stores. */
    public static final String TARGET_SQL_MODE = "STRICT_TRANS_TABLES,NO_AUTO_VALUE_ON_ZERO,ALLOW_INVALID_DATES";

    private Databases() {}

    public static String jdbcUrl(DatabaseConfig db) {
        StringJoiner q = new StringJoiner("&", "?", "");
        q.add("characterEncoding=UTF-8");
        q.add("connectionCollation=utf8mb4_bin");
        q.add("useSSL=" + db.security().enabled());
        if (db.security().enabled()) {
            q.add("sslMode=VERIFY_CA");
            q.add("trustCertificateKeyStoreUrl=file:" + db.security().sslCa());
        }
        q.add("allowPublicKeyRetrieval=true");
        q.add("tinyInt1isBit=false");
        q.add("yearIsDateType=false");
        q.add("zeroDateTimeBehavior=ROUND");
        q.add("connectionTimeZone=SERVER");
        q.add("allowLoadLocalInfile=true");
        q.add("useCompression=false");
        q.add("connectTimeout=10000");
        q.add("socketTimeout=0");
        q.add("maxAllowedPacket=268435456");
        return "jdbc:mysql://" + db.host() + ":" + db.port() + "/" + q;
    }

    /** The session variables set on every connection, plus those of {@code target-database.session}. */
    public static String sessionVariables(DatabaseConfig db, Endpoint endpoint) {
        StringJoiner v = new StringJoiner(",");
        v.add("time_zone='+00:00'");
        if (endpoint == Endpoint.TARGET) {
            v.add("sql_mode='" + TARGET_SQL_MODE + "'");
            v.add("foreign_key_checks=0");
        }
        for (Map.Entry<String, String> e : db.session().entrySet()) {
            v.add(e.getKey() + "=" + quoteSessionValue(e.getValue()));
        }
        return v.toString();
    }

    /** One plain connection; an error is classified and names the endpoint. */
    public static Connection connect(DatabaseConfig db, Endpoint endpoint) {
        Properties p = new Properties();
        p.setProperty("user", db.user());
        p.setProperty("password", db.password());
        p.setProperty("sessionVariables", sessionVariables(db, endpoint));
        try {
            return DriverManager.getConnection(jdbcUrl(db), p);
        } catch (SQLException e) {
            throw SqlErrorClassifier.wrap(e, endpoint, endpoint.name().toLowerCase() + " " + db.address());
        }
    }

    /**
     * A pool named for its role ({@code orders-src1-dump}), so threads, logs and the server's
     * processlist tell which task a connection works for.
     */
    public static HikariDataSource pool(String name, DatabaseConfig db, Endpoint endpoint, int size) {
        return pool(name, db, endpoint, size, new PoolFeature[0]);
    }

    /** What a pool's driver does beyond the default, for the one role that needs it. */
    public enum PoolFeature {
        /**
         * The driver may send {@code LOAD DATA LOCAL} data (the loader's target pool). It then also
         * answers a server's request for a local file, so the pool must only talk to a server the
         * user trusts with the data anyway.
         */
        LOCAL_INFILE,
        /**
         * Statements are prepared on the server and cached per connection (the sync's target pool,
         * which runs the same few statements per table all the time): the server parses each once.
         */
        SERVER_PREPARED_STATEMENTS
    }

    /** {@link #pool(String, DatabaseConfig, Endpoint, int)} with the driver features of the pool's role. */
    public static HikariDataSource pool(String name, DatabaseConfig db, Endpoint endpoint, int size,
                                        PoolFeature... features) {
        HikariConfig c = new HikariConfig();
        for (PoolFeature f : features) {
            switch (f) {
                case LOCAL_INFILE -> c.addDataSourceProperty("allowLoadLocalInfile", "true");
                case SERVER_PREPARED_STATEMENTS -> {
                    c.addDataSourceProperty("useServerPrepStmts", "true");
                    c.addDataSourceProperty("cachePrepStmts", "true");
                    c.addDataSourceProperty("prepStmtCacheSize", "1000");
                    c.addDataSourceProperty("prepStmtCacheSqlLimit", "1048576");
                }
            }
        }
        c.setPoolName(name);
        c.setJdbcUrl(jdbcUrl(db));
        c.setUsername(db.user());
        c.setPassword(db.password());
        c.setMaximumPoolSize(size);
        c.setMinimumIdle(0);
        c.setConnectionTimeout(30_000);
        c.addDataSourceProperty("sessionVariables", sessionVariables(db, endpoint));
        c.addDataSourceProperty("connectionAttributes", "program_name:godwit,pool:" + name);
        try {
            return new HikariDataSource(c);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw SqlErrorClassifier.wrap(sql, endpoint, endpoint.name().toLowerCase() + " " + db.address());
            }
            throw e;
        }
    }

    private static String quoteSessionValue(String value) {
        if (value.matches("-?[0-9]+(\\.[0-9]+)?")) {
            return value;
        }
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
