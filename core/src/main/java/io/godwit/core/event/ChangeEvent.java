package io.godwit.core.event;

import io.godwit.core.model.BinlogLocation;

/**
 * One change read from a source's binlog, in Godwit's own terms: no type of the binlog library
 * appears here. Events arrive in binlog order; row events between two {@link TxCommit}s belong
 * to one source transaction, and a {@link DdlEvent} is a transaction of its own.
 *
 * <p>{@link #at()} is where the event starts in the binlog (for errors and status). Resuming is
 * only allowed from {@link TxCommit#next()} or {@link DdlEvent#next()}: a transaction boundary.
 */
public sealed interface ChangeEvent permits RowsInserted, RowsUpdated, RowsDeleted, DdlEvent, TxCommit, Heartbeat {
    /** Where this event starts: file and offset, gtid set of the transactions committed before it. */
    BinlogLocation at();

    /** The source server's timestamp of the event, epoch milliseconds (0 when unknown). */
    long sourceTimeMillis();
}
