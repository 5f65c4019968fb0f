package io.godwit.shardmerge;

import io.godwit.core.model.TableId;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The merged ("joined") definition of a shard group: the least definition that accepts the rows of every member
 * (DM's schemacmp join, as its optimistic-DDL RFC defines it).
 *
 * <ol>
 *   <li>A column is in the join when any member has it. Its type is the widest of the members' types
 *       ({@link ColumnTypeOrder}), its charset the widest (utf8 &lt; utf8mb4), it is nullable when any member's is, and
 *       its default is the one default the members give it. Incomparable types, charsets or two different defaults
 *       are a conflict.</li>
 *   <li>A column that an active member lacks must accept rows without it: if it is NOT NULL without a default in
 *       the join, the join makes it nullable (the RFC's "drop column on the first shard" case).</li>
 *   <li>An index is in the join when any member has it (added once, dropped with the last); two different indexes
 *       with one name are a conflict, and so are different primary keys.</li>
 *   <li>Column order: the previous join's order, then new columns in member order, so that a join recomputed
 *       from the same members gives the same definition.</li>
 * </ol>
 * Departed members (their upstream table was dropped) still contribute their columns and indexes: the target keeps
 * their rows, so nothing they had is dropped; they never count as lacking a column.
 */
final class SchemaJoin {
    /** One member's part in the join. */
    record Part(ShardMember member, ShardTableDefinition definition, boolean active) {}

    private SchemaJoin() {}

    /** @throws JoinConflict when two members' definitions cannot be merged */
    static ShardTableDefinition join(List<Part> parts, ShardTableDefinition previous) {
        if (parts.isEmpty()) {
            return previous;
        }
        Map<String, Held<ShardColumn>> columns = new LinkedHashMap<>();
        if (previous != null) {
            // keep the target's order: placeholders filled (or removed) below
            previous.columns().forEach(c -> columns.put(c.key(), null));
        }
        Map<String, Held<ShardIndex>> indexes = new LinkedHashMap<>();
        String tableOptions = previous == null ? null : previous.tableOptions();
        Held<ShardIndex> primaryKey = null;
        boolean primaryKeySeen = false;
        for (Part part : parts) {
            for (ShardColumn column : part.definition().columns()) {
                Held<ShardColumn> held = columns.get(column.key());
                columns.put(column.key(), held == null ? new Held<>(column, part.member())
                        : new Held<>(joinColumns(held, column, part.member()), held.from()));
            }
            ShardIndex partPrimary = part.definition().index(ShardIndex.PRIMARY).orElse(null);
            if (!primaryKeySeen) {
                primaryKey = partPrimary == null ? null : new Held<>(partPrimary, part.member());
                primaryKeySeen = true;
            } else if (!samePrimaryKey(primaryKey == null ? null : primaryKey.value(), partPrimary)) {
                throw new JoinConflict("the primary key is " + describePrimary(primaryKey == null ? null : primaryKey.value())
                        + " on " + (primaryKey == null ? parts.get(0).member() : primaryKey.from())
                        + " but " + describePrimary(partPrimary) + " on " + part.member());
            }
            for (ShardIndex index : part.definition().indexes()) {
                if (index.primary()) {
                    continue;
                }
                Held<ShardIndex> held = indexes.get(index.key());
                if (held == null) {
                    indexes.put(index.key(), new Held<>(index, part.member()));
                } else if (!held.value().sameDefinition(index)) {
                    throw new JoinConflict("index " + held.value().describe() + " on " + held.from() + " but "
                            + index.describe() + " on " + part.member());
                }
            }
            if (tableOptions == null) {
                tableOptions = part.definition().tableOptions();
            }
        }
        List<ShardColumn> joinedColumns = new ArrayList<>();
        for (Held<ShardColumn> held : columns.values()) {
            if (held == null) {
                continue;  // a column of the previous join that no member has any more
            }
            ShardColumn column = held.value();
            boolean someActiveMemberLacks = parts.stream()
                    .anyMatch(p -> p.active() && p.definition().column(column.name()).isEmpty());
            joinedColumns.add(someActiveMemberLacks && !column.acceptsOmission() ? column.withNullable(true) : column);
        }
        List<ShardIndex> joinedIndexes = new ArrayList<>();
        if (primaryKey != null) {
            joinedIndexes.add(primaryKey.value());
        }
        indexes.values().forEach(h -> joinedIndexes.add(h.value()));
        return new ShardTableDefinition(joinedColumns, joinedIndexes, tableOptions);
    }

    private static ShardColumn joinColumns(Held<ShardColumn> held, ShardColumn other, ShardMember otherMember) {
        ShardColumn mine = held.value();
        String type = ColumnTypeOrder.wider(mine.columnType(), other.columnType());
        if (type == null) {
            throw new JoinConflict("column " + TableId.quote(mine.name()) + " is " + mine.columnType() + " on "
                    + held.from() + " but " + other.columnType() + " on " + otherMember
                    + " (types that cannot be merged into one column)");
        }
        String charset = widerCharset(mine.charset(), other.charset());
        if (charset == null && mine.charset() != null && other.charset() != null) {
            throw new JoinConflict("column " + TableId.quote(mine.name()) + " has character set " + mine.charset()
                    + " on " + held.from() + " but " + other.charset() + " on " + otherMember);
        }
        if (mine.defaultValue() != null && other.defaultValue() != null
                && !mine.defaultValue().equals(other.defaultValue())) {
            throw new JoinConflict("column " + TableId.quote(mine.name()) + " has DEFAULT " + mine.defaultValue()
                    + " on " + held.from() + " but DEFAULT " + other.defaultValue() + " on " + otherMember);
        }
        String defaultValue = mine.defaultValue() != null ? mine.defaultValue() : other.defaultValue();
        return new ShardColumn(mine.name(), type, charset, mine.nullable() || other.nullable(), defaultValue);
    }

    /** Null when both are set and neither contains the other. */
    private static String widerCharset(String a, String b) {
        if (a == null || b == null || a.equals(b)) {
            return a == null ? b : a;
        }
        if (a.equals("utf8") && b.equals("utf8mb4") || a.equals("utf8mb4") && b.equals("utf8")) {
            return "utf8mb4";
        }
        return null;
    }

    private static boolean samePrimaryKey(ShardIndex a, ShardIndex b) {
        return a == null ? b == null : b != null && a.sameDefinition(b);
    }

    private static String describePrimary(ShardIndex primaryKey) {
        return primaryKey == null ? "absent" : "(" + String.join(", ", primaryKey.columns()) + ")";
    }

    /** A joined value and the member it came from first, to name both sides of a conflict. */
    private record Held<T>(T value, ShardMember from) {
        Held {
            Objects.requireNonNull(value);
        }
    }
}
