package io.godwit.dumper;

import io.godwit.core.db.Endpoint;
import io.godwit.core.db.ServerFlavor;
import io.godwit.core.db.SqlErrorClassifier;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts every worker connection into one consistent snapshot and finds its binlog point, as the
 * {@link Consistency} mode says. Lock-free on MariaDB where that is exact: each transaction started
 * WITH CONSISTENT SNAPSHOT reports the binlog position its snapshot corresponds to
 * ({@code binlog_snapshot_file/position}); when all workers report the same position no binlogged
 * transaction committed between their snapshots, so they see the same data.
 */
final class ConsistentSnapshot {
    private static final Logger LOG = LoggerFactory.getLogger(ConsistentSnapshot.class);
    /** Rounds of restarting the lagging snapshots before giving up on the lock-free way. */
    static final int LOCK_FREE_ROUNDS = 10;

    /** The outcome: the point, the mode really used, and the connection holding LOCK TABLES (or null). */
    record Result(BinlogLocation point, Consistency used, Connection lockHolder) {}

    /** A supplier that may fail with the server's error. */
    @FunctionalInterface
    interface SqlSupplier<T> {
        T get() throws SQLException;
    }

    private record Pos(String file, long offset) {
        /** Binlog files share a base name and a counter that may outgrow its zero padding. */
        static final Comparator<Pos> ORDER = Comparator.comparingInt((Pos p) -> p.file().length())
                .thenComparing(Pos::file).thenComparingLong(Pos::offset);
    }

    private final List<Connection> workers;
    private final SqlSupplier<Connection> control;
    private final ServerFlavor flavor;
    private final String where;

    /**
     * @param control borrows the extra connection that takes FTWRL or LOCK TABLES
     * @param where   {@code source host:port}, for messages
     */
    ConsistentSnapshot(List<Connection> workers, SqlSupplier<Connection> control, ServerFlavor flavor, String where) {
        this.workers = workers;
        this.control = control;
        this.flavor = flavor;
        this.where = where;
    }

    Result establish(Consistency mode, SqlSupplier<List<TableId>> lockScope) throws SQLException {
        return switch (mode) {
            case AUTO -> {
                if (flavor == ServerFlavor.TIDB) {
                    yield tidbSnapshot();
                }
                if (flavor == ServerFlavor.MARIADB) {
                    BinlogLocation p = lockFree();
                    if (p != null) {
                        yield new Result(p, Consistency.AUTO, null);
                    }
                    LOG.info("{}: writes never paused over {} rounds of lock-free snapshots; using FLUSH TABLES WITH READ LOCK",
                            where, LOCK_FREE_ROUNDS);
                }
                yield flush(true);
            }
            case FLUSH -> {
                requireNotTidb(mode);
                yield flush(false);
            }
            case LOCK -> {
                requireNotTidb(mode);
                yield lockTables(lockScope.get());
            }
            case SNAPSHOT -> {
                if (flavor != ServerFlavor.TIDB) {
                    throw new GodwitException(ErrorCode.DUMP_CONSISTENCY, "consistency snapshot needs a TiDB source, "
                            + where + " is " + flavor + "; use auto, flush, lock or none");
                }
                yield tidbSnapshot();
            }
            case NONE -> new Result(none(), Consistency.NONE, null);
        };
    }

    /**
     * Gives up an established snapshot so that {@link #establish} may run again: ends the worker
     * transactions and releases the LOCK TABLES the result holds.
     */
    void release(Result r) throws SQLException {
        try (Connection holder = r.lockHolder()) { // closed even when a rollback fails: that ends its locks too
            for (Connection w : workers) {
                run(w, DumpStatements.ROLLBACK);
            }
            if (holder != null) {
                run(holder, DumpStatements.UNLOCK_TABLES);
            }
        }
    }

    private void requireNotTidb(Consistency mode) {
        if (flavor == ServerFlavor.TIDB) {
            throw new GodwitException(ErrorCode.DUMP_CONSISTENCY, "consistency " + mode.name().toLowerCase(Locale.ROOT)
                    + " is not supported on a TiDB source (" + where + "); use snapshot or auto");
        }
    }

    /** MariaDB: all snapshots at one binlog position, or null when writes never paused long enough. */
    private BinlogLocation lockFree() throws SQLException {
        Pos[] at = new Pos[workers.size()];
        for (int round = 0; round < LOCK_FREE_ROUNDS; round++) {
            Pos target = null; // the latest snapshot so far: the others restart to catch up with it
            for (Pos p : at) {
                if (p != null && (target == null || Pos.ORDER.compare(p, target) > 0)) {
                    target = p;
                }
            }
            for (int i = 0; i < at.length; i++) {
                if (at[i] == null || !at[i].equals(target)) {
                    Connection c = workers.get(i);
                    if (at[i] != null) {
                        run(c, DumpStatements.ROLLBACK);
                    }
                    run(c, DumpStatements.START_SNAPSHOT);
                    at[i] = snapshotPosition(c);
                }
            }
            Pos first = at[0];
            if (Arrays.stream(at).allMatch(first::equals)) {
                return new BinlogLocation(first.file(), first.offset(), gtidAt(workers.get(0), first));
            }
        }
        for (Connection c : workers) {
            run(c, DumpStatements.ROLLBACK);
        }
        return null;
    }

