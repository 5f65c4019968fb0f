package io.godwit.binlog.schema;

import io.godwit.binlog.ddl.ColumnDefinition;
import io.godwit.binlog.ddl.IndexDefinition;
import io.godwit.binlog.ddl.IndexDefinition.KeyPart;
import io.godwit.binlog.ddl.TableChange;
import io.godwit.binlog.ddl.TableChange.ColumnPosition;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Applies one table-level change to a tracked table the way the server does, and creates tables
 * from CREATE TABLE. A change that does not fit the model (a column added twice, a missing
 * column dropped without IF EXISTS) means the model and the source differ: it is an error,
 * never silently skipped.
 */
final class TableEditor {
    private final SourceDialect dialect;

    TableEditor(SourceDialect dialect) {
        this.dialect = dialect;
    }

    /** A new table from CREATE TABLE, in a database whose default character set is {@code databaseCharset}. */
    TrackedTable create(TableId id, TableChange.CreateTable create, String databaseCharset) {
        return create(id, create, databaseCharset, true);
    }

    /**
     * @param sortKeys false to keep the keys in the statement's order: SHOW CREATE TABLE lists them
     *                 as the server has them, which need not be sorted (see {@link TrackedTable#withKeysSorted()})
     */
    TrackedTable create(TableId id, TableChange.CreateTable create, String databaseCharset, boolean sortKeys) {
        String charset = tableCharset(create.charset(), create.collation(), databaseCharset);
        TrackedTable table = new TrackedTable(id, List.of(), List.of(), charset, create.collation());
        List<IndexDefinition> foreignKeys = new ArrayList<>();
        for (ColumnDefinition column : create.columns()) {
            if (table.column(column.name()).isPresent()) {
                throw mismatch("column " + column.name() + " is defined twice");
            }
            table = addColumn(table, column, ColumnPosition.UNCHANGED, false);
        }
        for (IndexDefinition index : create.indexes()) {
            if (index.kind() == IndexDefinition.Kind.FOREIGN) {
                foreignKeys.add(index); // MySQL adds the index a foreign key needs after all declared keys
            } else {
                table = addIndex(table, index, false);
            }
        }
        for (IndexDefinition fk : foreignKeys) {
            table = addIndex(table, fk, false);
        }
        return sortKeys ? table.withKeysSorted() : table;
    }

    /** The character set of a table: its own, else its collation's, else its database's. */
    static String tableCharset(String charset, String collation, String databaseCharset) {
        String c = Charsets.canonical(charset);
        if (c == null) {
            c = Charsets.ofCollation(collation);
        }
        return c != null ? c : databaseCharset;
    }

    TrackedTable apply(TrackedTable t, TableChange change) {
        if (change instanceof TableChange.AddColumn c) {
            return t.column(c.column().name()).isPresent()
                    ? tolerated(c.ifNotExists(), t, "column " + c.column().name() + " already exists")
                    : addColumn(t, c.column(), c.position(), true);
        }
        if (change instanceof TableChange.DropColumn c) {
            return t.column(c.name()).isEmpty()
                    ? tolerated(c.ifExists(), t, "column " + c.name() + " does not exist") : dropColumn(t, c.name());
        }
        if (change instanceof TableChange.ModifyColumn c) {
            return t.column(c.column().name()).isEmpty()
                    ? tolerated(c.ifExists(), t, "column " + c.column().name() + " does not exist")
                    : replaceColumn(t, c.column().name(), c.column(), c.position());
        }
        if (change instanceof TableChange.ChangeColumn c) {
            return t.column(c.oldName()).isEmpty()
                    ? tolerated(c.ifExists(), t, "column " + c.oldName() + " does not exist")
                    : replaceColumn(t, c.oldName(), c.column(), c.position());
        }
        if (change instanceof TableChange.RenameColumn c) {
            return renameColumn(t, c.oldName(), c.newName());
        }
        if (change instanceof TableChange.SetColumnDefault c) {
            return mapColumn(t, c.column(), col -> col.withDefault(c.defaultValue()));
        }
        if (change instanceof TableChange.SetColumnVisibility c) {
            return mapColumn(t, c.column(), col -> col.withInvisible(c.invisible()));
        }
        if (change instanceof TableChange.AddIndex c) {
            String name = c.index().kind() == IndexDefinition.Kind.PRIMARY ? TrackedIndex.PRIMARY : c.index().name();
            return name != null && t.index(name).isPresent()
                    ? tolerated(c.ifNotExists(), t, "index " + name + " already exists") : addIndex(t, c.index(), true);
        }
        if (change instanceof TableChange.DropIndex c) {
            return t.index(c.name()).isEmpty()
                    ? tolerated(c.ifExists(), t, "index " + c.name() + " does not exist") : withoutIndex(t, c.name());
        }
        if (change instanceof TableChange.DropConstraint c) {
            // A UNIQUE constraint is its index; a CHECK or foreign-key constraint changes nothing modelled.
            return t.index(c.name()).filter(TrackedIndex::unique).isPresent() ? withoutIndex(t, c.name()) : t;
        }
        if (change instanceof TableChange.RenameIndex c) {
            return renameIndex(t, c.oldName(), c.newName());
        }
        if (change instanceof TableChange.SetIndexVisibility c) {
            TrackedIndex index = t.index(c.name()).orElseThrow(() -> mismatch("index " + c.name() + " does not exist"));
            return t.withIndexes(t.indexes().stream().map(i -> i == index ? i.withInvisible(c.invisible()) : i).toList());
        }
        if (change instanceof TableChange.SetTableOptions c) {
            String charset = tableCharset(c.charset(), c.collation(), t.charset());
            // A new character set without a collation takes that set's default collation.
            String collation = c.collation() != null ? c.collation() : c.charset() != null ? null : t.collation();
            return t.withDefaults(charset, collation);
        }
        if (change instanceof TableChange.ConvertCharset c) {
            return convert(t, c);
        }
        if (change instanceof TableChange.Unmodeled) {
            return t;
        }
        throw new IllegalArgumentException("not a change of one table's definition: " + change);
    }

