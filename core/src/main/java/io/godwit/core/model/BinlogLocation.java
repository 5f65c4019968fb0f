package io.godwit.core.model;

/**
 * A position in a source's binlog: file and offset, plus the GTID set executed up to there
 * (MySQL {@code uuid:1-5} or MariaDB {@code domain-server-seq} form; empty when unknown).
 */
public record BinlogLocation(String file, long position, String gtidSet) {
    public BinlogLocation {
        gtidSet = gtidSet == null ? "" : gtidSet.trim();
    }

    @Override public String toString() {
        return "(" + file + ", " + position + ")" + (gtidSet.isEmpty() ? "" : " gtid " + gtidSet);
    }
}
