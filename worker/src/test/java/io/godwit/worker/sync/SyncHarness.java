package io.godwit.worker.sync;

import com.zaxxer.hikari.HikariDataSource;
import io.godwit.core.config.DatabaseConfig;
import io.godwit.core.db.Databases;
import io.godwit.core.db.Endpoint;
import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.ColumnInfo;
import io.godwit.core.model.TableId;
import io.godwit.core.model.TableInfo;
import io.godwit.core.testkit.DbEndpoint;
import io.godwit.core.testkit.TestDatabases;
import io.godwit.filters.BinlogEventFilter;
import io.godwit.filters.BlockAllowList;
import io.godwit.filters.TableFilterChain;
import io.godwit.filters.TableRouter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * One IT's sync set-up against the shared target: a data schema and a meta schema of its own, a target
 * pool, the test's schema tracker, and a way to run a coordinator until it has applied a script.
 */
final class SyncHarness implements AutoCloseable {
    final String db;
    final String meta;
    final String task;
    final TestTables tables = new TestTables();
    private final List<HikariDataSource> pools = new ArrayList<>();

    SyncHarness(Class<?> testClass, String suffix) {
        db = TestDatabases.schema(testClass, suffix);
        meta = TestDatabases.schema(testClass, suffix + "_meta");
        task = "task_" + suffix;
        target().execute("CREATE DATABASE " + db);
    }

    static DbEndpoint target() {
        return TestDatabases.target();
    }

    HikariDataSource pool(int size) {
        DbEndpoint t = target();
        return pool(t.user(), t.password(), size);
    }

    HikariDataSource pool(String user, String password, int size) {
        DbEndpoint t = target();
        HikariDataSource p = Databases.pool(task + "-s1-sync-" + pools.size(),
                DatabaseConfig.of(t.host(), t.port(), user, password), Endpoint.TARGET, size,
                Databases.PoolFeature.SERVER_PREPARED_STATEMENTS); // as TaskReplication's sync pool
        pools.add(p);
        return p;
    }

    TableId id(String table) {
        return TableId.of(db, table);
    }

    /** Creates the table in the target and tracks it; {@code %s} in the statement is the quoted name. */
    TableInfo table(String name, String createTable, List<String> chunkKey, ColumnInfo... columns) {
        TableInfo info = TestTables.info(id(name), createTable, chunkKey, columns);
        target().execute(info.createTableSql());
        tables.put(info);
        return info;
    }

    SyncOptions options(int workers, int batch) {
        return new SyncOptions(task, "s1", meta, workers, batch, true, true, false, Duration.ZERO, Duration.ofSeconds(30),
                Math.max(SyncOptions.MIN_BUFFERED_TX_ROWS, workers * batch), Duration.ofMillis(20),
                new Backoff(Duration.ofMillis(10), Duration.ofMillis(200), 20));
    }

    static TableFilterChain allTables(String metaSchema) {
        return new TableFilterChain(new BlockAllowList(null, false, metaSchema), new TableRouter(List.of(), false));
    }

    SyncCoordinator coordinator(SyncOptions options, HikariDataSource pool, ScriptedSource source,
                                BinlogLocation start, SlotCommitter committer) {
        return coordinator(options, pool, source, start, committer, allTables(meta), ddl -> List.of(ddl.sql()), () -> "{}");
    }

    SyncCoordinator coordinator(SyncOptions options, HikariDataSource pool, ScriptedSource source, BinlogLocation start,
                                SlotCommitter committer, TableFilterChain chain, DdlRewriter ddl, Supplier<String> tableInfo) {
        return new SyncCoordinator(options, pool, source, tables, chain, new BinlogEventFilter(List.of(), false),
                ddl, tableInfo, start, committer);
    }

    /**
     * Runs the coordinator until it has applied everything up to {@code end} (then stops it), or until it
     * fails; returns the failure, null when it got there.
     */
    static Throwable runUntil(SyncCoordinator c, BinlogLocation end) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = running(c, failure);
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (t.isAlive() && System.nanoTime() < deadline) {
            BinlogLocation applied = c.status().appliedLocation();
            if (applied != null && BatchHeader.samePlace(applied, end)) {
                break;
            }
            Thread.sleep(10);
        }
        c.stop();
        t.join(Duration.ofMinutes(1).toMillis());
        if (t.isAlive()) {
            throw new IllegalStateException("coordinator did not stop");
        }
        if (failure.get() == null && !BatchHeader.samePlace(c.status().appliedLocation(), end)) {
            throw new IllegalStateException("coordinator stopped at " + c.status().appliedLocation() + ", not at " + end);
        }
        return failure.get();
    }

    /**
     * Runs the coordinator until it fails on its own, as a task's sync pauses (without {@link SyncCoordinator#stop},
     * so that it can run again after an operator's skip or replace); returns the failure.
     */
    static Throwable runUntilPaused(SyncCoordinator c) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = running(c, failure);
        t.join(Duration.ofMinutes(3).toMillis());
        if (t.isAlive()) {
            throw new IllegalStateException("coordinator did not pause");
        }
        return failure.get();
    }

    /** The coordinator running on a thread of its own, which keeps what it threw in {@code failure}. */
    private static Thread running(SyncCoordinator c, AtomicReference<Throwable> failure) {
        Thread t = new Thread(() -> {
            try {
                c.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "sync-it-coordinator");
        t.start();
        return t;
    }

    /** Runs to {@code end}; any failure fails the test. */
    static void runToEnd(SyncCoordinator c, BinlogLocation end) throws InterruptedException {
        Throwable f = runUntil(c, end);
        if (f != null) {
            throw new AssertionError("sync failed", f);
        }
    }

    /** Each row as its columns joined by {@code |}, NULL as {@code NULL}. */
    static List<String> rows(String sql) {
        try (Connection c = target().connect(); Statement s = c.createStatement()) {
            s.execute("SET time_zone = '+00:00'");
            try (ResultSet rs = s.executeQuery(sql)) {
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
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    @Override public void close() {
        pools.forEach(HikariDataSource::close);
    }
}
