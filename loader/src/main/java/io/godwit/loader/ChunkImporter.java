package io.godwit.loader;

import io.godwit.core.db.ServerFlavor;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.error.RetryKind;
import io.godwit.core.config.LoaderConfig.OnDuplicate;
import io.godwit.core.model.ChunkSpec;
import io.godwit.core.model.RowNotDelimitableException;
import io.godwit.core.model.TableId;
import io.godwit.loader.LoadCheckpoints.ChunkState;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports one chunk into the target, exactly once.
 *
 * <p>Assumptions: the target is transactional (InnoDB, TiDB) and the chunk fits one target
 * transaction (TiDB limits a transaction's size, so the dump's chunk size must respect it).
 * Steps, all in ONE target transaction:
 * <ol>
 *   <li>read the chunk's checkpoint row (locking it when it exists): finished means skip, a row of
 *       another plan means META_MISMATCH;</li>
 *   <li>stream the rows into the table: as one {@code LOAD DATA LOCAL} statement when the target
 *       accepts it and the rows have a text form ({@link DelimitedRowSource}), which costs the
 *       target less parsing, else as multi-row statements of bounded size;</li>
 *   <li>mark the checkpoint finished (or insert it finished when no plan was stored);</li>
 *   <li>commit.</li>
 * </ol>
 * A crash or kill at any point leaves either all of it or none of it, so a rerun loads exactly the
 * unfinished chunks, keyless tables and merged shards included. A transient target error (deadlock,
 * lock wait, lost connection) rolls back and retries the whole chunk with exponential backoff; a
 * lost commit whose outcome is unknown is safe too, since the retry then finds the checkpoint. A
 * retryable error thrown by the row source (e.g. its source connection was lost) is retried alike.
 */
public final class ChunkImporter {
    private static final Logger LOG = LoggerFactory.getLogger(ChunkImporter.class);
    /** Room left in max_allowed_packet for the protocol header and the statement's tail. */
    private static final long PACKET_RESERVE = 1024;

    private final DataSource target;
    private final LoadCheckpoints checkpoints;
    private final ImportOptions options;
    private final LoadProgress progress;
    private volatile long statementLimit;

    public ChunkImporter(DataSource target, LoadCheckpoints checkpoints, ImportOptions options, LoadProgress progress) {
        this.target = target;
        this.checkpoints = checkpoints;
        this.options = options;
        this.progress = progress;
    }

    /**
     * Loads {@code chunk} of source {@code sourceId} into {@code target}, unless its checkpoint says
     * it is loaded already.
     */
    public ChunkLoadResult importChunk(ChunkTarget target, ChunkSpec chunk, String sourceId, RowSource rows) {
        long started = System.nanoTime();
        long backoff = options.firstBackoff().toMillis();
        boolean delimited = loadsDelimited(rows);
        for (int attempt = 1; ; attempt++) {
            try {
                ChunkLoadResult r = attempt(target, chunk, sourceId, rows, delimited, attempt, started);
                if (!r.skipped()) {
                    progress.add(chunk.table(), r.rows(), r.bytes());
                }
                return r;
            } catch (RowNotDelimitableException e) {
                LOG.info("chunk {} into {}: {}; loading it again as INSERT statements", chunk.name(),
                        target.table().quoted(), e.getMessage());
                delimited = false;
                attempt--; // not a failure of the target: the same attempt, the other way
            } catch (Retry retry) {
                GodwitException cause = retry.failure;
                if (attempt >= options.maxAttempts()) {
                    throw new GodwitException(cause.code(), cause.getMessage() + " (gave up after " + attempt + " attempts)",
                            cause.getCause());
                }
                LOG.warn("chunk {} into {}: attempt {} failed, retrying in {} ms: {}", chunk.name(), target.table().quoted(),
                        attempt, backoff, cause.getMessage());
                sleep(backoff);
                backoff = Math.min(backoff * 2, options.maxBackoff().toMillis());
            }
        }
    }

