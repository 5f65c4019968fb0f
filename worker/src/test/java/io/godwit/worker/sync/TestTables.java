package io.godwit.worker.sync;

import io.godwit.binlog.TableSchemas;
import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.ColumnInfo;
import io.godwit.core.model.TableId;
import io.godwit.core.model.TableInfo;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Table definitions for tests: columns by hand, the CREATE TABLE text both for the keys and the target. */
final class TestTables implements TableSchemas {
    private final Map<TableId, TableInfo> tables = new ConcurrentHashMap<>();

    static ColumnInfo col(String name, String type) {
        String base = type.toLowerCase(Locale.ROOT).replaceAll("[( ].*", "");
        boolean text = base.contains("char") || base.contains("text") || base.equals("json") || base.equals("enum");
        return new ColumnInfo(name, base, type, true, false, text ? "utf8mb4" : null);
    }

    static ColumnInfo generated(String name, String type) {
        ColumnInfo c = col(name, type);
        return new ColumnInfo(c.name(), c.dataType(), c.columnType(), true, true, c.charset());
    }

    /**
     * @param createTable {@code CREATE TABLE %s (...)}: {@code %s} is replaced by the table's quoted name
     */
    static TableInfo info(TableId id, String createTable, List<String> chunkKey, ColumnInfo... columns) {
        return new TableInfo(id, String.format(createTable, id.quoted()), List.of(columns), chunkKey);
    }

    TestTables put(TableInfo info) {
        tables.put(info.id(), info);
        return this;
    }

    TableInfo get(TableId id) {
        return tables.get(id);
    }

    static RoutedTable routed(TableInfo info) {
        return RoutedTable.of(info.id(), info, info.id(), Map.of());
    }

    @Override public Optional<TableInfo> find(TableId table) {
        return Optional.ofNullable(tables.get(table));
    }

    @Override public void apply(String currentSchema, String sql, BinlogLocation at) {
        throw new UnsupportedOperationException("the test tracker is set by hand");
    }
}
