package io.godwit.worker.sync;

import io.godwit.core.db.Endpoint;
import io.godwit.core.db.SqlErrorClassifier;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.BinlogLocation;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a DDL batch: (a) records it as pending with its target statements, committed; (b) executes the
 * statements; (c) in one transaction moves every slot past it, marks it done with the schema tracker's
 * state and writes DM's global checkpoint. A DDL is not transactional on MySQL-family targets, so a crash
 * between (b) and (c) is healed by running it again: errors that mean "already done" are then accepted
 * ({@link SqlErrorClassifier#isDdlAlreadyApplied}), every other error stops the sync with the statement.
 */
final class DdlApplier {
    private static final Logger LOG = LoggerFactory.getLogger(DdlApplier.class);

    private final DataSource pool;
    private final SyncCheckpoints checkpoints;
    private final int workerCount;
    private final Backoff backoff;
    private final DdlOverrides overrides;

    DdlApplier(DataSource pool, SyncCheckpoints checkpoints, int workerCount, Backoff backoff, DdlOverrides overrides) {
        this.overrides = overrides;
        this.pool = pool;
        this.checkpoints = checkpoints;
        this.workerCount = workerCount;
        this.backoff = backoff;
    }

    /**
     * Applies a DDL batch from its beginning.
     *
     * @param h         the DDL batch: from the boundary before the DDL to {@code DdlEvent.next()}
     * @param at        where the DDL event starts, for errors
     * @param tableInfo the schema tracker's state after this DDL
     * @param mayHaveRun whether the statements may have run before (a shard-DDL decision given again after a
     *                   restart): errors meaning "already done" then count as done
     */
    void apply(BatchHeader h, BinlogLocation at, List<String> rewritten, String tableInfo, boolean mayHaveRun) {
        Optional<List<String>> instead = overrides.take(h.start());
        instead.ifPresent(o -> LOG.info("DDL of batch {} at {}: the operator's {} instead of {}", h.seq(), h.start(),
                o.isEmpty() ? "skip" : "replacement " + o, rewritten));
        List<String> statements = instead.orElse(rewritten);
        if (!statements.isEmpty()) {
            inTransaction(h, c -> checkpoints.recordPendingDdl(c, h, at, statements, tableInfo));
        }
        finish(h, at, statements, 0, instead.isEmpty() && mayHaveRun, false, tableInfo);
    }

    /** Finishes a DDL batch recorded as pending before a stop, from its first statement not known to have run. */
    void resume(BatchHeader h, Resume.PendingDdl pending, String tableInfo) {
        Optional<List<String>> instead = overrides.take(h.start());
        if (instead.isPresent()) {
            // The statements left were refused or not run yet: the operator's list replaces them from the start.
            LOG.info("pending DDL of batch {} at {}: the operator's {} instead of {}", h.seq(), h.start(),
                    instead.get().isEmpty() ? "skip" : "replacement " + instead.get(), pending.statements());
            List<String> replacement = instead.get();
            inTransaction(h, c -> checkpoints.recordPendingDdl(c, h, pending.at(), replacement, tableInfo));
            finish(h, pending.at(), replacement, 0, false, false, tableInfo);
            return;
        }
        finish(h, pending.at(), pending.statements(), pending.done(), false, pending.uncertain(), tableInfo);
    }

    /**
     * @param allUncertain   whether any statement may have run before
     * @param firstUncertain whether the first statement not known to have run may have (a stop during it)
     */
    private void finish(BatchHeader h, BinlogLocation at, List<String> statements, int done, boolean allUncertain,
                        boolean firstUncertain, String tableInfo) {
        for (int i = done; i < statements.size(); i++) {
            execute(h, i, statements.get(i), allUncertain || firstUncertain && i == done);
            int ran = i + 1;
            inTransaction(h, c -> checkpoints.ddlProgress(c, h, ran, false));
        }
        inTransaction(h, c -> checkpoints.completeDdl(c, h, at, statements, workerCount, tableInfo));
    }

    /** @param uncertain whether an earlier try may have run the statement (a stop or a lost connection) */
    private void execute(BatchHeader h, int index, String sql, boolean uncertain) {
        for (int failures = 0; ; failures++) {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute(sql);
                return;
            } catch (SQLException e) {
                if ((uncertain || failures > 0) && SqlErrorClassifier.isDdlAlreadyApplied(e)) {
                    LOG.info("DDL of batch {} had already taken effect before (error {}): {}", h.seq(),
                            e.getErrorCode(), sql);
                    return;
                }
                if (SqlErrorClassifier.isTransient(e, Endpoint.TARGET) && backoff.allowsRetry(failures + 1)) {
                    backoff.pause(failures + 1);
                    continue;
                }
                ErrorCode code = SqlErrorClassifier.classify(e, Endpoint.TARGET);
                if (code == ErrorCode.TARGET_WRITE_FAILED || code == ErrorCode.LOAD_DUPLICATE) {
                    code = ErrorCode.SYNC_DDL_FAILED;
                }
                if (code.retryKind() != io.godwit.core.error.RetryKind.RETRYABLE) {
                    // Refused, so not applied: a resume must run it as new, not excuse its error as "already done".
                    inTransaction(h, c -> checkpoints.ddlProgress(c, h, index, true));
                }
                throw new SyncApplyException(code, "target rejected the DDL of batch " + h.seq() + " (SQLSTATE "
                        + e.getSQLState() + ", error " + e.getErrorCode() + ": " + SlotApplier.firstLine(e.getMessage())
                        + ")", h.start(), sql, e);
            }
        }
    }

    private interface Work {
        void run(Connection c) throws SQLException;
    }

    private void inTransaction(BatchHeader h, Work work) {
        for (int failures = 0; ; failures++) {
            try (Connection c = pool.getConnection()) {
                c.setAutoCommit(false);
                try {
                    work.run(c);
                    c.commit();
                    return;
                } catch (SQLException e) {
                    SQLException seen = SqlErrorClassifier.onConnection(e, c);
                    SlotApplier.rollbackQuietly(c);
                    throw seen;
                } catch (RuntimeException e) {
                    SlotApplier.rollbackQuietly(c);
                    throw e;
                }
            } catch (SQLException e) {
                if (SqlErrorClassifier.isTransient(e, Endpoint.TARGET) && backoff.allowsRetry(failures + 1)) {
                    backoff.pause(failures + 1);
                    continue;
                }
                GodwitException g = SqlErrorClassifier.wrap(e, Endpoint.TARGET, "DDL checkpoint of batch " + h.seq());
                throw g.code() == ErrorCode.TARGET_WRITE_FAILED ? new GodwitException(ErrorCode.META_FAILED, g.getMessage(), e) : g;
            }
        }
    }
}
