package io.godwit.dumper;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import java.util.Locale;

/**
 * How the dump connections agree on one point in time, as dumpling's {@code --consistency}
 * (DM passes it through {@code mydumpers.*.extra-args}).
 */
public enum Consistency {
    /**
     * MySQL/MariaDB: {@link #FLUSH}; on MariaDB the point is first sought without any lock from
     * {@code binlog_snapshot_file/position} of the snapshot transactions. TiDB: {@link #SNAPSHOT}.
     */
    AUTO,
    /** FLUSH TABLES WITH READ LOCK held only while the snapshots start and the position is read. */
    FLUSH,
    /** LOCK TABLES ... READ on the dumped tables, held until the dumper is closed. */
    LOCK,
    /** TiDB only: every connection reads at one TSO through {@code tidb_snapshot}. */
    SNAPSHOT,
    /** No lock: each connection has its own snapshot; the point is the earliest of them. */
    NONE;

    /** Parses dumpling's spelling ({@code auto}, {@code flush}, ...), case-insensitively. */
    public static Consistency parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new GodwitException(ErrorCode.CONFIG_INVALID,
                    "consistency '" + value + "' is not one of auto, flush, lock, snapshot, none");
        }
    }
}
