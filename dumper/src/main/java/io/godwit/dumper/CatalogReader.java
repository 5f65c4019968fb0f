package io.godwit.dumper;

import io.godwit.core.model.ColumnInfo;
import io.godwit.core.model.TableId;
import io.godwit.core.model.TableInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/** Reads table definitions from information_schema and SHOW statements on a snapshot connection. */
final class CatalogReader {
    /** A listed table with what the dumper keeps beside {@link TableInfo}. */
    record Listed(TableInfo info, long estimatedRows, String keyIndex) {}

    /** A chunk key: its columns and the index that orders them. */
    record Key(List<String> columns, String index) {
        static final Key NONE = new Key(List.of(), null);
    }

    private final Connection conn;

    CatalogReader(Connection conn) {
        this.conn = conn;
    }

    /** Base tables (views and sequences skipped) accepted by {@code include}, ordered by name. */
    List<Listed> tables(Predicate<TableId> include) throws SQLException {
        Map<TableId, Long> rows = estimatedRows(include);
        Map<TableId, List<ColumnInfo>> columns = new LinkedHashMap<>();
        Set<String> schemas = new HashSet<>();
        for (TableId id : rows.keySet()) {
            if (schemas.add(id.schema())) {
                readColumns(id.schema(), rows.keySet(), columns);
            }
        }
        List<Listed> out = new ArrayList<>(rows.size());
        for (Map.Entry<TableId, Long> e : rows.entrySet()) {
            TableId id = e.getKey();
            List<ColumnInfo> cols = columns.getOrDefault(id, List.of());
            Key key = chooseKey(id, cols);
            out.add(new Listed(new TableInfo(id, showCreateTable(id), cols, key.columns()), e.getValue(), key.index()));
        }
        return out;
    }

    /** Names of the base tables accepted by {@code include} with their estimated row counts, by name. */
    Map<TableId, Long> estimatedRows(Predicate<TableId> include) throws SQLException {
        Map<TableId, Long> rows = new TreeMap<>();
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(DumpStatements.BASE_TABLES)) {
            while (rs.next()) {
                TableId id = TableId.of(rs.getString(1), rs.getString(2));
                if (include.test(id)) {
                    rows.put(id, Math.max(0, rs.getLong(3)));
                }
            }
        }
        return rows;
    }

    private void readColumns(String schema, Set<TableId> wanted, Map<TableId, List<ColumnInfo>> into)
            throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(DumpStatements.COLUMNS_OF_SCHEMA)) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TableId id = TableId.of(schema, rs.getString(1));
                    if (!wanted.contains(id)) {
                        continue;
                    }
                    String extra = rs.getString(6) == null ? "" : rs.getString(6).toUpperCase(Locale.ROOT);
                    // MySQL also says DEFAULT_GENERATED for expression defaults: those are data.
                    boolean generated = extra.contains("VIRTUAL") || extra.contains("STORED")
                            || extra.contains("PERSISTENT");
                    into.computeIfAbsent(id, k -> new ArrayList<>()).add(new ColumnInfo(rs.getString(2),
                            rs.getString(3).toLowerCase(Locale.ROOT), rs.getString(4),
                            "YES".equalsIgnoreCase(rs.getString(5)), generated, rs.getString(7)));
                }
            }
        }
    }

    String showCreateTable(TableId id) throws SQLException {
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(DumpStatements.showCreateTable(id))) {
            rs.next();
            return rs.getString(2);
        }
    }

    String showCreateDatabase(String schema) throws SQLException {
        try (Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery(DumpStatements.showCreateDatabase(schema))) {
            rs.next();
            return rs.getString(2);
        }
    }

    /**
     * The primary key, else the first unique key (in SHOW INDEX order) whose columns are all NOT NULL,
     * whole (no prefix) and kept in a BTREE that the optimizer may use; else none.
     */
    Key chooseKey(TableId id, List<ColumnInfo> columns) throws SQLException {
        Set<String> notNull = new HashSet<>();
        for (ColumnInfo c : columns) {
            if (!c.nullable()) {
                notNull.add(c.name().toLowerCase(Locale.ROOT));
            }
        }
        Map<String, List<String>> keys = new LinkedHashMap<>();
        Set<String> unusable = new HashSet<>();
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(DumpStatements.showIndex(id))) {
            Set<String> labels = labels(rs.getMetaData());
            while (rs.next()) {
                String name = rs.getString("Key_name");
                String column = rs.getString("Column_name");
                boolean usable = rs.getInt("Non_unique") == 0
                        && column != null // MySQL functional key parts have no column
                        && rs.getObject("Sub_part") == null
                        && notNull.contains(column.toLowerCase(Locale.ROOT))
                        && "BTREE".equalsIgnoreCase(rs.getString("Index_type"))
                        && !(labels.contains("ignored") && "YES".equalsIgnoreCase(rs.getString("Ignored")))
                        && !(labels.contains("visible") && "NO".equalsIgnoreCase(rs.getString("Visible")));
                if (!usable) {
                    unusable.add(name);
                }
                keys.computeIfAbsent(name, k -> new ArrayList<>()).add(column);
            }
        }
        keys.keySet().removeAll(unusable);
        if (keys.containsKey("PRIMARY")) {
            return new Key(List.copyOf(keys.get("PRIMARY")), "PRIMARY");
        }
        return keys.entrySet().stream().findFirst().map(e -> new Key(List.copyOf(e.getValue()), e.getKey()))
                .orElse(Key.NONE);
    }

    /** The index whose columns are exactly {@code key}, for tables described elsewhere than here. */
    String indexOf(TableId id, List<String> key) throws SQLException {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(DumpStatements.showIndex(id))) {
            while (rs.next()) {
                keys.computeIfAbsent(rs.getString("Key_name"), k -> new ArrayList<>()).add(rs.getString("Column_name"));
            }
        }
        return keys.entrySet().stream().filter(e -> e.getValue().equals(key)).map(Map.Entry::getKey)
                .findFirst().orElse(null);
    }

    private static Set<String> labels(ResultSetMetaData md) throws SQLException {
        Set<String> out = new HashSet<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            out.add(md.getColumnLabel(i).toLowerCase(Locale.ROOT));
        }
        return out;
    }
}
