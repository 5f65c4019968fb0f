package io.godwit.worker.sync;

import io.godwit.core.db.ServerFlavor;
import io.godwit.worker.sync.RowChange.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a slot's changes, in order, into target statements.
 *
 * <ul>
 *   <li>INSERT writes every non-generated column plus the extract columns; in safe mode it is a REPLACE.</li>
 *   <li>UPDATE sets every written column on the row its before image names; in safe mode it is a DELETE of
 *       the before image and a REPLACE of the after image (DM's safe mode).</li>
 *   <li>DELETE removes the row its before image names.</li>
 *   <li>A row is named by the identity key, or on a keyless table by all written columns with {@code <=>}
 *       and {@code LIMIT 1}, so of two identical rows exactly one is changed.</li>
 *   <li>With {@code multiple-rows}, consecutive INSERTs (REPLACEs) into one table become one multi-row
 *       statement and consecutive DELETEs from one keyed table one {@code IN} list, at most
 *       {@code maxRows} rows and 65,535 parameters per statement. Changes are never reordered here.</li>
 * </ul>
 */
final class StatementPlanner {
    /** The MySQL protocol's limit of parameters in one prepared statement. */
    static final int MAX_PARAMETERS = 65_535;

    private final ServerFlavor flavor;
    private final boolean multipleRows;
    private final int maxRows;

    StatementPlanner(ServerFlavor flavor, boolean multipleRows, int maxRows) {
        this.flavor = flavor;
        this.multipleRows = multipleRows;
        this.maxRows = Math.max(1, maxRows);
    }

    List<BoundStatement> plan(List<RowChange> changes, boolean safeMode) {
        List<BoundStatement> out = new ArrayList<>();
        int i = 0;
        while (i < changes.size()) {
            RowChange c = changes.get(i);
            int run = multipleRows ? runLength(changes, i) : 1;
            if (c.kind() == Kind.INSERT) {
                out.add(insert(changes.subList(i, i + run), safeMode));
            } else if (c.kind() == Kind.DELETE && run > 1) {
                out.add(deleteMany(changes.subList(i, i + run), safeMode));
            } else if (c.kind() == Kind.DELETE) {
                out.add(delete(c, c.before(), safeMode ? 0 : 1));
            } else if (safeMode) {
                out.add(delete(c, c.before(), 0));
                out.add(insert(List.of(c), true));
            } else {
                out.add(update(c));
            }
            i += run;
        }
        return out;
    }

    /** How many changes from {@code start} go into one multi-row statement. */
    private int runLength(List<RowChange> changes, int start) {
        RowChange first = changes.get(start);
        if (first.kind() == Kind.UPDATE || first.kind() == Kind.DELETE && first.table().keyless()) {
            return 1;
        }
        int perRow = first.kind() == Kind.INSERT
                ? first.table().writeColumns().length + first.table().extractColumns().size()
                : first.table().identity().length;
        int limit = Math.min(maxRows, Math.max(1, (MAX_PARAMETERS - first.table().extractColumns().size()) / perRow));
        int n = 1;
        while (start + n < changes.size() && n < limit) {
            RowChange next = changes.get(start + n);
            if (next.kind() != first.kind() || next.table() != first.table()) {
                break;
            }
            n++;
        }
        return n;
    }

    private BoundStatement insert(List<RowChange> rows, boolean replace) {
        RoutedTable t = rows.get(0).table();
        List<Object> params = new ArrayList<>(rows.size() * (t.writeColumns().length + t.extractColumns().size()));
        for (RowChange r : rows) {
            for (int c : t.writeColumns()) {
                params.add(r.after()[c]);
            }
            params.addAll(t.extractColumns().values());
        }
        return new BoundStatement(SyncStatements.insert(t, rows.size(), replace), params, rows.get(0),
                rows.get(rows.size() - 1), rows.size(), 0);
    }

    private BoundStatement update(RowChange c) {
        RoutedTable t = c.table();
        List<Object> params = new ArrayList<>();
        for (int col : t.writeColumns()) {
            params.add(c.after()[col]);
        }
        addRowMatch(t, c.before(), params);
        return new BoundStatement(SyncStatements.update(t, flavor), params, c, c, 1, 1);
    }

    private BoundStatement delete(RowChange c, Object[] image, int expected) {
        List<Object> params = new ArrayList<>();
        addRowMatch(c.table(), image, params);
        return new BoundStatement(SyncStatements.delete(c.table(), flavor), params, c, c, 1, expected);
    }

    private BoundStatement deleteMany(List<RowChange> rows, boolean safeMode) {
        RoutedTable t = rows.get(0).table();
        List<Object> params = new ArrayList<>();
        for (RowChange r : rows) {
            for (int col : t.identity()) {
                params.add(RowBinder.forComparison(r.before()[col]));
            }
        }
        params.addAll(t.extractColumns().values());
        return new BoundStatement(SyncStatements.deleteMany(t, rows.size(), flavor), params, rows.get(0),
                rows.get(rows.size() - 1), rows.size(), safeMode ? 0 : rows.size());
    }

    /** The parameters of {@link SyncStatements#rowMatch}, in its order. */
    private static void addRowMatch(RoutedTable t, Object[] image, List<Object> params) {
        for (int col : t.keyless() ? t.writeColumns() : t.identity()) {
            params.add(RowBinder.forComparison(image[col]));
        }
        params.addAll(t.extractColumns().values());
    }
}