    /** FTWRL only while the snapshots start and the position is read. */
    private Result flush(boolean auto) throws SQLException {
        Connection c = control.get();
        try {
            try {
                run(c, DumpStatements.FLUSH_WITH_READ_LOCK);
            } catch (SQLException e) {
                if (SqlErrorClassifier.classify(e, Endpoint.SOURCE) == ErrorCode.SOURCE_PRIVILEGE) {
                    throw new GodwitException(ErrorCode.DUMP_CONSISTENCY, "consistency " + (auto ? "auto" : "flush")
                            + " on " + where + " needs FLUSH TABLES WITH READ LOCK, which the user may not run"
                            + " (missing the RELOAD privilege): GRANT RELOAD, or set consistency to lock"
                            + " (needs LOCK TABLES) or none" + (flavor == ServerFlavor.MARIADB
                            ? (auto ? ", or retry when writes pause" : ", or auto (lock-free on MariaDB)") : ""), e);
                }
                throw e;
            }
            try {
                for (Connection w : workers) {
                    run(w, DumpStatements.START_SNAPSHOT);
                }
                return new Result(masterStatus(c, true), Consistency.FLUSH, null);
            } finally {
                run(c, DumpStatements.UNLOCK_TABLES);
            }
        } finally {
            c.close();
        }
    }

    /** LOCK TABLES ... READ on the dumped tables, kept by the returned connection until close. */
    private Result lockTables(List<TableId> tables) throws SQLException {
        Connection c = control.get();
        try {
            if (!tables.isEmpty()) {
                try {
                    run(c, DumpStatements.lockTablesRead(tables));
                } catch (SQLException e) {
                    if (SqlErrorClassifier.classify(e, Endpoint.SOURCE) == ErrorCode.SOURCE_PRIVILEGE) {
                        throw new GodwitException(ErrorCode.DUMP_CONSISTENCY, "consistency lock on " + where
                                + " needs the LOCK TABLES privilege on the dumped tables: grant it, or set consistency"
                                + " to flush (needs RELOAD), auto or none", e);
                    }
                    throw e;
                }
            }
            for (Connection w : workers) {
                run(w, DumpStatements.START_SNAPSHOT);
            }
            // Other tables may still be written: the GTID set must come from the same position.
            return new Result(masterStatus(c, false), Consistency.LOCK, c);
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** TiDB: every worker reads at the TSO that SHOW MASTER STATUS reports. */
    private Result tidbSnapshot() throws SQLException {
        BinlogLocation at = masterStatus(workers.get(0), false);
        for (Connection w : workers) {
            run(w, DumpStatements.tidbSnapshot(at.position()));
        }
        return new Result(at, Consistency.SNAPSHOT, null);
    }

    /**
     * No lock. MariaDB: the earliest of the snapshots' own positions, so that replaying the binlog
     * from it misses nothing any worker lacks. Others: the position read before the snapshots start.
     */
    private BinlogLocation none() throws SQLException {
        if (flavor == ServerFlavor.MARIADB) {
            List<Pos> at = new ArrayList<>();
            for (Connection w : workers) {
                run(w, DumpStatements.START_SNAPSHOT);
                at.add(snapshotPosition(w));
            }
            Pos first = at.stream().min(Pos.ORDER).orElseThrow();
            return new BinlogLocation(first.file(), first.offset(), gtidAt(workers.get(0), first));
        }
        BinlogLocation before = masterStatus(workers.get(0), false);
        for (Connection w : workers) {
            run(w, DumpStatements.START_SNAPSHOT);
        }
        return before;
    }

    private static Pos snapshotPosition(Connection c) throws SQLException {
        String file = "";
        long offset = 0;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(DumpStatements.SNAPSHOT_POSITION)) {
            while (rs.next()) {
                String name = rs.getString(1);
                if (name.equalsIgnoreCase("Binlog_snapshot_file")) {
                    file = rs.getString(2) == null ? "" : rs.getString(2);
                } else if (name.equalsIgnoreCase("Binlog_snapshot_position")) {
                    offset = Long.parseLong(rs.getString(2));
                }
            }
        }
        return new Pos(file, offset);
    }

    private static String gtidAt(Connection c, Pos p) throws SQLException {
        if (p.file().isEmpty()) {
            return "";
        }
        try (PreparedStatement ps = c.prepareStatement(DumpStatements.GTID_AT_POSITION)) {
            ps.setString(1, p.file());
            ps.setLong(2, p.offset());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getString(1) != null ? rs.getString(1) : "";
            }
        }
    }

    /**
     * SHOW MASTER STATUS (SHOW BINARY LOG STATUS on MySQL 8.4+): file, position and, on MySQL,
     * the executed GTID set. MariaDB's GTID position comes from @@gtid_binlog_pos when commits are
     * blocked ({@code globalLock}), else from BINLOG_GTID_POS at exactly the file and position read.
     */
    private BinlogLocation masterStatus(Connection c, boolean globalLock) throws SQLException {
        String file = "";
        long offset = 0;
        String gtid = "";
        try (Statement s = c.createStatement(); ResultSet rs = executeStatus(s)) {
            if (rs.next()) {
                file = rs.getString(1);
                offset = rs.getLong(2);
                if (flavor != ServerFlavor.MARIADB && rs.getMetaData().getColumnCount() >= 5) {
                    gtid = rs.getString(5) == null ? "" : rs.getString(5).replace("\n", "");
                }
            }
        }
        if (flavor == ServerFlavor.MARIADB && !file.isEmpty()) {
            if (globalLock) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(DumpStatements.MARIADB_GTID)) {
                    gtid = rs.next() && rs.getString(1) != null ? rs.getString(1) : "";
                }
            } else {
                gtid = gtidAt(c, new Pos(file, offset));
            }
        }
        return new BinlogLocation(file, offset, gtid);
    }

    private static ResultSet executeStatus(Statement s) throws SQLException {
        try {
            return s.executeQuery(DumpStatements.MASTER_STATUS);
        } catch (SQLException e) {
            if (e.getErrorCode() != 1064) { // ER_PARSE_ERROR: a server that only knows the new name
                throw e;
            }
            return s.executeQuery(DumpStatements.BINARY_LOG_STATUS);
        }
    }

    private static void run(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
