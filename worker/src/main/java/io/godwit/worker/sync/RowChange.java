package io.godwit.worker.sync;

import io.godwit.core.model.BinlogLocation;

/**
 * One row change on its way to the target: full before and/or after image (row value contract of
 * {@code io.godwit.core.event}), the routed table, and where it came from: the start of its source
 * transaction (where the sync can resume or skip) and the row event's own position.
 *
 * @param before null for an insert
 * @param after  null for a delete
 */
record RowChange(Kind kind, RoutedTable table, Object[] before, Object[] after, BinlogLocation txStart,
                 BinlogLocation at) {

    enum Kind { INSERT, UPDATE, DELETE }

    static RowChange insert(RoutedTable t, Object[] after, BinlogLocation txStart, BinlogLocation at) {
        return new RowChange(Kind.INSERT, t, null, after, txStart, at);
    }

    static RowChange update(RoutedTable t, Object[] before, Object[] after, BinlogLocation txStart, BinlogLocation at) {
        return new RowChange(Kind.UPDATE, t, before, after, txStart, at);
    }

    static RowChange delete(RoutedTable t, Object[] before, BinlogLocation txStart, BinlogLocation at) {
        return new RowChange(Kind.DELETE, t, before, null, txStart, at);
    }

    /** The image that names the row as it is on the target before this change. */
    Object[] existingImage() { return kind == Kind.INSERT ? after : before; }

    @Override public String toString() {
        return kind + " " + table + " at " + at;
    }
}
