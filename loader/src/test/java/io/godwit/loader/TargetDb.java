package io.godwit.loader;

import com.zaxxer.hikari.HikariDataSource;
import io.godwit.core.config.DatabaseConfig;
import io.godwit.core.db.Databases;
import io.godwit.core.db.Endpoint;
import io.godwit.core.testkit.DbEndpoint;
import io.godwit.core.testkit.TestDatabases;
import java.util.List;

/** The shared target server of the loader's ITs: pools with the standard target session, and queries for assertions. */
final class TargetDb {
    private TargetDb() {}

    static DbEndpoint endpoint() {
        return TestDatabases.target();
    }

    static HikariDataSource pool(String name, int size) {
        DbEndpoint t = endpoint();
        return pool(name, t.user(), t.password(), size);
    }

    static HikariDataSource pool(String name, String user, String password, int size) {
        DbEndpoint t = endpoint();
        return Databases.pool(name, DatabaseConfig.of(t.host(), t.port(), user, password), Endpoint.TARGET, size);
    }

    /** A pool whose driver may send LOAD DATA LOCAL data, as the loader's target pool. */
    static HikariDataSource localInfilePool(String name, int size) {
        DbEndpoint t = endpoint();
        return Databases.pool(name, DatabaseConfig.of(t.host(), t.port(), t.user(), t.password()), Endpoint.TARGET,
                size, Databases.PoolFeature.LOCAL_INFILE);
    }

    static long count(String sql) {
        List<String> r = rows(sql);
        return Long.parseLong(r.get(0));
    }

    /** Each row as its columns joined by {@code |}, NULL as {@code NULL}. */
    static List<String> rows(String sql) {
        return endpoint().rows(sql);
    }
}
