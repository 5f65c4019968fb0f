package io.godwit.worker.sync;

import io.godwit.core.db.ServerFlavor;
import io.godwit.worker.sync.RowChange.Kind;
import io.godwit.core.model.TableId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
 *   <li>With {@code multiple-rows}, a slot's changes are first grouped by target table, keeping their
 *       order within each table: rows of different tables never touch one another, so the order between
 *       tables does not change what the transaction leaves behind (foreign keys and triggers on the
 *       target are outside this, as they are for DM). Then consecutive changes of one kind to one table
 *       become one statement, at most {@code maxRows} rows and 65,535 parameters:
 *       <ul>
 *         <li>INSERTs one multi-row INSERT (REPLACE in safe mode);</li>
 *         <li>DELETEs from a keyed table one {@code IN} list;</li>
 *         <li>UPDATEs that keep the row's identity: in safe mode they are REPLACEs of the after image and
 *             join the INSERTs' statement; otherwise, on a table whose only unique key is the identity and
 *             that has no extract columns, one {@code INSERT ... ON DUPLICATE KEY UPDATE} (DM writes the
 *             same). Each row of such a statement is applied in order, exactly as the single UPDATEs would
 *             be when the row exists; a row the target lacks is inserted instead of counted as not found.</li>
 *       </ul></li>
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
        if (!multipleRows) {
            planRuns(changes, safeMode, out);
            return out;
        }
        Map<TableId, List<RowChange>> byTable = new LinkedHashMap<>();
        for (RowChange c : changes) {
            byTable.computeIfAbsent(c.table().target(), t -> new ArrayList<>()).add(c);
        }
        for (List<RowChange> tableChanges : byTable.values()) {
            planRuns(tableChanges, safeMode, out);
        }
        return out;
    }

    /** The statements for {@code changes} in their order, runs of one shape merged when {@code multipleRows}. */
    private void planRuns(List<RowChange> changes, boolean safeMode, List<BoundStatement> out) {
        int i = 0;
        while (i < changes.size()) {
            RowChange c = changes.get(i);
            Shape shape = shape(c, safeMode);
            int run = multipleRows ? runLength(changes, i, shape, safeMode) : 1;
            List<RowChange> rows = changes.subList(i, i + run);
            switch (shape) {
                case WRITE_AFTER_IMAGE -> out.add(insert(rows, safeMode));
                case UPSERT -> out.add(upsert(rows));
                case DELETE_BY_KEY -> out.add(run > 1 ? deleteMany(rows, safeMode) : delete(c, c.before(), safeMode ? 0 : 1));
                case SINGLE -> {
                    if (c.kind() == Kind.DELETE) {
                        out.add(delete(c, c.before(), safeMode ? 0 : 1));
                    } else if (safeMode) {
                        out.add(delete(c, c.before(), 0));
                        out.add(insert(List.of(c), true));
                    } else {
                        out.add(update(c));
                    }
                }
            }
            i += run;
        }
    }

    /** The statement form a change takes; changes of one form and table can share one statement. */
    private enum Shape {
        /** INSERT (REPLACE in safe mode) of the after image. */
        WRITE_AFTER_IMAGE,
        /** INSERT ... ON DUPLICATE KEY UPDATE of the after image. */
        UPSERT,
        /** DELETE by the identity key. */
        DELETE_BY_KEY,
        /** A statement of its own: keyless changes, updates that move the identity, and anything without multiple-rows. */
        SINGLE
    }

    private Shape shape(RowChange c, boolean safeMode) {
        RoutedTable t = c.table();
        return switch (c.kind()) {
            case INSERT -> Shape.WRITE_AFTER_IMAGE;
            case DELETE -> t.keyless() ? Shape.SINGLE : Shape.DELETE_BY_KEY;
            case UPDATE -> {
                if (!multipleRows || t.keyless() || !keepsIdentity(c)) {
                    yield Shape.SINGLE;
                }
                if (safeMode) {
                    yield Shape.WRITE_AFTER_IMAGE;
                }
                yield t.uniqueKeys().size() == 1 && !t.wholeTableUnit() && t.extractColumns().isEmpty()
                        ? Shape.UPSERT : Shape.SINGLE;
            }
        };
    }

    /** True when the update leaves every identity column's value exactly as it was. */
    private static boolean keepsIdentity(RowChange c) {
        for (int col : c.table().identity()) {
            if (!Objects.deepEquals(c.before()[col], c.after()[col])) {
                return false;
            }
        }
        return true;
    }

    /** How many changes from {@code start} go into one multi-row statement of {@code shape}. */
    private int runLength(List<RowChange> changes, int start, Shape shape, boolean safeMode) {
        if (shape == Shape.SINGLE) {
            return 1;
        }
        RowChange first = changes.get(start);
        int perRow = shape == Shape.DELETE_BY_KEY
                ? first.table().identity().length
                : first.table().writeColumns().length + first.table().extractColumns().size();
        int limit = Math.min(maxRows, Math.max(1, (MAX_PARAMETERS - first.table().extractColumns().size()) / perRow));
        int n = 1;
        while (start + n < changes.size() && n < limit) {
            RowChange next = changes.get(start + n);
            if (next.table() != first.table() || shape(next, safeMode) != shape) {
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

    /** Updates that keep their identity, as one INSERT ... ON DUPLICATE KEY UPDATE of the after images. */
    private BoundStatement upsert(List<RowChange> rows) {
        RoutedTable t = rows.get(0).table();
        List<Object> params = new ArrayList<>(rows.size() * t.writeColumns().length);
        for (RowChange r : rows) {
            for (int c : t.writeColumns()) {
                params.add(r.after()[c]);
            }
        }
        // Affected-row counts of this form mix updated, unchanged and inserted rows: nothing to expect.
        return new BoundStatement(SyncStatements.upsert(t, rows.size()), params, rows.get(0), rows.get(rows.size() - 1),
                rows.size(), 0);
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