    /**
     * Whether chunks may go as {@code LOAD DATA LOCAL} into this target: MariaDB and MySQL with
     * {@code local_infile} on. Not TiDB: before v7.0 it commits LOAD DATA every 20,000 rows,
     * which would split a chunk from its checkpoint, so INSERT statements stay its path.
     */
    public static boolean localInfileUsable(DataSource target, TargetDialect dialect) {
        if (dialect.flavor() == ServerFlavor.TIDB) {
            return false;
        }
        try (Connection c = target.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(LoaderStatements.LOCAL_INFILE)) {
            return rs.next() && rs.getLong(1) == 1;
        } catch (SQLException e) {
            LOG.debug("cannot read @@local_infile, loading with INSERT statements: {}", e.getMessage());
            return false;
        }
    }

    private boolean loadsDelimited(RowSource rows) {
        return options.localInfile() && options.onDuplicate() != OnDuplicate.IGNORE
                && rows instanceof DelimitedRowSource d && !d.delimitedColumns().isEmpty();
    }

    private ChunkLoadResult attempt(ChunkTarget target, ChunkSpec chunk, String sourceId, RowSource rows,
                                    boolean delimited, int attempt, long started) throws Retry {
        TableId targetTable = target.table();
        String where = "chunk " + chunk.name() + " into " + targetTable.quoted();
        Connection c;
        try {
            c = this.target.getConnection();
        } catch (SQLException e) {
            throw failure(TargetErrors.wrap(e, ErrorCode.LOAD_FAILED, where));
        }
        try (c) {
            c.setAutoCommit(false);
            try {
                ChunkState state = checkpoints.begin(c, sourceId, chunk, targetTable);
                if (state == ChunkState.FINISHED) {
                    c.rollback();
                    return new ChunkLoadResult(chunk, true, 0, 0, attempt, elapsed(started));
                }
                long[] loaded = delimited ? loadDelimited(c, target, chunk, (DelimitedRowSource) rows, where)
                        : insert(c, target, rows);
                if (!checkpoints.finish(c, state, sourceId, chunk, targetTable, loaded[0], loaded[1])) {
                    c.rollback(); // a concurrent import of the same chunk committed first
                    return new ChunkLoadResult(chunk, true, 0, 0, attempt, elapsed(started));
                }
                c.commit();
                return new ChunkLoadResult(chunk, false, loaded[0], loaded[1], attempt, elapsed(started));
            } catch (RowNotDelimitableException e) {
                rollbackQuietly(c);
                throw e;
            } catch (Exception e) {
                rollbackQuietly(c);
                throw translate(e, where);
            } finally {
                restoreAutoCommit(c);
            }
        } catch (SQLException e) { // from close
            throw failure(TargetErrors.wrap(e, ErrorCode.LOAD_FAILED, where));
        }
    }

