package io.godwit.core.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A position in a source's binlog: file and offset, plus the GTID set executed up to there
 * (MySQL {@code uuid:1-5} or MariaDB {@code domain-server-seq} form; empty when unknown).
 *
 * <p>Positions are only partially ordered, see {@link #compare(BinlogLocation)}; there is
 * deliberately no {@code compareTo}.
 */
public record BinlogLocation(String file, long position, String gtidSet) {
    /** {@code mysql-bin.000012}: the base name and the sequence number the server counts up. */
    private static final Pattern SEQUENCED_FILE = Pattern.compile("(.*)\\.(\\d+)");

    public BinlogLocation {
        gtidSet = gtidSet == null ? "" : gtidSet.trim();
    }

    /**
     * Where this location lies relative to {@code other}.
     *
     * <ol>
     *   <li>When both carry a GTID set, the sets decide (subset = BEFORE); sets of different
     *       flavors are INCOMPARABLE. Equal sets mean the same transactions are done: file and
     *       offset then refine the answer where they can (two events inside one transaction) and
     *       it is SAME where they cannot (the same point on two servers).</li>
     *   <li>Otherwise file and offset decide, but only when both files belong to one server's
     *       sequence: same base name, numbered extension ({@code mysql-bin.000003} is BEFORE
     *       {@code mysql-bin.000010}). Files of different base names, or without a number, are
     *       INCOMPARABLE unless they are the same file.</li>
     * </ol>
     *
     * @throws IllegalArgumentException when a GTID set is not valid text of its flavor
     */
    public PartialOrder compare(BinlogLocation other) {
        if (!gtidSet.isEmpty() && !other.gtidSet.isEmpty()) {
            PartialOrder byGtid = GtidSet.parse(gtidSet).compare(GtidSet.parse(other.gtidSet));
            if (byGtid != PartialOrder.SAME) {
                return byGtid;
            }
            PartialOrder byFile = compareFilePosition(other);
            return byFile == PartialOrder.INCOMPARABLE ? PartialOrder.SAME : byFile;
        }
        return compareFilePosition(other);
    }

    private PartialOrder compareFilePosition(BinlogLocation other) {
        if (file == null || other.file == null || file.isEmpty() || other.file.isEmpty()) {
            return PartialOrder.INCOMPARABLE;
        }
        int byFile;
        if (file.equals(other.file)) {
            byFile = 0;
        } else {
            Matcher mine = SEQUENCED_FILE.matcher(file);
            Matcher theirs = SEQUENCED_FILE.matcher(other.file);
            if (!mine.matches() || !theirs.matches() || !mine.group(1).equals(theirs.group(1))) {
                return PartialOrder.INCOMPARABLE;
            }
            // Compare the numbers as numbers: the server widens the extension past 999999.
            byFile = new java.math.BigInteger(mine.group(2)).compareTo(new java.math.BigInteger(theirs.group(2)));
        }
        int c = byFile != 0 ? byFile : Long.compare(position, other.position);
        return c < 0 ? PartialOrder.BEFORE : c > 0 ? PartialOrder.AFTER : PartialOrder.SAME;
    }

    @Override public String toString() {
        return "(" + file + ", " + position + ")" + (gtidSet.isEmpty() ? "" : " gtid " + gtidSet);
    }
}