    // ---- columns

    private TrackedTable addColumn(TrackedTable t, ColumnDefinition definition, ColumnPosition position, boolean sortKeys) {
        TrackedColumn column = resolve(definition, t.charset(), false);
        List<TrackedColumn> columns = new ArrayList<>(t.columns());
        columns.add(insertionPoint(t, columns.size(), position), column);
        return withInlineKey(t.withColumns(columns), definition, sortKeys);
    }

    private TrackedTable replaceColumn(TrackedTable t, String oldName, ColumnDefinition definition, ColumnPosition position) {
        int at = t.columnIndex(oldName);
        if (!definition.name().equalsIgnoreCase(oldName) && t.column(definition.name()).isPresent()) {
            throw mismatch("column " + definition.name() + " already exists");
        }
        boolean inPrimaryKey = t.index(TrackedIndex.PRIMARY).map(pk -> pk.parts().stream()
                .anyMatch(p -> oldName.equalsIgnoreCase(p.column()))).orElse(false);
        TrackedColumn column = resolve(definition, t.charset(), inPrimaryKey);
        List<TrackedColumn> columns = new ArrayList<>(t.columns());
        columns.remove(at);
        TrackedTable without = t.withColumns(columns);
        int to = position.placement() == ColumnPosition.Placement.UNCHANGED ? at
                : insertionPoint(without, columns.size(), position);
        columns.add(to, column);
        TrackedTable renamed = t.withColumns(columns).withIndexes(renamedInIndexes(t.indexes(), oldName, column.name()));
        boolean uniqueKeyTurnsNullable = column.nullable() && !t.column(oldName).orElseThrow().nullable()
                && renamed.indexes().stream().anyMatch(i -> i.unique() && i.parts().stream()
                        .anyMatch(p -> column.named(p.column())));
        if (uniqueKeyTurnsNullable) {
            renamed = renamed.withKeysSorted();
        }
        return withInlineKey(renamed, definition, true);
    }

    private TrackedTable renameColumn(TrackedTable t, String oldName, String newName) {
        TrackedColumn old = t.column(oldName).orElseThrow(() -> mismatch("column " + oldName + " does not exist"));
        if (!newName.equalsIgnoreCase(oldName) && t.column(newName).isPresent()) {
            throw mismatch("column " + newName + " already exists");
        }
        List<TrackedColumn> columns = t.columns().stream().map(c -> c == old ? c.withName(newName) : c).toList();
        return t.withColumns(columns).withIndexes(renamedInIndexes(t.indexes(), oldName, newName));
    }

    private static TrackedTable mapColumn(TrackedTable t, String name, UnaryOperator<TrackedColumn> f) {
        TrackedColumn old = t.column(name).orElseThrow(() -> mismatch("column " + name + " does not exist"));
        return t.withColumns(t.columns().stream().map(c -> c == old ? f.apply(c) : c).toList());
    }

