package io.godwit.core.model;

import java.util.Objects;

/** A schema-qualified table name, exactly as the server spells it. */
public record TableId(String schema, String table) implements Comparable<TableId> {
    public TableId {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
    }

    public static TableId of(String schema, String table) { return new TableId(schema, table); }

    /** Backquoted for MySQL-family SQL: {@code `db`.`t`}. */
    public String quoted() { return quote(schema) + "." + quote(table); }

    public static String quote(String identifier) { return "`" + identifier.replace("`", "``") + "`"; }

    @Override public int compareTo(TableId o) {
        int c = schema.compareTo(o.schema);
        return c != 0 ? c : table.compareTo(o.table);
    }

    @Override public String toString() { return schema + "." + table; }
}
