package io.godwit.shardmerge;

import java.util.List;
import java.util.Objects;

/**
 * What a shard's sync tells the coordinator about one DDL event: the member, its definition before the DDL and the
 * DDL's single changes with the definition after each (DM's {@code Info} with TableInfoBefore and TableInfosAfter).
 */
public record ShardDdlReport(ShardGroupId group, ShardMember member, ShardTableDefinition before, List<ShardDdlStep> steps) {
    public ShardDdlReport {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(before, "before");
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a DDL report needs at least one step");
        }
    }

    /** A DDL with one change. */
    public static ShardDdlReport of(ShardGroupId group, ShardMember member, ShardTableDefinition before,
                                    String statement, ShardTableDefinition after) {
        return new ShardDdlReport(group, member, before, List.of(new ShardDdlStep(statement, after)));
    }

    /** The member's definition after the whole DDL. */
    public ShardTableDefinition after() { return steps.get(steps.size() - 1).after(); }
}
