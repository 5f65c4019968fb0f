package io.godwit.core.model;

/**
 * One column of a source table as information_schema describes it.
 *
 * @param dataType   lower-case base type ({@code int}, {@code varchar}, {@code datetime}, ...)
 * @param columnType the full type ({@code int(10) unsigned}, {@code enum('a','b')}, ...)
 * @param generated  a virtual/stored generated column: never read or written as data
 * @param charset    the column's character set, null for non-string types
 */
public record ColumnInfo(String name, String dataType, String columnType, boolean nullable,
                         boolean generated, String charset) {
    public String quotedName() { return TableId.quote(name); }
}
