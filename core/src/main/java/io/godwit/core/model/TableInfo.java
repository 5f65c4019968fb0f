package io.godwit.core.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

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

    /**
     * A digest of the definition that changes only when a DDL changes the table: SHA-256 of the
     * CREATE TABLE text without its {@code AUTO_INCREMENT=n} option, which every insert moves.
     */
    public String definitionDigest() {
        String stable = AUTO_INCREMENT_OPTION.matcher(createTableSql).replaceAll("");
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(stable.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static final Pattern AUTO_INCREMENT_OPTION = Pattern.compile("\\s+AUTO_INCREMENT=\\d+");

    /** The columns that carry data: every column except generated ones. */
    public List<ColumnInfo> dataColumns() {
        return columns.stream().filter(c -> !c.generated()).toList();
    }
}
