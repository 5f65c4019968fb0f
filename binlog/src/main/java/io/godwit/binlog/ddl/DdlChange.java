package io.godwit.binlog.ddl;

import io.godwit.core.model.TableId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One single DDL change: a statement of its own, made of the original bytes of the part of the
 * logged statement it came from, with the positions of every table and database name in it so
 * that routing can rewrite exactly those.
 */
public final class DdlChange {
    /** A table or database name in {@link #sql} at {@code [start, stop)}; empty where an implicit name is inserted. */
    record NameRef(int start, int stop, TableId table, boolean databaseOnly) {}

    private final DdlKind kind;
    private final TableId table;
    private final TableId relatedTable;
    private final TableChange change;
    private final String sql;
    private final List<NameRef> names;

    DdlChange(DdlKind kind, TableId table, TableId relatedTable, TableChange change, String sql, List<NameRef> names) {
        this.kind = Objects.requireNonNull(kind);
        this.table = Objects.requireNonNull(table);
        this.relatedTable = relatedTable;
        this.change = Objects.requireNonNull(change);
        this.sql = Objects.requireNonNull(sql);
        this.names = names.stream().sorted(Comparator.comparingInt(NameRef::start)).toList();
    }

    public DdlKind kind() { return kind; }

    /**
     * The table changed, resolved against the statement's current database; for a database
     * statement ({@link DdlKind#isDatabaseLevel()}) the database with an empty table name.
     */
    public TableId table() { return table; }

    /**
     * The second table of the change: the new name of a rename, the model table of
     * {@code CREATE TABLE ... LIKE}; empty for other changes.
     */
    public Optional<TableId> relatedTable() { return Optional.ofNullable(relatedTable); }

    public TableChange change() { return change; }

    /** This change as a statement of its own. */
    public String sql() { return sql; }

    List<NameRef> names() { return names; }

    /**
     * This change with every table and database name passed through {@code router} and written
     * back qualified and backquoted; the rest of the text is kept byte for byte. Names include
     * those of {@code LIKE}, {@code RENAME ... TO} and foreign-key {@code REFERENCES}. A database
     * name is routed as a {@link TableId} with an empty table name, and the router's schema is used.
     */
    public DdlChange route(UnaryOperator<TableId> router) {
        StringBuilder out = new StringBuilder(sql.length() + 32);
        List<NameRef> routedNames = new ArrayList<>(names.size());
        int cursor = 0;
        for (NameRef ref : names) {
            out.append(sql, cursor, ref.start());
            TableId routed = routeOne(ref.table(), ref.databaseOnly(), router);
            String text = ref.databaseOnly() ? TableId.quote(routed.schema()) : routed.quoted();
            if (ref.start() == ref.stop()) {
                out.append(' '); // a database the statement left implicit, now named
            }
            routedNames.add(new NameRef(out.length(), out.length() + text.length(), routed, ref.databaseOnly()));
            out.append(text);
            cursor = ref.stop();
        }
        out.append(sql, cursor, sql.length());
        TableId routedTable = routeOne(table, kind.isDatabaseLevel(), router);
        TableId routedRelated = relatedTable == null ? null : routeOne(relatedTable, false, router);
        return new DdlChange(kind, routedTable, routedRelated, change, out.toString(), routedNames);
    }

    private static TableId routeOne(TableId id, boolean databaseOnly, UnaryOperator<TableId> router) {
        TableId routed = Objects.requireNonNull(router.apply(id), "router returned null for " + id);
        return databaseOnly ? TableId.of(routed.schema(), "") : routed;
    }

    @Override public boolean equals(Object o) {
        return o instanceof DdlChange d && kind == d.kind && table.equals(d.table)
                && Objects.equals(relatedTable, d.relatedTable) && change.equals(d.change) && sql.equals(d.sql);
    }

    @Override public int hashCode() { return Objects.hash(kind, table, relatedTable, change, sql); }

    @Override public String toString() { return kind + " " + table + ": " + sql; }
}
