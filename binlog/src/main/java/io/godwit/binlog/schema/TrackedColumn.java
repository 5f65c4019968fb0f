package io.godwit.binlog.schema;

import io.godwit.core.model.ColumnInfo;

/**
 * A column of a tracked table: what {@link ColumnInfo} says, plus what re-rendering a
 * {@code CREATE TABLE} needs. Serialized as is into the tracker's JSON snapshot.
 *
 * @param collation            the collation when one was given, else null (the charset's default)
 * @param defaultValue         the DEFAULT value's text as written, null when none
 * @param generationExpression the expression of a generated column (with its parentheses), else null
 * @param comment              the COMMENT string literal as written, null when none
 */
record TrackedColumn(String name, String dataType, String columnType, boolean nullable, String charset,
                     String collation, String defaultValue, boolean autoIncrement, String onUpdate,
                     String generationExpression, boolean stored, boolean invisible, String comment) {

    boolean generated() { return generationExpression != null; }

    boolean named(String other) { return name.equalsIgnoreCase(other); }

    ColumnInfo info() { return new ColumnInfo(name, dataType, columnType, nullable, generated(), charset); }

    TrackedColumn withName(String newName) {
        return new TrackedColumn(newName, dataType, columnType, nullable, charset, collation, defaultValue, autoIncrement,
                onUpdate, generationExpression, stored, invisible, comment);
    }

    TrackedColumn withNullable(boolean newNullable) {
        return new TrackedColumn(name, dataType, columnType, newNullable, charset, collation, defaultValue, autoIncrement,
                onUpdate, generationExpression, stored, invisible, comment);
    }

    TrackedColumn withDefault(String newDefault) {
        return new TrackedColumn(name, dataType, columnType, nullable, charset, collation, newDefault, autoIncrement,
                onUpdate, generationExpression, stored, invisible, comment);
    }

    TrackedColumn withInvisible(boolean newInvisible) {
        return new TrackedColumn(name, dataType, columnType, nullable, charset, collation, defaultValue, autoIncrement,
                onUpdate, generationExpression, stored, newInvisible, comment);
    }

    TrackedColumn withType(String newDataType, String newColumnType, String newCharset, String newCollation) {
        return new TrackedColumn(name, newDataType, newColumnType, nullable, newCharset, newCollation, defaultValue,
                autoIncrement, onUpdate, generationExpression, stored, invisible, comment);
    }
}
