package io.godwit.shardmerge;

/** The members' definitions cannot be joined; the detail names the column or index and the two shards. */
final class JoinConflict extends RuntimeException {
    private static final long serialVersionUID = 1L;

    JoinConflict(String detail) {
        super(detail, null, false, false);
    }
}
