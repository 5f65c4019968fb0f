package io.godwit.worker.sync;

import java.util.List;

/**
 * One statement for the target with its parameters, and the row changes it carries (for the source
 * position in errors).
 *
 * @param expectedMatches rows an UPDATE or DELETE should find (0 when finding none is fine: inserts,
 *                        safe-mode deletes); fewer found are counted as rows the target did not have
 */
record BoundStatement(String sql, List<Object> params, RowChange first, RowChange last, int rows, int expectedMatches) {
    private static final int MAX_SHOWN = 1024;

    /** The statement and its values for an error message, values elided past about 1 KiB. */
    String describe() {
        StringBuilder b = new StringBuilder(sql.length() > MAX_SHOWN ? sql.substring(0, MAX_SHOWN) + "..." : sql);
        if (!params.isEmpty()) {
            b.append(" -- values: ");
            int shown = 0;
            for (Object p : params) {
                if (b.length() > 2 * MAX_SHOWN) {
                    b.append(" ... (").append(params.size() - shown).append(" more)");
                    break;
                }
                b.append(shown == 0 ? "" : ", ").append(RowBinder.render(p));
                shown++;
            }
        }
        return b.toString();
    }
}
