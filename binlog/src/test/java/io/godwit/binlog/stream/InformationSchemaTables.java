package io.godwit.binlog.stream;

import io.godwit.binlog.TableSchemas;
import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.ColumnInfo;
import io.godwit.core.model.TableId;
import io.godwit.core.model.TableInfo;
import io.godwit.core.testkit.DbEndpoint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test stand-in for the schema tracker: table definitions read from the live source's
 * information_schema. It applies no DDL; a CREATE TABLE only makes it read the new table. Tests
 * using it change no table while its rows are still to be decoded.
 */
class InformationSchemaTables implements TableSchemas {
    private static final String COLUMNS = "SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, IS_NULLABLE, EXTRA,"
            + " CHARACTER_SET_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?"
            + " ORDER BY ORDINAL_POSITION";

    /** A statement {@link #apply} was called with. */
    record Applied(String schema, String sql, BinlogLocation at) {}

    private final DbEndpoint source;
    private final Map<TableId, Optional<TableInfo>> cache = new ConcurrentHashMap<>();
    private final List<Applied> applied = new CopyOnWriteArrayList<>();

    InformationSchemaTables(DbEndpoint source) {
        this.source = source;
    }

    @Override public Optional<TableInfo> find(TableId table) {
        return cache.computeIfAbsent(table, this::read);
    }

    @Override public void apply(String currentSchema, String sql, BinlogLocation at) {
        applied.add(new Applied(currentSchema, sql, at));
        if (sql.strip().regionMatches(true, 0, "CREATE TABLE", 0, 12)) {
            cache.clear();
        }
    }

    List<Applied> applied() { return applied; }

    private Optional<TableInfo> read(TableId id) {
        List<ColumnInfo> columns = new ArrayList<>();
        try (Connection c = source.connect(); PreparedStatement ps = c.prepareStatement(COLUMNS)) {
            ps.setString(1, id.schema());
            ps.setString(2, id.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String extra = rs.getString(5) == null ? "" : rs.getString(5).toUpperCase();
                    columns.add(new ColumnInfo(rs.getString(1), rs.getString(2).toLowerCase(), rs.getString(3),
                            "YES".equals(rs.getString(4)), extra.contains("GENERATED") || extra.contains("VIRTUAL")
                            || extra.contains("PERSISTENT") || extra.contains("STORED"), rs.getString(6)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading " + id + " from information_schema: " + e.getMessage(), e);
        }
        return columns.isEmpty() ? Optional.empty() : Optional.of(new TableInfo(id, "", columns, List.of()));
    }
}
