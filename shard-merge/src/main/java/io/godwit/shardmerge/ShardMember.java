package io.godwit.shardmerge;

import io.godwit.core.model.TableId;

import java.util.Comparator;
import java.util.Objects;

/** One upstream table of a shard group: which source it comes from and its schema-qualified name there. */
public record ShardMember(String sourceId, TableId table) implements Comparable<ShardMember> {
    private static final Comparator<ShardMember> ORDER =
            Comparator.comparing(ShardMember::sourceId).thenComparing(ShardMember::table);

    public ShardMember {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(table, "table");
    }

    public static ShardMember of(String sourceId, String schema, String table) {
        return new ShardMember(sourceId, TableId.of(schema, table));
    }

    @Override public int compareTo(ShardMember o) { return ORDER.compare(this, o); }

    /** {@code source/db.tbl}, as messages name a shard. */
    @Override public String toString() { return sourceId + "/" + table; }
}
