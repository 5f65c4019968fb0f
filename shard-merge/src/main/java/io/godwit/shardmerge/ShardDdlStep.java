package io.godwit.shardmerge;

import java.util.Objects;

/**
 * One single change of a shard's DDL (the sync splits ALTER TABLE with several specifications, as DM does) and the
 * shard's table definition right after it, from the schema tracker.
 *
 * @param statement the change as the target would run it: routed to the target table and adapted to its flavour
 * @param after     the shard's definition after the change
 */
public record ShardDdlStep(String statement, ShardTableDefinition after) {
    public ShardDdlStep {
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(after, "after");
    }
}