    /** Dropping a column takes it out of every index; an index left without columns goes too. */
    private static TrackedTable dropColumn(TrackedTable t, String name) {
        List<TrackedColumn> columns = t.columns().stream().filter(c -> !c.named(name)).toList();
        List<TrackedIndex> indexes = new ArrayList<>();
        for (TrackedIndex index : t.indexes()) {
            List<KeyPart> parts = index.parts().stream().filter(p -> !name.equalsIgnoreCase(p.column())).toList();
            if (!parts.isEmpty()) {
                indexes.add(index.withParts(parts));
            }
        }
        return t.withColumns(columns).withIndexes(indexes);
    }

    private static List<TrackedIndex> renamedInIndexes(List<TrackedIndex> indexes, String oldName, String newName) {
        return indexes.stream().map(i -> i.withParts(i.parts().stream()
                .map(p -> oldName.equalsIgnoreCase(p.column())
                        ? new KeyPart(newName, null, p.length(), p.descending()) : p).toList())).toList();
    }

    private static int insertionPoint(TrackedTable t, int end, ColumnPosition position) {
        return switch (position.placement()) {
            case FIRST -> 0;
            case AFTER -> {
                int after = t.columnIndex(position.afterColumn());
                if (after < 0) {
                    throw mismatch("column " + position.afterColumn() + " (of AFTER) does not exist");
                }
                yield after + 1;
            }
            case UNCHANGED -> end;
        };
    }

    /** A column definition as the server stores it in a table whose default character set is {@code tableCharset}. */
    TrackedColumn resolve(ColumnDefinition d, String tableCharset, boolean inPrimaryKey) {
        ColumnTypes.Resolved type = ColumnTypes.resolve(d.type(), tableCharset, dialect);
        boolean serial = d.type().name().equals("SERIAL");
        boolean notNull = Boolean.FALSE.equals(d.nullable()) || serial || inPrimaryKey
                || d.inlineKey() == ColumnDefinition.InlineKey.PRIMARY;
        return new TrackedColumn(d.name(), type.dataType(), type.columnType(), !notNull, type.charset(),
                type.collation(), d.defaultValue(), d.autoIncrement() || serial, d.onUpdate(), d.generationExpression(),
                d.stored(), d.invisible(), d.comment());
    }

    /** PRIMARY KEY or UNIQUE written on a column, and SERIAL's implied UNIQUE. */
    private TrackedTable withInlineKey(TrackedTable t, ColumnDefinition d, boolean sortKeys) {
        IndexDefinition.Kind kind = switch (d.inlineKey()) {
            case PRIMARY -> IndexDefinition.Kind.PRIMARY;
            case UNIQUE -> IndexDefinition.Kind.UNIQUE;
            case NONE -> d.type().name().equals("SERIAL") ? IndexDefinition.Kind.UNIQUE : null;
        };
        return kind == null ? t
                : addIndex(t, new IndexDefinition(null, kind, List.of(KeyPart.of(d.name())), false), sortKeys);
    }

    // ---- indexes

    /** Adds a key; the server then sorts all keys ({@code sortKeys}), except while it builds a new table. */
    private TrackedTable addIndex(TrackedTable t, IndexDefinition index, boolean sortKeys) {
        for (KeyPart part : index.parts()) {
            if (part.column() != null && t.column(part.column()).isEmpty()) {
                throw mismatch("key column " + part.column() + " does not exist");
            }
        }
        List<TrackedIndex> indexes = new ArrayList<>(t.indexes());
        switch (index.kind()) {
            case PRIMARY -> {
                if (t.index(TrackedIndex.PRIMARY).isPresent()) {
                    throw mismatch("the table already has a primary key");
                }
                indexes.add(new TrackedIndex(TrackedIndex.PRIMARY, TrackedIndex.Kind.PRIMARY, index.parts(), false));
                // Primary key columns are NOT NULL, whatever their definition said.
                List<TrackedColumn> columns = t.columns().stream().map(c -> index.parts().stream()
                        .anyMatch(p -> c.named(p.column())) ? c.withNullable(false) : c).toList();
                TrackedTable withPrimary = t.withColumns(columns).withIndexes(indexes);
                return sortKeys ? withPrimary.withKeysSorted() : withPrimary;
            }
            case FOREIGN -> {
                if (hasLeadingIndex(t, index.parts())) {
                    return t; // an existing index already serves the foreign key
                }
                indexes.add(new TrackedIndex(uniqueName(t, index.name(), index.parts()), TrackedIndex.Kind.INDEX,
                        index.parts(), false));
            }
            default -> {
                if (index.name() != null && (t.index(index.name()).isPresent()
                        || index.name().equalsIgnoreCase(TrackedIndex.PRIMARY))) {
                    throw mismatch("index " + index.name() + " already exists");
                }
                String name = index.name() != null ? index.name() : uniqueName(t, null, index.parts());
                indexes.add(new TrackedIndex(name, TrackedIndex.Kind.valueOf(index.kind().name()), index.parts(),
                        index.invisible()));
            }
        }
        return sortKeys ? t.withIndexes(indexes).withKeysSorted() : t.withIndexes(indexes);
    }

