package io.godwit.binlog.stream;

import io.godwit.core.model.BinlogLocation;
import java.util.Objects;

/**
 * Where a binlog stream starts: a transaction boundary given by file and offset, or by the GTID set
 * of the transactions already done (the server then sends every transaction not in the set). A
 * file/offset start may carry the GTID set executed at that point too, so the events read carry
 * GTID sets from the start.
 *
 * @param location the boundary; its gtid set is the set executed before it (empty when unknown)
 * @param byGtid   whether the server is asked by GTID set (file and offset then only name the point)
 */
public record BinlogStart(BinlogLocation location, boolean byGtid) {
    public BinlogStart {
        Objects.requireNonNull(location, "location");
    }

    /** From {@code file} at {@code position}, the GTID set unknown until the server is asked. */
    public static BinlogStart filePosition(String file, long position) {
        return new BinlogStart(new BinlogLocation(file, position, ""), false);
    }

    /** From the file and offset of {@code location}, keeping its GTID set for the events read. */
    public static BinlogStart filePosition(BinlogLocation location) {
        return new BinlogStart(location, false);
    }

    /** After the transactions in {@code gtidSet} (MySQL or MariaDB form; empty = the oldest binlog the source has). */
    public static BinlogStart gtidSet(String gtidSet) {
        return new BinlogStart(new BinlogLocation("", 0, gtidSet), true);
    }

    @Override public String toString() {
        return byGtid ? "gtid set '" + location.gtidSet() + "'" : location.toString();
    }
}
