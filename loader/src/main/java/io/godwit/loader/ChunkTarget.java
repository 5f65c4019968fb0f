package io.godwit.loader;

import io.godwit.core.model.TableId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a chunk's rows go: the target table, the columns the rows carry, and the extract columns
 * ({@code extract-table/schema/source}) whose fixed values are added to every row.
 *
 * @param dataColumns   the columns of the rows, in row order
 * @param extractValues extract column name to its value, in the target's column order
 */
public record ChunkTarget(TableId table, List<String> dataColumns, Map<String, String> extractValues) {
    public ChunkTarget {
        dataColumns = List.copyOf(dataColumns);
        extractValues = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extractValues));
    }

    public static ChunkTarget of(TableId table, List<String> dataColumns) {
        return new ChunkTarget(table, dataColumns, Map.of());
    }

    /** The column list of a write: the data columns, then the extract columns. */
    public List<String> columns() {
        List<String> all = new ArrayList<>(dataColumns);
        all.addAll(extractValues.keySet());
        return all;
    }

    /** The extract values as SQL string literals, comma-separated; empty if there are none. */
    String extraLiterals() {
        StringBuilder b = new StringBuilder();
        for (String v : extractValues.values()) {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(LoaderStatements.stringLiteral(v));
        }
        return b.toString();
    }
}
