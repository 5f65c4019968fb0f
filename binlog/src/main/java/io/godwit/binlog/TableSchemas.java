package io.godwit.binlog;

import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.TableId;
import io.godwit.core.model.TableInfo;
import java.util.Optional;

/**
 * Table schemas as of the binlog position being read: the schema tracker. Row events are decoded
 * with these definitions, never with the live source's (which may be ahead), and every DDL read
 * from the binlog is applied here, in binlog order, whether or not it is later filtered out for
 * the target: the source's tables changed all the same.
 */
public interface TableSchemas {
    /** The table as of the current position, or empty when it is not tracked (filtered out, unknown). */
    Optional<TableInfo> find(TableId table);

    /**
     * Applies one statement read from the binlog.
     *
     * @param currentSchema the database the statement ran in (may be empty)
     * @param sql           the statement text as logged
     * @param at            its binlog position, for errors
     */
    void apply(String currentSchema, String sql, BinlogLocation at);
}
