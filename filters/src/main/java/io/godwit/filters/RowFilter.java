package io.godwit.filters;

import io.godwit.filters.expr.SqlExpression;
import java.util.List;

/**
 * The {@link ExpressionFilter} rules of one table, bound to its columns: which row changes are dropped.
 * Rows are in the order of the table's columns as of the event ({@code io.godwit.core.event}).
 */
public final class RowFilter {

    /** A table no rule names. */
    public static final RowFilter KEEP_ALL = new RowFilter(List.of(), List.of(), List.of());

    /** One rule's update expressions; a missing one (null) does not take part. */
    record UpdateRule(SqlExpression old, SqlExpression updated) {
        boolean drops(Object[] before, Object[] after) {
            return (old == null || old.isTrue(before)) && (updated == null || updated.isTrue(after));
        }
    }

    private final List<SqlExpression> inserts;
    private final List<UpdateRule> updates;
    private final List<SqlExpression> deletes;

    RowFilter(List<SqlExpression> inserts, List<UpdateRule> updates, List<SqlExpression> deletes) {
        this.inserts = List.copyOf(inserts);
        this.updates = List.copyOf(updates);
        this.deletes = List.copyOf(deletes);
    }

    public boolean dropsInsert(Object[] row) {
        return anyTrue(inserts, row);
    }

    public boolean dropsUpdate(Object[] before, Object[] after) {
        for (UpdateRule u : updates) {
            if (u.drops(before, after)) {
                return true;
            }
        }
        return false;
    }

    public boolean dropsDelete(Object[] row) {
        return anyTrue(deletes, row);
    }

    /** Whether no row of the table is ever dropped. */
    public boolean keepsAll() {
        return inserts.isEmpty() && updates.isEmpty() && deletes.isEmpty();
    }

    private static boolean anyTrue(List<SqlExpression> expressions, Object[] row) {
        for (SqlExpression e : expressions) {
            if (e.isTrue(row)) {
                return true;
            }
        }
        return false;
    }
}
