package io.godwit.binlog.ddl;

import java.util.List;

/**
 * An index or key as a DDL statement defines it.
 *
 * @param name      the index name; null when the statement gives none (the server derives one)
 * @param kind      what the index is; FOREIGN is a foreign key, which needs an index of its columns
 * @param parts     the key parts in order
 * @param invisible MySQL's INVISIBLE or MariaDB's IGNORED: kept up to date, but not used by the optimizer
 */
public record IndexDefinition(String name, Kind kind, List<KeyPart> parts, boolean invisible) {
    public IndexDefinition {
        parts = List.copyOf(parts);
    }

    public enum Kind { PRIMARY, UNIQUE, INDEX, FULLTEXT, SPATIAL, FOREIGN }

    /**
     * One key part: a column, optionally a prefix of it, or (MySQL 8 functional key parts) an expression.
     *
     * @param column     the column name; null for an expression part
     * @param expression the expression text with its parentheses; null for a column part
     * @param length     the prefix length, null for the whole column
     */
    public record KeyPart(String column, String expression, Integer length, boolean descending) {
        public static KeyPart of(String column) { return new KeyPart(column, null, null, false); }
    }
}
