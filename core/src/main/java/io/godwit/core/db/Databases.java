package io.godwit.core.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.DriverDataSource;
import io.godwit.core.config.DatabaseConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
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
        // TLS as DM has it: the server's certificate must be signed by ssl-ca (not checked against
        // the host name); the stores themselves go in as properties, see tlsProperties.
        q.add(db.security().enabled() ? "sslMode=VERIFY_CA" : "sslMode=DISABLED");
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
        tlsProperties(db, endpoint).forEach(p::setProperty);
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
        Properties p = new Properties();
        for (PoolFeature f : features) {
            switch (f) {
                case LOCAL_INFILE -> p.setProperty("allowLoadLocalInfile", "true");
                case SERVER_PREPARED_STATEMENTS -> {
                    p.setProperty("useServerPrepStmts", "true");
                    p.setProperty("cachePrepStmts", "true");
                    p.setProperty("prepStmtCacheSize", "1000");
                    p.setProperty("prepStmtCacheSqlLimit", "1048576");
                }
            }
        }
        p.setProperty("sessionVariables", sessionVariables(db, endpoint));
        p.setProperty("connectionAttributes", "program_name:godwit,pool:" + name);
        tlsProperties(db, endpoint).forEach(p::setProperty);
        HikariConfig c = new HikariConfig();
        c.setPoolName(name);
        // The driver's properties go into a data source of our own rather than Hikari's
        // dataSourceProperties, which Hikari logs at DEBUG with only "password" masked (the TLS
        // stores' password would show). Hikari builds the very same DriverDataSource from a jdbcUrl.
        c.setDataSource(new DriverDataSource(jdbcUrl(db), null, p, db.user(), db.password()));
        c.setMaximumPoolSize(size);
        c.setMinimumIdle(0);
        c.setConnectionTimeout(30_000);
        try {
            return new HikariDataSource(c);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw SqlErrorClassifier.wrap(sql, endpoint, endpoint.name().toLowerCase() + " " + db.address());
            }
            throw e;
        }
    }

    /**
     * Connector/J's TLS properties for {@code db.security}: its PEM files as PKCS#12 stores (the
     * driver takes trust and client keys only as keystores by URL), and the socket factory that
     * checks {@code cert-allowed-cn} when names are listed. Passed as connection properties, not
     * in the URL, so the stores' password never shows in a logged URL; empty without TLS.
     *
     * @throws io.godwit.core.error.GodwitException TLS_FILE_INVALID for an unusable PEM file, naming its key and path
     */
    static Map<String, String> tlsProperties(DatabaseConfig db, Endpoint endpoint) {
        Optional<TlsMaterial> tls = TlsMaterial.of(db.security(), endpoint.configKey() + ".security");
        if (tls.isEmpty()) {
            return Map.of();
        }
        TlsMaterial.KeyStoreFiles stores = tls.get().keyStores();
        Map<String, String> p = new LinkedHashMap<>();
        p.put("trustCertificateKeyStoreUrl", stores.trustStoreUrl());
        p.put("trustCertificateKeyStoreType", "PKCS12");
        p.put("trustCertificateKeyStorePassword", stores.password());
        if (stores.clientStoreUrl() != null) {
            p.put("clientCertificateKeyStoreUrl", stores.clientStoreUrl());
            p.put("clientCertificateKeyStoreType", "PKCS12");
            p.put("clientCertificateKeyStorePassword", stores.password());
        } else {
            // Without ssl-cert DM presents no certificate: nor does Godwit, whatever javax.net.ssl.keyStore says.
            p.put("fallbackToSystemKeyStore", "false");
        }
        if (!tls.get().allowedCn().isEmpty()) {
            p.put("socketFactory", AllowedCnSocketFactory.class.getName());
        }
        return p;
    }

    private static String quoteSessionValue(String value) {
        if (value.matches("-?[0-9]+(\\.[0-9]+)?")) {
            return value;
        }
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
