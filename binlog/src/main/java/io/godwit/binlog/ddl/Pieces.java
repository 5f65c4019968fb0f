package io.godwit.binlog.ddl;

import io.godwit.binlog.ddl.DdlChange.NameRef;
import io.godwit.core.model.TableId;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the text of one single change from ranges of the original statement (kept byte for
 * byte) and a few joining words, carrying along the names that fall inside the copied ranges.
 */
final class Pieces {
    private final String sql;
    private final List<NameRef> originalNames;
    private final StringBuilder text = new StringBuilder();
    private final List<NameRef> names = new ArrayList<>();

    Pieces(String sql, List<NameRef> originalNames) {
        this.sql = sql;
        this.originalNames = originalNames;
    }

    /** Appends {@code sql[start, stop)} with the names inside it. */
    Pieces original(int start, int stop) {
        int shift = text.length() - start;
        for (NameRef ref : originalNames) {
            if (ref.start() >= start && ref.stop() <= stop) {
                names.add(new NameRef(ref.start() + shift, ref.stop() + shift, ref.table(), ref.databaseOnly()));
            }
        }
        text.append(sql, start, stop);
        return this;
    }

    Pieces original(SqlNode node) { return original(node.start(), node.stop()); }

    Pieces words(String joining) {
        text.append(joining);
        return this;
    }

    DdlChange build(DdlKind kind, TableId table, TableId related, TableChange change) {
        return new DdlChange(kind, table, related, change, text.toString(), names);
    }
}
