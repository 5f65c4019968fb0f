package io.godwit.binlog.stream;

import io.godwit.core.model.BinlogLocation;

/**
 * One event as {@link PositionTracker} placed it.
 *
 * @param at          where it starts, with the GTID set committed before it
 * @param next        for COMMIT and STATEMENT: where to resume after it (null otherwise)
 * @param groupMember part of a transaction's event group (GTID .. XID): the events a reconnect re-reads
 * @param problem     for UNSUPPORTED: why
 */
record TrackedEvent(EventKind kind, BinlogLocation at, BinlogLocation next, boolean groupMember, String problem) {}