    /** An index whose first columns are {@code parts}' columns, in order. */
    private static boolean hasLeadingIndex(TrackedTable t, List<KeyPart> parts) {
        return t.indexes().stream().filter(i -> i.kind() != TrackedIndex.Kind.FULLTEXT
                && i.kind() != TrackedIndex.Kind.SPATIAL && i.parts().size() >= parts.size()).anyMatch(i -> {
                    for (int k = 0; k < parts.size(); k++) {
                        if (i.parts().get(k).column() == null
                                || !i.parts().get(k).column().equalsIgnoreCase(parts.get(k).column())) {
                            return false;
                        }
                    }
                    return true;
                });
    }

    /**
     * The name the server gives an unnamed index: its first column's name (MySQL's
     * {@code functional_index} for an expression), made unique with {@code _2}, {@code _3}, ...
     */
    private static String uniqueName(TrackedTable t, String wanted, List<KeyPart> parts) {
        if (wanted != null && t.index(wanted).isEmpty()) {
            return wanted;
        }
        String base = parts.get(0).column() != null
                ? t.column(parts.get(0).column()).map(TrackedColumn::name).orElse(parts.get(0).column())
                : "functional_index";
        if (t.index(base).isEmpty() && !base.equalsIgnoreCase(TrackedIndex.PRIMARY)) {
            return base;
        }
        for (int n = 2; ; n++) {
            String candidate = base + "_" + n;
            if (t.index(candidate).isEmpty()) {
                return candidate;
            }
        }
    }

    private static TrackedTable withoutIndex(TrackedTable t, String name) {
        return t.withIndexes(t.indexes().stream().filter(i -> !i.named(name)).toList());
    }

    private static TrackedTable renameIndex(TrackedTable t, String oldName, String newName) {
        TrackedIndex old = t.index(oldName).orElseThrow(() -> mismatch("index " + oldName + " does not exist"));
        if (!oldName.equalsIgnoreCase(newName) && t.index(newName).isPresent()) {
            throw mismatch("index " + newName + " already exists");
        }
        return t.withIndexes(t.indexes().stream().map(i -> i == old ? i.withName(newName) : i).toList());
    }

    // ---- table options

    /** CONVERT TO CHARACTER SET: every character column takes the new set; TEXT types grow to keep their length. */
    private static TrackedTable convert(TrackedTable t, TableChange.ConvertCharset c) {
        String charset = tableCharset(c.charset(), c.collation(), t.charset());
        if (Charsets.BINARY.equals(charset)) {
            throw new GodwitException(ErrorCode.DDL_UNSUPPORTED,
                    "CONVERT TO CHARACTER SET binary is not modelled by the schema tracker");
        }
        List<TrackedColumn> columns = t.columns().stream().map(col -> {
            if (!ColumnTypes.isCharacter(col.dataType())) {
                return col;
            }
            String dataType = ColumnTypes.textFor(col.dataType(), col.charset(), charset);
            String columnType = dataType.equals(col.dataType()) ? col.columnType() : dataType;
            return col.withType(dataType, columnType, charset, c.collation());
        }).toList();
        return t.withColumns(columns).withDefaults(charset, c.collation());
    }

    // ---- errors

    private static TrackedTable tolerated(boolean ifExistsClause, TrackedTable unchanged, String problem) {
        if (ifExistsClause) {
            return unchanged;
        }
        throw mismatch(problem);
    }

    static GodwitException mismatch(String problem) {
        return new GodwitException(ErrorCode.SCHEMA_MISMATCH, problem);
    }
}
