package io.godwit.binlog.schema;

import io.godwit.core.model.TableId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A tracked table: columns in ordinal order, indexes in the order the server lists them (SHOW
 * INDEX, see {@link #withKeysSorted()}), and the table's default character set and collation for
 * columns added later.
 * Immutable; serialized as is into the tracker's JSON snapshot.
 */
record TrackedTable(TableId id, List<TrackedColumn> columns, List<TrackedIndex> indexes, String charset,
                    String collation) {

    TrackedTable {
        columns = List.copyOf(columns);
        indexes = List.copyOf(indexes);
    }

    Optional<TrackedColumn> column(String name) {
        return columns.stream().filter(c -> c.named(name)).findFirst();
    }

    int columnIndex(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).named(name)) {
                return i;
            }
        }
        return -1;
    }

    Optional<TrackedIndex> index(String name) {
        return indexes.stream().filter(i -> i.named(name)).findFirst();
    }

    TrackedTable withId(TableId newId) { return new TrackedTable(newId, columns, indexes, charset, collation); }

    TrackedTable withColumns(List<TrackedColumn> newColumns) {
        return new TrackedTable(id, newColumns, indexes, charset, collation);
    }

    TrackedTable withIndexes(List<TrackedIndex> newIndexes) {
        return new TrackedTable(id, columns, newIndexes, charset, collation);
    }

    TrackedTable withDefaults(String newCharset, String newCollation) {
        return new TrackedTable(id, columns, indexes, newCharset, newCollation);
    }

    /**
     * The chunk key the dumper would choose: the primary key, else the first unique key (in SHOW
     * INDEX order) of whole, NOT NULL columns that the optimizer may use; else empty.
     */
    List<String> chunkKey() {
        for (TrackedIndex index : indexes) {
            if (index.kind() == TrackedIndex.Kind.PRIMARY) {
                return columnsOf(index);
            }
        }
        for (TrackedIndex index : indexes) {
            if (index.kind() == TrackedIndex.Kind.UNIQUE && !index.invisible() && !index.hasPrefixPart()
                    && !index.hasExpressionPart() && !hasNullablePart(index, columns)) {
                return columnsOf(index);
            }
        }
        return List.of();
    }

    List<String> columnsOf(TrackedIndex index) {
        return index.parts().stream().map(p -> column(p.column()).map(TrackedColumn::name).orElse(p.column())).toList();
    }

    private static boolean hasNullablePart(TrackedIndex index, List<TrackedColumn> columns) {
        return index.parts().stream().anyMatch(p -> p.column() == null
                || columns.stream().filter(c -> c.named(p.column())).anyMatch(TrackedColumn::nullable));
    }

    /**
     * This table with its keys in the server's order (MariaDB/MySQL {@code sort_keys}): unique
     * keys first, among them those without nullable columns, then the primary key, then those
     * without prefix parts; then plain indexes before FULLTEXT ones; otherwise the order they had.
     * The server sorts, with the columns' current nullability, when it creates a table, when an
     * ALTER adds a key, and when a column of a unique key becomes nullable; other ALTERs keep the
     * order (measured on MariaDB 11.4: after MODIFY c NOT NULL a now NOT NULL unique key stays
     * behind a nullable one until the next sort).
     */
    TrackedTable withKeysSorted() {
        List<TrackedIndex> out = new ArrayList<>(indexes);
        out.sort(Comparator.<TrackedIndex>comparingInt(i -> i.unique() ? 0 : 1)
                .thenComparingInt(i -> i.unique() && hasNullablePart(i, columns) ? 1 : 0)
                .thenComparingInt(i -> i.kind() == TrackedIndex.Kind.PRIMARY ? 0 : 1)
                .thenComparingInt(i -> i.unique() && i.hasPrefixPart() ? 1 : 0)
                .thenComparingInt(i -> i.kind() == TrackedIndex.Kind.FULLTEXT ? 1 : 0));
        return withIndexes(out);
    }
}
