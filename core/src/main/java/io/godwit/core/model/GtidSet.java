package io.godwit.core.model;

/**
 * The transactions a server has executed, by global transaction id: MySQL's
 * {@code uuid:1-5:7,uuid2:1-3} (optionally tagged, {@code uuid:tag:1-3}) or MariaDB's
 * {@code domain-server-seq,...}. Values are immutable; {@link #toString()} is the canonical text
 * that {@link #parse(String)} reads back.
 */
public sealed interface GtidSet permits MySqlGtidSet, MariaDbGtidSet {

    /**
     * Parses a non-empty set, telling the flavor from the syntax. An empty text has no flavor: use
     * {@link MySqlGtidSet#EMPTY} or {@link MariaDbGtidSet#EMPTY} for it.
     *
     * @throws IllegalArgumentException when the text is empty or neither flavor's syntax
     */
    static GtidSet parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("an empty GTID set has no flavor; use MySqlGtidSet.EMPTY or MariaDbGtidSet.EMPTY");
        }
        return MariaDbGtidSet.looksLikeOne(t) ? MariaDbGtidSet.parse(t) : MySqlGtidSet.parse(t);
    }

    boolean isEmpty();

    /** Whether the transaction {@code gtid} ({@code uuid:n} or {@code domain-server-seq}) is in this set. */
    boolean contains(String gtid);

    /** This set plus the transaction {@code gtid}, committed after everything in this set. */
    GtidSet with(String gtid);

    /**
     * BEFORE when this set is a strict subset of {@code other} (the server was earlier), AFTER for a
     * strict superset, SAME when equal and INCOMPARABLE otherwise, including across flavors.
     */
    PartialOrder compare(GtidSet other);
}
