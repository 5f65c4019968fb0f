package io.godwit.core.model;

import java.util.List;

/**
 * A source table as the snapshot saw it.
 *
 * @param createTableSql {@code SHOW CREATE TABLE} text at the consistent point
 * @param columns        all columns in ordinal order, generated ones included (flagged)
 * @param chunkKey       the columns rows are ordered and split by: the primary key, else the
 *                       first NOT NULL unique key, else empty (keyless: one chunk)
 */
public record TableInfo(TableId id, String createTableSql, List<ColumnInfo> columns, List<String> chunkKey) {
    public TableInfo {
        columns = List.copyOf(columns);
        chunkKey = List.copyOf(chunkKey);
    }

    /** The columns that carry data: every column except generated ones. */
    public List<ColumnInfo> dataColumns() {
        return columns.stream().filter(c -> !c.generated()).toList();
    }
}
