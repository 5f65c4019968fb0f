package io.godwit.dumper;

import java.util.ArrayList;
import java.util.List;

/**
 * Chunk predicates over the (possibly composite) chunk key, from literal bounds. Composite bounds
 * are expanded into nested OR/AND form, {@code (a > 1 OR (a = 1 AND b >= 'x'))}: MariaDB's range
 * optimizer turns that into an index range, whereas it does not for a row comparison
 * {@code (a, b) >= (1, 'x')} (checked with EXPLAIN on 11.4: no possible key).
 */
final class ChunkPredicates {
    /** The predicate of the only chunk of a table. */
    static final String ALL = "1=1";

    private ChunkPredicates() {}

    /** {@code key >= bound}. */
    static String atLeast(List<String> columns, List<String> bound) {
        return compare(columns, bound, 0, ">", ">=");
    }

    /** {@code key < bound}. */
    static String below(List<String> columns, List<String> bound) {
        return compare(columns, bound, 0, "<", "<");
    }

    private static String compare(List<String> cols, List<String> vals, int i, String strict, String last) {
        if (cols.size() != vals.size()) {
            throw new IllegalArgumentException("bound has " + vals.size() + " values for " + cols.size() + " key columns");
        }
        if (i == cols.size() - 1) {
            return cols.get(i) + " " + last + " " + vals.get(i);
        }
        return "(" + cols.get(i) + " " + strict + " " + vals.get(i) + " OR (" + cols.get(i) + " = " + vals.get(i)
                + " AND " + compare(cols, vals, i + 1, strict, last) + "))";
    }

    /**
     * The predicates of the chunks that {@code starts} delimit: each element of {@code starts} is
     * the first key of a chunk after the first. The first chunk is open below, the last open
     * above, so together they cover every key exactly once.
     */
    static List<String> between(List<String> columns, List<List<String>> starts) {
        if (starts.isEmpty()) {
            return List.of(ALL);
        }
        List<String> out = new ArrayList<>(starts.size() + 1);
        out.add("(" + below(columns, starts.get(0)) + ")");
        for (int i = 0; i + 1 < starts.size(); i++) {
            out.add("(" + atLeast(columns, starts.get(i)) + " AND " + below(columns, starts.get(i + 1)) + ")");
        }
        out.add("(" + atLeast(columns, starts.get(starts.size() - 1)) + ")");
        return out;
    }
}
