package io.godwit.worker.sync;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.model.BinlogLocation;

/**
 * A snapshot of one source's sync for status ({@code query-status}): immutable, cheap to take.
 *
 * @param appliedLocation      end of the last batch every slot committed: everything before it is in the target
 * @param appliedBatch         that batch's sequence number
 * @param rowsApplied          row changes written to the target since this process started the sync
 * @param rowsFiltered         row changes dropped by the block-allow-list, the binlog event filter or the expression filter
 * @param rowsNotFound         UPDATE/DELETE rows the target did not have (a diverged target; 0 normally)
 * @param rowsPerSecond        recent apply rate
 * @param lastSourceEventMillis source timestamp of the newest applied event (or heartbeat while idle), 0 if none
 * @param safeMode             whether changes are currently written in safe mode
 * @param lastError            the error that stopped the sync, null while it runs
 */
public record SyncStatus(BinlogLocation appliedLocation, long appliedBatch, long rowsApplied, long rowsFiltered,
                         long rowsNotFound, double rowsPerSecond, long lastSourceEventMillis, boolean safeMode,
                         Failure lastError) {

    /**
     * Why the sync stopped: the error code, its one-line message, the start of the source transaction (or
     * DDL) that failed, and the statement with its values (elided when long); position and statement are
     * null for errors outside applying.
     */
    public record Failure(ErrorCode code, String message, BinlogLocation position, String statement) {}

    /** Seconds the target is behind the source, as DM computes it; -1 when no event was seen yet. */
    public long secondsBehind(long nowMillis) {
        return lastSourceEventMillis <= 0 ? -1 : Math.max(0, (nowMillis - lastSourceEventMillis) / 1000);
    }
}
