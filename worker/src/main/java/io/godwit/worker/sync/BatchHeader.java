package io.godwit.worker.sync;

import io.godwit.core.model.BinlogLocation;

/**
 * A batch's identity: its sequence number and the transaction boundaries it spans. Reading the binlog from
 * {@code start} up to the transaction that ends at {@code end} yields exactly the batch's transactions.
 */
record BatchHeader(long seq, BinlogLocation start, BinlogLocation end) {

    /** Same binlog place; GTID sets may be spelled differently and do not decide. */
    static boolean samePlace(BinlogLocation a, BinlogLocation b) {
        return a.file().equals(b.file()) && a.position() == b.position();
    }
}
