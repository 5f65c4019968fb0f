package io.godwit.shardmerge;

import java.util.Optional;

/**
 * The shard-DDL lock service: the syncs of a task's shards register their tables and report their DDLs; the
 * coordinator answers with what the merged target table runs. The master implements it over its meta store (one
 * coordinator for all workers); standalone and tests use {@link InMemoryShardDdlCoordinator}.
 *
 * <p>Optimistic mode (DM's {@code shard-mode: optimistic}): a report is answered at once, nobody waits for the other
 * shards. Every call is idempotent: the same registration or report again (after a restart) gives the same answer
 * and changes nothing more.
 */
public interface ShardDdlCoordinator {
    /**
     * A shard table joins its group (at the sync's start, or when created later) with its current definition.
     *
     * @return the statements that give the target what the new member's rows need (usually none)
     * @throws io.godwit.core.error.GodwitException SHARD_DDL_CONFLICT when its definition cannot be merged
     */
    ShardDdlDecision register(ShardGroupId group, ShardMember member, ShardTableDefinition definition);

    /**
     * A shard's DDL. The sync runs the decision's statements on the target before any later event of the shard.
     *
     * @throws io.godwit.core.error.GodwitException a SHARD-class code when the DDL cannot be coordinated; the group
     *                                              is unchanged and the sync should pause at the DDL
     */
    ShardDdlDecision report(ShardDdlReport report);

    /** A shard table was dropped upstream: it reports nothing more, its rows stay on the target. */
    void leave(ShardGroupId group, ShardMember member);

    /** The group's state, for {@code shard-ddl-lock} / {@code query-status}; empty when nobody registered. */
    Optional<ShardGroupState> group(ShardGroupId group);
}
