package io.godwit.worker.check;

import io.godwit.core.model.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

/** The SQL of check-data. The digest expression must render identically on source and target. */
final class CheckStatements {
    private CheckStatements() {}

    /**
     * {@code COUNT(*), SUM(crc), BIT_XOR(crc)} where crc = CRC32 of the row's values joined with a
     * separator plus a NULL-flag string (CONCAT_WS skips NULLs, so NULL and '' would look alike
     * without the flags).
     */
    static String digestQuery(TableId table, List<String> columns, String predicate) {
        StringJoiner values = new StringJoiner(", ");
        StringJoiner nullFlags = new StringJoiner(", ", "CONCAT(", ")");
        for (String c : columns) {
            String q = TableId.quote(c);
            values.add(q);
            nullFlags.add("ISNULL(" + q + ")");
        }
        values.add(nullFlags.toString());
        String crc = columns.isEmpty() ? "0" : "CRC32(CONCAT_WS('#', " + values + "))";
        return "SELECT COUNT(*), SUM(" + crc + "), BIT_XOR(" + crc + ") FROM " + table.quoted()
                + " WHERE " + predicate;
    }

    /** Target columns to compare (ordinal order), or null when the table does not exist. */
    static List<String> comparedColumns(Connection c, TableId table, Set<String> extraColumns) throws SQLException {
        Set<String> extras = new java.util.HashSet<>();
        extraColumns.forEach(e -> extras.add(e.toLowerCase(Locale.ROOT)));
        String sql = "SELECT COLUMN_NAME, EXTRA FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION";
        List<String> columns = new ArrayList<>();
        boolean found = false;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, table.schema());
            ps.setString(2, table.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found = true;
                    String name = rs.getString(1);
                    String extra = rs.getString(2) == null ? "" : rs.getString(2).toUpperCase(Locale.ROOT);
                    if (!extra.contains("GENERATED") && !extras.contains(name.toLowerCase(Locale.ROOT))) {
                        columns.add(name);
                    }
                }
            }
        }
        return found ? columns : null;
    }
}
