package io.godwit.binlog.ddl;

import java.util.List;

/**
 * A column as a DDL statement defines it, before the server's defaults are applied (the schema
 * tracker resolves those: display widths, character sets, implicit NOT NULL).
 *
 * @param nullable             TRUE for {@code NULL}, FALSE for {@code NOT NULL}, null when not said
 * @param defaultValue         the text of the DEFAULT value as written, null when none
 * @param onUpdate             the text after {@code ON UPDATE}, null when none
 * @param generationExpression the expression of a generated column, with its parentheses; null otherwise
 * @param stored               a generated column that is STORED/PERSISTENT (else VIRTUAL)
 * @param comment              the COMMENT string literal as written, null when none
 * @param inlineKey            a PRIMARY KEY or UNIQUE written on the column itself
 */
public record ColumnDefinition(String name, Type type, Boolean nullable, String defaultValue, boolean autoIncrement,
                               String onUpdate, String generationExpression, boolean stored, boolean invisible,
                               String comment, InlineKey inlineKey) {

    public enum InlineKey { NONE, PRIMARY, UNIQUE }

    public boolean generated() { return generationExpression != null; }

    /**
     * A data type with its synonyms folded ({@code INTEGER} is {@code INT}, {@code DEC} is
     * {@code DECIMAL}, {@code REAL} is {@code DOUBLE}, {@code NVARCHAR} is a national
     * {@code VARCHAR}, {@code LONG} is {@code MEDIUMTEXT}).
     *
     * @param name      the upper-case base type: {@code INT}, {@code VARCHAR}, {@code ENUM}, {@code BOOLEAN},
     *                  {@code SERIAL}, {@code UUID}, ...
     * @param lengths   the numbers in parentheses as written, e.g. {@code ["10", "2"]}; empty when none
     * @param values    the ENUM/SET members as written (quoted literals); empty for other types
     * @param binary    the {@code BINARY} attribute of a character type (a binary collation)
     * @param national  NATIONAL/NCHAR/NVARCHAR: the character set is utf8mb3
     * @param charset   the CHARACTER SET given with the type, lower case; null when none
     * @param collation the COLLATE given with the type or the column, lower case; null when none
     */
    public record Type(String name, List<String> lengths, List<String> values, boolean unsigned, boolean zerofill,
                       boolean binary, boolean national, String charset, String collation) {
        public Type {
            lengths = List.copyOf(lengths);
            values = List.copyOf(values);
        }

        public Type withCollation(String newCollation) {
            return new Type(name, lengths, values, unsigned, zerofill, binary, national, charset, newCollation);
        }
    }
}
