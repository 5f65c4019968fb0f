package io.godwit.worker.sync;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.ColumnInfo;
import io.godwit.core.model.TableId;
import io.godwit.core.model.TableInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A source table as the syncer writes it: the tracked definition, where routing sends it, the extract
 * column values every row gets there, and its keys resolved to column positions of the row images.
 *
 * <p>Keys: {@link #identity()} is the table's {@code chunkKey} (primary key, else the first NOT NULL
 * unique key): it names a row in UPDATE/DELETE and in compaction; empty means keyless (rows are matched on
 * every written column with {@code <=>} and {@code LIMIT 1}). {@link #uniqueKeys()} are all evaluable
 * unique keys (identity included) for causality. {@link #wholeTableUnit()} says causality must keep the
 * whole table in one unit: it is keyless, or has a unique key no row value can evaluate.
 */
final class RoutedTable {

    /** A unique key as positions into the row image, with prefix lengths (0: whole value). */
    record IndexedKey(String name, int[] columns, int[] prefixes) {}

    private final TableId source;
    private final TableId target;
    private final TableInfo info;
    private final Map<String, String> extractColumns;
    private final int[] writeColumns;
    private final int[] identity;
    private final List<IndexedKey> uniqueKeys;
    private final boolean wholeTableUnit;

    private RoutedTable(TableId source, TableId target, TableInfo info, Map<String, String> extractColumns,
                        int[] writeColumns, int[] identity, List<IndexedKey> uniqueKeys, boolean wholeTableUnit) {
        this.source = source;
        this.target = target;
        this.info = info;
        this.extractColumns = extractColumns;
        this.writeColumns = writeColumns;
        this.identity = identity;
        this.uniqueKeys = uniqueKeys;
        this.wholeTableUnit = wholeTableUnit;
    }

    /**
     * @throws GodwitException SYNC_TABLE_UNKNOWN when the chunk key names a column the table lacks
     */
    static RoutedTable of(TableId source, TableInfo info, TableId target, Map<String, String> extractColumns) {
        List<ColumnInfo> columns = info.columns();
        Map<String, Integer> position = new LinkedHashMap<>();
        List<Integer> write = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            position.put(columns.get(i).name().toLowerCase(Locale.ROOT), i);
            if (!columns.get(i).generated()) {
                write.add(i);
            }
        }
        int[] identity = new int[info.chunkKey().size()];
        for (int k = 0; k < identity.length; k++) {
            Integer p = position.get(info.chunkKey().get(k).toLowerCase(Locale.ROOT));
            if (p == null) {
                throw new GodwitException(ErrorCode.SYNC_TABLE_UNKNOWN, "table " + source + ": key column "
                        + info.chunkKey().get(k) + " is not among its tracked columns");
            }
            identity[k] = p;
        }
        List<IndexedKey> keys = new ArrayList<>();
        boolean unevaluable = false;
        for (CreateTableKeys.Key key : CreateTableKeys.uniqueKeys(info.createTableSql())) {
            IndexedKey indexed = key.evaluable() ? resolve(key, position) : null;
            if (indexed == null) {
                unevaluable = true;
            } else {
                keys.add(indexed);
            }
        }
        if (identity.length > 0 && keys.stream().noneMatch(k -> java.util.Arrays.equals(k.columns(), identity)
                && java.util.Arrays.stream(k.prefixes()).allMatch(p -> p == 0))) {
            keys.add(0, new IndexedKey("identity", identity, new int[identity.length]));
        }
        return new RoutedTable(source, target, info, Collections.unmodifiableMap(new LinkedHashMap<>(extractColumns)),
                write.stream().mapToInt(Integer::intValue).toArray(), identity, List.copyOf(keys),
                identity.length == 0 || unevaluable);
    }

    private static IndexedKey resolve(CreateTableKeys.Key key, Map<String, Integer> position) {
        int[] cols = new int[key.parts().size()];
        int[] prefixes = new int[cols.length];
        for (int i = 0; i < cols.length; i++) {
            Integer p = position.get(key.parts().get(i).column().toLowerCase(Locale.ROOT));
            if (p == null) {
                return null;
            }
            cols[i] = p;
            prefixes[i] = key.parts().get(i).prefix();
        }
        return new IndexedKey(key.name(), cols, prefixes);
    }

    TableId source() { return source; }

    TableId target() { return target; }

    TableInfo info() { return info; }

    /** Target column -> value, in DM's order; written into every row and matched in every WHERE. */
    Map<String, String> extractColumns() { return extractColumns; }

    /** Positions of the columns written (generated columns never are). */
    int[] writeColumns() { return writeColumns; }

    int[] identity() { return identity; }

    boolean keyless() { return identity.length == 0; }

    List<IndexedKey> uniqueKeys() { return uniqueKeys; }

    boolean wholeTableUnit() { return wholeTableUnit; }

    ColumnInfo column(int position) { return info.columns().get(position); }

    int width() { return info.columns().size(); }

    @Override public String toString() {
        return source.equals(target) ? source.toString() : source + " -> " + target;
    }
}