    /** The rows as multi-row statements; returns {rows, row bytes}. */
    private long[] insert(Connection c, ChunkTarget target, RowSource rows) throws Exception {
        List<String> columns = target.columns();
        InsertBatcher batch = new InsertBatcher(
                LoaderStatements.insertPrefix(options.onDuplicate(), target.table(), columns),
                LoaderStatements.insertSuffix(options.onDuplicate(), columns), target.extraLiterals(), statementLimit(c));
        try (Statement st = c.createStatement()) {
            // The statements are plain SQL: the driver must not scan megabytes of literals for {fn ...} escapes.
            st.setEscapeProcessing(false);
            rows.forEachBytes((buf, off, len) -> {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("chunk import cancelled");
                }
                execute(st, batch.add(buf, off, len));
            });
            execute(st, batch.finish());
        }
        return new long[] {batch.rows(), batch.rowBytes()};
    }

    /** The rows as one LOAD DATA LOCAL statement; returns {rows, row bytes}. A warning fails the chunk. */
    private long[] loadDelimited(Connection c, ChunkTarget target, ChunkSpec chunk, DelimitedRowSource rows,
                                 String where) throws Exception {
        String sql = LoaderStatements.loadData(options.onDuplicate(), target, rows.delimitedColumns());
        LocalInfileLoad.Outcome o;
        try (Statement st = c.createStatement()) {
            st.setEscapeProcessing(false);
            try {
                o = LocalInfileLoad.run(st, sql, chunk, rows);
            } catch (SQLException e) {
                throw new StatementFailed(e, sql);
            }
        }
        if (!o.clean()) {
            ErrorCode code = o.duplicateKey() ? ErrorCode.LOAD_DUPLICATE : ErrorCode.LOAD_FAILED;
            throw new GodwitException(code, where + ": the target reported " + o.describe()
                    + "; nothing of the chunk was kept; statement: " + TargetErrors.head(sql));
        }
        return new long[] {o.rows(), o.bytes()};
    }

    private static void execute(Statement st, String sql) throws StatementFailed {
        if (sql == null) {
            return;
        }
        try {
            st.execute(sql);
        } catch (SQLException e) {
            throw new StatementFailed(e, sql);
        }
    }

    /** A GodwitException to throw, or a {@link Retry} for a transient failure. */
    private static RuntimeException translate(Exception e, String where) {
        if (e instanceof StatementFailed f) {
            SQLException sql = f.sqlCause;
            if (TargetErrors.isDuplicateKey(sql)) {
                return new GodwitException(ErrorCode.LOAD_DUPLICATE, "duplicate key loading " + where + ": "
                        + sql.getMessage() + "; statement: " + TargetErrors.head(f.sql), sql);
            }
            return failure(TargetErrors.wrap(sql, ErrorCode.LOAD_FAILED, where + ", statement [" + TargetErrors.head(f.sql) + "]"));
        }
        if (e instanceof SQLException sql) {
            return failure(TargetErrors.wrap(sql, ErrorCode.LOAD_FAILED, where));
        }
        if (e instanceof GodwitException g) {
            return failure(g);
        }
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new GodwitException(ErrorCode.INTERRUPTED, where + ": cancelled");
        }
        return new GodwitException(ErrorCode.LOAD_FAILED, where + ": reading the rows failed: " + e, e);
    }

    private static RuntimeException failure(GodwitException g) {
        return g.code().retryKind() == RetryKind.RETRYABLE ? new Retry(g) : g;
    }

    private long statementLimit(Connection c) throws SQLException {
        long limit = statementLimit;
        if (limit == 0) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(LoaderStatements.MAX_ALLOWED_PACKET)) {
                rs.next();
                limit = Math.max(1024, Math.min(options.maxStatementBytes(), rs.getLong(1) - PACKET_RESERVE));
            }
            statementLimit = limit;
        }
        return limit;
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.debug("rollback failed (connection lost?): {}", e.getMessage());
        }
    }

    /** A pool may hand the connection out again; a broken one is discarded by the pool anyway. */
    static void restoreAutoCommit(Connection c) {
        try {
            c.setAutoCommit(true);
        } catch (SQLException e) {
            LOG.debug("cannot restore autocommit: {}", e.getMessage());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GodwitException(ErrorCode.INTERRUPTED, "chunk import cancelled during retry backoff");
        }
    }

    private static Duration elapsed(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /**
     * A statement that failed, with its text for the error message. Unchecked on purpose: it is
     * thrown inside the row source's sink, and the snapshot dumper passes unchecked sink exceptions
     * through unchanged but wraps checked ones in DUMP_FAILED, which would hide the target error
     * (duplicate key, deadlock) from {@link #translate} and its retry.
     */
    private static final class StatementFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient SQLException sqlCause;
        private final String sql;

        StatementFailed(SQLException cause, String sql) {
            super(cause.getMessage(), cause, false, false);
            this.sqlCause = cause;
            this.sql = sql;
        }
    }

    /** A transient failure: the transaction is rolled back and the whole chunk may be tried again. */
    private static final class Retry extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient GodwitException failure;

        Retry(GodwitException failure) {
            super(failure.getMessage(), failure, false, false);
            this.failure = failure;
        }
    }
}
