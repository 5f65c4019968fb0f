package io.godwit.worker.sync;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.model.BinlogLocation;
import java.util.List;

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
 * @param shardWait            the shard-DDL change the sync waits for before its next DDL or rows, null when none
 */
public record SyncStatus(BinlogLocation appliedLocation, long appliedBatch, long rowsApplied, long rowsFiltered,
                         long rowsNotFound, double rowsPerSecond, long lastSourceEventMillis, boolean safeMode,
                         Failure lastError, ShardWait shardWait) {

    /**
     * A sync held by its shard group (DM's unresolved DDL lock): another shard's change must run on the merged table
     * first.
     *
     * @param lockId     the group, as DM names its locks: {@code task-`db`.`tbl`}
     * @param version    the group's version the sync waits for
     * @param statements the pending statements up to that version, in order
     * @param owners     the shards that run them ({@code source/db.tbl})
     */
    public record ShardWait(String lockId, long version, List<String> statements, List<String> owners) {
        public ShardWait {
            statements = List.copyOf(statements);
            owners = List.copyOf(owners);
        }
    }

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
