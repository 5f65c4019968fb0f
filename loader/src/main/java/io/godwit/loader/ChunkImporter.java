package io.godwit.loader;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.error.RetryKind;
import io.godwit.core.model.ChunkSpec;
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
 *   <li>stream the rows into multi-row statements of bounded size and execute them;</li>
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
     * Loads {@code chunk} of source {@code sourceId} into {@code targetTable}, unless its checkpoint
     * says it is loaded already.
     *
     * @param targetColumns the data columns of the rows followed by the extract columns
     * @param extraLiterals SQL literals of the extract columns appended to every row
     *                      ({@code 'orders_01','s1'}), empty if there are none
     */
    public ChunkLoadResult importChunk(TableId targetTable, List<String> targetColumns, String extraLiterals,
                                       ChunkSpec chunk, String sourceId, RowSource rows) {
        long started = System.nanoTime();
        long backoff = options.firstBackoff().toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                ChunkLoadResult r = attempt(targetTable, targetColumns, extraLiterals, chunk, sourceId, rows, attempt, started);
                if (!r.skipped()) {
                    progress.add(chunk.table(), r.rows(), r.bytes());
                }
                return r;
            } catch (Retry retry) {
                GodwitException cause = retry.failure;
                if (attempt >= options.maxAttempts()) {
                    throw new GodwitException(cause.code(), cause.getMessage() + " (gave up after " + attempt + " attempts)",
                            cause.getCause());
                }
                LOG.warn("chunk {} into {}: attempt {} failed, retrying in {} ms: {}", chunk.name(), targetTable.quoted(),
                        attempt, backoff, cause.getMessage());
                sleep(backoff);
                backoff = Math.min(backoff * 2, options.maxBackoff().toMillis());
            }
        }
    }

    private ChunkLoadResult attempt(TableId targetTable, List<String> columns, String extra, ChunkSpec chunk,
                                    String sourceId, RowSource rows, int attempt, long started) throws Retry {
        String where = "chunk " + chunk.name() + " into " + targetTable.quoted();
        Connection c;
        try {
            c = target.getConnection();
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
                InsertBatcher batch = new InsertBatcher(
                        LoaderStatements.insertPrefix(options.onDuplicate(), targetTable, columns),
                        LoaderStatements.insertSuffix(options.onDuplicate(), columns), extra, statementLimit(c));
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
                if (!checkpoints.finish(c, state, sourceId, chunk, targetTable, batch.rows(), batch.rowBytes())) {
                    c.rollback(); // a concurrent import of the same chunk committed first
                    return new ChunkLoadResult(chunk, true, 0, 0, attempt, elapsed(started));
                }
                c.commit();
                return new ChunkLoadResult(chunk, false, batch.rows(), batch.rowBytes(), attempt, elapsed(started));
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
