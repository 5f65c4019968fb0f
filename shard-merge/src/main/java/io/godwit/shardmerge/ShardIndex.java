package io.godwit.shardmerge;

import io.godwit.core.model.TableId;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One index of a shard's table. The primary key is the index named {@code PRIMARY}, as MySQL names it.
 *
 * @param name    the index name (compared case-insensitively)
 * @param columns the indexed column names in key order
 * @param unique  a UNIQUE index (the primary key counts as unique)
 */
public record ShardIndex(String name, List<String> columns, boolean unique) {
    public static final String PRIMARY = "PRIMARY";

    public ShardIndex {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
    }

    public static ShardIndex primaryKey(String... columns) { return new ShardIndex(PRIMARY, List.of(columns), true); }

    public static ShardIndex index(String name, String... columns) { return new ShardIndex(name, List.of(columns), false); }

    public static ShardIndex uniqueIndex(String name, String... columns) {
        return new ShardIndex(name, List.of(columns), true);
    }

    public boolean primary() { return name.equalsIgnoreCase(PRIMARY); }

    String key() { return name.toLowerCase(Locale.ROOT); }

    /** Same key parts (column names case-insensitive) and uniqueness. */
    boolean sameDefinition(ShardIndex other) {
        return unique == other.unique && lowerColumns().equals(other.lowerColumns());
    }

    private List<String> lowerColumns() { return columns.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList(); }

    /** {@code UNIQUE INDEX `k` (`a`, `b`)}, for ADD INDEX. */
    String renderDefinition() {
        return (unique ? "UNIQUE INDEX " : "INDEX ") + TableId.quote(name) + " ("
                + columns.stream().map(TableId::quote).collect(Collectors.joining(", ")) + ")";
    }

    String describe() { return renderDefinition(); }
}
