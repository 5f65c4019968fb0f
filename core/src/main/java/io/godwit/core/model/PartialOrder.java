package io.godwit.core.model;

/**
 * The answer of a comparison that may have none: two binlog positions of different servers, or two
 * GTID sets each holding a transaction the other lacks, are neither before nor after each other.
 */
public enum PartialOrder {
    BEFORE, SAME, AFTER, INCOMPARABLE;

    /** The same relation seen from the other side: BEFORE becomes AFTER and vice versa. */
    public PartialOrder reversed() {
        return switch (this) {
            case BEFORE -> AFTER;
            case AFTER -> BEFORE;
            default -> this;
        };
    }

    /** Combines per-part answers (one per GTID source or domain) into the answer for the whole. */
    PartialOrder and(PartialOrder part) {
        if (this == part || part == SAME) {
            return this;
        }
        return this == SAME ? part : INCOMPARABLE;
    }
}
