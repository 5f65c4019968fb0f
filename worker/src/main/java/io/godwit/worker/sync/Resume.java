package io.godwit.worker.sync;

import io.godwit.core.model.BinlogLocation;
import java.util.List;
import java.util.Set;

/**
 * Where a restarted sync goes on, as the slot checkpoints in the target say.
 *
 * @param lastSeq     the last batch every slot committed (0: none yet)
 * @param readFrom    where to open the binlog: the end of batch {@code lastSeq}, or the start of a
 *                    half-applied batch, or the end of a pending DDL
 * @param partial     a batch some slots committed and others did not, else null
 * @param pendingDdl  a DDL recorded as pending whose completion was not committed, else null
 * @param tableInfo   the schema tracker's state as of {@code readFrom}, as last checkpointed ("" if none)
 * @param fromScratch true when no slot checkpoint existed: the target may already hold changes after
 *                    {@code readFrom} (a load, or a DM checkpoint that lags), which is what safe mode is for
 */
record Resume(long lastSeq, BinlogLocation readFrom, Partial partial, PendingDdl pendingDdl, String tableInfo,
              boolean fromScratch) {

    /**
     * Batch {@code header.seq()} committed by some slots: the others still apply their shares, built the same
     * way (same digest, same safe mode) as when the batch was first applied.
     */
    record Partial(BatchHeader header, long digest, boolean safeMode, int workerCount, Set<Integer> slotsToApply) {
        Partial {
            slotsToApply = Set.copyOf(slotsToApply);
        }
    }

    /**
     * A DDL batch recorded before its statements ran: from {@code start} (a boundary) to {@code next}.
     *
     * @param done      statements known to have run
     * @param uncertain the process stopped while statement {@code done} ran (it may have taken effect); false
     *                  when the target refused it (it did not)
     */
    record PendingDdl(long seq, BinlogLocation start, BinlogLocation at, BinlogLocation next, List<String> statements,
                      int done, boolean uncertain) {
        PendingDdl {
            statements = List.copyOf(statements);
        }
    }
}
