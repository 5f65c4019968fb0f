package io.godwit.shardmerge;

import io.godwit.core.model.ColumnInfo;
import io.godwit.core.model.TableId;

import java.util.Locale;
import java.util.Objects;

/**
 * One column of a shard's table as the coordination compares it. Core's {@link ColumnInfo} has no default, and a
 * merged column's default decides what rows of shards lacking the column get, so this record carries it.
 *
 * @param name         the column name (compared case-insensitively, as MySQL does)
 * @param columnType   the full type as {@code SHOW CREATE TABLE} prints it: {@code int(11) unsigned}, {@code varchar(20)},
 *                     {@code enum('a','b')}
 * @param charset      the character set of a string column, null for other types (and when unknown)
 * @param nullable     whether NULL is allowed
 * @param defaultValue the DEFAULT clause's SQL text ({@code 0}, {@code 'abc'}, {@code CURRENT_TIMESTAMP}), null when the
 *                     column has none; {@code DEFAULT NULL} of a nullable column is stored as null (it means the same)
 */
public record ShardColumn(String name, String columnType, String charset, boolean nullable, String defaultValue) {
    public ShardColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(columnType, "columnType");
        columnType = columnType.trim();
        charset = charset == null ? null : normalCharset(charset);
        if (defaultValue != null && nullable && defaultValue.trim().equalsIgnoreCase("NULL")) {
            defaultValue = null;
        }
    }

    public static ShardColumn nullable(String name, String columnType) {
        return new ShardColumn(name, columnType, null, true, null);
    }

    public static ShardColumn notNull(String name, String columnType, String defaultValue) {
        return new ShardColumn(name, columnType, null, false, defaultValue);
    }

    /** From core's column model, which does not know the default: give it (null for none). */
    public static ShardColumn from(ColumnInfo column, String defaultValue) {
        return new ShardColumn(column.name(), column.columnType(), column.charset(), column.nullable(), defaultValue);
    }

    /** The lookup key: MySQL column names are case-insensitive. */
    String key() { return name.toLowerCase(Locale.ROOT); }

    /** Whether an INSERT that leaves this column out works: it is nullable or has a default. */
    boolean acceptsOmission() { return nullable || defaultValue != null; }

    /** Equal for the target: same type (display widths aside), charset, nullability and default. */
    boolean sameDefinition(ShardColumn other) {
        return ColumnTypeOrder.compare(columnType, other.columnType) == ColumnTypeOrder.Relation.EQUAL
                && Objects.equals(charset, other.charset)
                && nullable == other.nullable
                && Objects.equals(defaultValue, other.defaultValue);
    }

    ShardColumn withNullable(boolean newNullable) {
        return new ShardColumn(name, columnType, charset, newNullable, defaultValue);
    }

    /** The column definition as an ALTER TABLE clause takes it: {@code `c` varchar(20) CHARACTER SET utf8mb4 NULL}. */
    String renderDefinition() {
        StringBuilder b = new StringBuilder(TableId.quote(name)).append(' ').append(columnType);
        if (charset != null) {
            b.append(" CHARACTER SET ").append(charset);
        }
        b.append(nullable ? " NULL" : " NOT NULL");
        if (defaultValue != null) {
            b.append(" DEFAULT ").append(defaultValue);
        }
        return b.toString();
    }

    /** For messages: {@code `c` int NOT NULL DEFAULT 0}. */
    String describe() { return renderDefinition(); }

    private static String normalCharset(String charset) {
        String c = charset.trim().toLowerCase(Locale.ROOT);
        return c.equals("utf8mb3") ? "utf8" : c;
    }
}
