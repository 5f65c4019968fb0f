package io.godwit.worker.sync;

import io.godwit.core.db.Endpoint;
import io.godwit.core.db.SqlErrorClassifier;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies slot shares to the target, each in one transaction that begins by moving the slot's checkpoint
 * row to the batch ({@link SyncCheckpoints#claimSlot}) and ends with the {@link SlotCommitter}.
 *
 * <p>Transient errors (deadlock, lock wait timeout, lost connection: {@link SqlErrorClassifier}) roll the
 * transaction back and run it again with {@link Backoff}; this is idempotent because nothing of it
 * survives a rollback, and a commit whose reply was lost is recognised by the claim ("already committed").
 * Any other error stops with a {@link SyncApplyException}.
 */
final class SlotApplier {
    private static final Logger LOG = LoggerFactory.getLogger(SlotApplier.class);

    private final DataSource pool;
    private final SyncCheckpoints checkpoints;
    private final SlotCommitter committer;
    private final StatementPlanner planner;
    private final SyncCounters counters;
    private final Backoff backoff;

    SlotApplier(DataSource pool, SyncCheckpoints checkpoints, SlotCommitter committer, StatementPlanner planner,
                SyncCounters counters, Backoff backoff) {
        this.pool = pool;
        this.checkpoints = checkpoints;
        this.committer = committer;
        this.planner = planner;
        this.counters = counters;
        this.backoff = backoff;
    }

    /** Applies one slot's share of batch {@code h} (possibly empty) in one target transaction. */
    void applyShare(int slot, BatchHeader h, long digest, List<RowChange> share, boolean safeMode) {
        List<BoundStatement> statements = planner.plan(share, safeMode);
        for (int failures = 0; ; failures++) {
            try (Connection c = pool.getConnection()) {
                c.setAutoCommit(false);
                try {
                    if (checkpoints.claimSlot(c, slot, h, digest, share.size(), safeMode) == SyncCheckpoints.Claim.ALREADY_COMMITTED) {
                        c.rollback();
                        LOG.info("slot {} had already committed batch {}; not applied again", slot, h.seq());
                        return;
                    }
                    long notFound = execute(c, statements);
                    committer.commit(slot, h.seq(), c);
                    counters.applied(share.size());
                    counters.notFound(notFound);
                    return;
                } catch (SQLException e) {
                    SQLException seen = SqlErrorClassifier.onConnection(e, c);
                    rollbackQuietly(c);
                    throw seen;
                } catch (FailedStatement e) {
                    SQLException seen = SqlErrorClassifier.onConnection(e.sqlException, c);
                    rollbackQuietly(c);
                    throw seen == e.sqlException ? e : new FailedStatement(e.statement, seen);
                } catch (RuntimeException e) {
                    rollbackQuietly(c);
                    throw e;
                }
            } catch (FailedStatement f) {
                if (!retry(f.sqlException, failures, slot, h)) {
                    throw failure(f.sqlException, f.statement);
                }
            } catch (SQLException e) {
                if (!retry(e, failures, slot, h)) {
                    throw SqlErrorClassifier.wrap(e, Endpoint.TARGET, "slot " + slot + " checkpoint of batch " + h.seq());
                }
            }
        }
    }

    private boolean retry(SQLException e, int failures, int slot, BatchHeader h) {
        if (!SqlErrorClassifier.isTransient(e, Endpoint.TARGET) || !backoff.allowsRetry(failures + 1)) {
            return false;
        }
        LOG.warn("slot {} batch {}: transient target error (SQLSTATE {}, error {}), retry {} of {}", slot, h.seq(),
                e.getSQLState(), e.getErrorCode(), failures + 1, backoff.attempts() - 1);
        backoff.pause(failures + 1);
        return true;
    }

    /**
     * Begins a share whose changes arrive while it runs (one source transaction too large to hold): claims
     * the slot with the batch's start as a provisional end; {@link StreamedShare#finish} sets the real one.
     * Errors, transient ones included, end the stream: its changes are gone and only a re-read can retry.
     */
    StreamedShare openStream(int slot, BatchHeader provisional, boolean safeMode) {
        try {
            Connection c = pool.getConnection();
            try {
                c.setAutoCommit(false);
                checkpoints.claimSlot(c, slot, provisional, 0, 0, safeMode);
                return new StreamedShare(c, slot, provisional, safeMode);
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                c.close();
                throw e;
            }
        } catch (SQLException e) {
            throw SqlErrorClassifier.wrap(e, Endpoint.TARGET, "slot " + slot + " checkpoint of batch " + provisional.seq());
        }
    }

    /** A slot transaction that stays open across one large source transaction. */
    final class StreamedShare implements AutoCloseable {
        private final Connection connection;
        private final int slot;
        private final BatchHeader provisional;
        private final boolean safeMode;
        private long rows;
        private long notFound;
        private boolean committed;

        private StreamedShare(Connection connection, int slot, BatchHeader provisional, boolean safeMode) {
            this.connection = connection;
            this.slot = slot;
            this.provisional = provisional;
            this.safeMode = safeMode;
        }

        void add(List<RowChange> changes) {
            rows += changes.size();
            try {
                notFound += execute(connection, planner.plan(changes, safeMode));
            } catch (FailedStatement f) {
                throw failure(f.sqlException, f.statement);
            }
        }

        /** Sets the batch's real end and digest and commits the slot transaction. */
        void finish(BatchHeader h, long digest) {
            try {
                checkpoints.finishStreamedSlot(connection, slot, h, digest, rows);
                committer.commit(slot, h.seq(), connection);
                committed = true;
                counters.applied(rows);
                counters.notFound(notFound);
            } catch (SQLException e) {
                throw SqlErrorClassifier.wrap(e, Endpoint.TARGET, "slot " + slot + " commit of batch " + h.seq());
            }
        }

        @Override public void close() {
            if (!committed) {
                rollbackQuietly(connection);
            }
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("closing slot {} connection of batch {}", slot, provisional.seq(), e);
            }
        }
    }

    /** Runs the statements; returns how many rows UPDATE/DELETE did not find. */
    private long execute(Connection c, List<BoundStatement> statements) throws FailedStatement {
        long notFound = 0;
        for (BoundStatement s : statements) {
            try (PreparedStatement ps = c.prepareStatement(s.sql())) {
                List<Object> params = s.params();
                for (int i = 0; i < params.size(); i++) {
                    RowBinder.bind(ps, i + 1, params.get(i));
                }
                int affected = ps.executeUpdate();
                if (s.expectedMatches() > affected) {
                    notFound += s.expectedMatches() - affected;
                    LOG.debug("{} matched {} of {} rows", s.first(), affected, s.expectedMatches());
                }
            } catch (SQLException e) {
                throw new FailedStatement(s, e);
            }
        }
        return notFound;
    }

    private static SyncApplyException failure(SQLException e, BoundStatement s) {
        ErrorCode code = SqlErrorClassifier.classify(e, Endpoint.TARGET);
        if (code == ErrorCode.TARGET_WRITE_FAILED || code == ErrorCode.LOAD_DUPLICATE) {
            code = ErrorCode.SYNC_FAILED;
        }
        String what = "target rejected " + s.first().kind() + " of " + s.first().table() + " (SQLSTATE "
                + e.getSQLState() + ", error " + e.getErrorCode() + ": " + firstLine(e.getMessage()) + ")";
        return new SyncApplyException(code, what, s.first().txStart(), s.describe(), e);
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    static void rollbackQuietly(Connection c) {
        try {
            if (!c.isClosed()) {
                c.rollback();
            }
        } catch (SQLException e) {
            LOG.debug("rollback failed (the connection is gone; the server rolls back)", e);
        }
    }

    /** A statement and the error the target gave it. */
    private static final class FailedStatement extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient BoundStatement statement;
        private final SQLException sqlException;

        FailedStatement(BoundStatement statement, SQLException e) {
            super(e);
            this.statement = statement;
            this.sqlException = e;
        }
    }
}
