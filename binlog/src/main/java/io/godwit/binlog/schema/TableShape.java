package io.godwit.binlog.schema;

import java.util.List;

/**
 * A tracked table as other modules compare definitions (the shard-DDL coordination): its columns with their
 * defaults, which {@link io.godwit.core.model.ColumnInfo} leaves out, and its plain, unique and primary keys.
 * FULLTEXT and SPATIAL indexes are left out: TiDB has neither, so they are no part of a merged target's shape.
 */
public record TableShape(List<Column> columns, List<Index> indexes) {
    public TableShape {
        columns = List.copyOf(columns);
        indexes = List.copyOf(indexes);
    }

    /**
     * @param columnType   as SHOW CREATE TABLE prints it, e.g. {@code int(11) unsigned}
     * @param charset      of a string column, else null
     * @param defaultValue the DEFAULT clause's text as written, null when none
     */
    public record Column(String name, String columnType, String charset, boolean nullable, String defaultValue) {}

    /**
     * @param columns the key parts' column names in key order; an expression part as its expression
     * @param primary the primary key (named {@code PRIMARY})
     */
    public record Index(String name, List<String> columns, boolean unique, boolean primary) {
        public Index {
            columns = List.copyOf(columns);
        }
    }

    static TableShape of(TrackedTable t) {
        List<Column> columns = t.columns().stream()
                .map(c -> new Column(c.name(), c.columnType(), c.charset(), c.nullable(), c.defaultValue()))
                .toList();
        List<Index> indexes = t.indexes().stream()
                .filter(i -> i.kind() != TrackedIndex.Kind.FULLTEXT && i.kind() != TrackedIndex.Kind.SPATIAL)
                .map(i -> new Index(i.name(), i.parts().stream()
                        .map(p -> p.column() != null ? p.column() : p.expression()).toList(),
                        i.unique(), i.kind() == TrackedIndex.Kind.PRIMARY))
                .toList();
        return new TableShape(columns, indexes);
    }
}
