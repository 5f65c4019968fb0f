package io.godwit.core.model;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;

/**
 * DM's {@code binlog-pos}: a file and an offset written {@code mysql-bin.000001:1234}, as dmctl's
 * {@code binlog skip|replace -b} names the DDL an operator means. Only file and offset: a GTID set
 * cannot be typed that way, and DM matches on these two as well.
 */
public record BinlogPos(String file, long position) {
    /** DM reads the offset as an unsigned 32-bit number. */
    private static final long MAX_POSITION = 0xFFFF_FFFFL;

    /**
     * Parses {@code file:pos}; surrounding double quotes are dropped first, as DM does for a flag
     * quoted twice by a shell script.
     *
     * @throws GodwitException CLUSTER_BAD_REQUEST naming the text when it is not {@code file:pos}
     */
    public static BinlogPos parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            t = t.substring(1, t.length() - 1);
        }
        int colon = t.indexOf(':');
        if (colon <= 0 || colon != t.lastIndexOf(':') || colon == t.length() - 1) {
            throw malformed(text);
        }
        String digits = t.substring(colon + 1);
        if (!digits.chars().allMatch(c -> c >= '0' && c <= '9') || digits.length() > 10
                || Long.parseLong(digits) > MAX_POSITION) {
            throw malformed(text);
        }
        return new BinlogPos(t.substring(0, colon), Long.parseLong(digits));
    }

    /** The file and offset of {@code location}, its GTID set left out. */
    public static BinlogPos of(BinlogLocation location) {
        return new BinlogPos(location.file(), location.position());
    }

    /** Whether {@code location} is this file and offset (its GTID set does not matter). */
    public boolean isAt(BinlogLocation location) {
        return file.equals(location.file()) && position == location.position();
    }

    @Override public String toString() {
        return file + ":" + position;
    }

    private static GodwitException malformed(String text) {
        return new GodwitException(ErrorCode.CLUSTER_BAD_REQUEST, "binlog-pos \"" + text
                + "\" is not file:pos, like mysql-bin.000001:1234");
    }
}
