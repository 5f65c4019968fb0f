package io.godwit.shardmerge;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A table definition as the optimistic coordination compares it: one shard's (from the sync's schema tracker) or the
 * merged one the target has.
 *
 * @param columns      the columns in ordinal order
 * @param indexes      the indexes, the primary key ({@link ShardIndex#PRIMARY}) included
 * @param tableOptions the table options that matter for the target ({@code ENGINE=..., DEFAULT CHARSET=..., COMMENT=...}
 *                     without {@code AUTO_INCREMENT=n}), null when the caller does not track them; a change of them is
 *                     not coordinated
 */
public record ShardTableDefinition(List<ShardColumn> columns, List<ShardIndex> indexes, String tableOptions) {
    public ShardTableDefinition {
        columns = List.copyOf(columns);
        indexes = List.copyOf(indexes);
    }

    public static ShardTableDefinition of(List<ShardColumn> columns, List<ShardIndex> indexes) {
        return new ShardTableDefinition(columns, indexes, null);
    }

    public Optional<ShardColumn> column(String name) {
        return columns.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
    }

    public Optional<ShardIndex> index(String name) {
        return indexes.stream().filter(i -> i.name().equalsIgnoreCase(name)).findFirst();
    }

    /** Equal for the target: the same columns (in any order) and indexes by {@code sameDefinition}, same options. */
    boolean sameDefinition(ShardTableDefinition other) {
        if (columns.size() != other.columns.size() || indexes.size() != other.indexes.size()
                || !Objects.equals(tableOptions, other.tableOptions)) {
            return false;
        }
        for (ShardColumn c : columns) {
            if (other.column(c.name()).filter(c::sameDefinition).isEmpty()) {
                return false;
            }
        }
        for (ShardIndex i : indexes) {
            if (other.index(i.name()).filter(i::sameDefinition).isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
