package io.godwit.shardmerge;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The coordinator in one process: the groups' states in a map, one lock for all (DDLs are rare; a report is answered
 * in microseconds). Standalone mode and tests use it; the master's implementation adds persistence around the same
 * {@link OptimisticShardGroup} functions.
 */
public final class InMemoryShardDdlCoordinator implements ShardDdlCoordinator {
    private final Map<ShardGroupId, ShardGroupState> groups = new HashMap<>();

    public InMemoryShardDdlCoordinator() {}

    /** Continues from stored states (e.g. read back with {@link ShardGroupStateJson#fromJson}). */
    public InMemoryShardDdlCoordinator(Collection<ShardGroupState> states) {
        states.forEach(s -> groups.put(s.group(), s));
    }

    @Override
    public synchronized ShardDdlDecision register(ShardGroupId group, ShardMember member, ShardTableDefinition definition) {
        OptimisticShardGroup.Result result = OptimisticShardGroup.register(stateOf(group), member, definition);
        groups.put(group, result.state());
        return result.decision();
    }

    @Override
    public synchronized ShardDdlDecision report(ShardDdlReport report) {
        OptimisticShardGroup.Result result = OptimisticShardGroup.report(stateOf(report.group()), report,
                ShardGroupStateJson.digest(report));
        groups.put(report.group(), result.state());
        return result.decision();
    }

    @Override
    public synchronized void leave(ShardGroupId group, ShardMember member) {
        ShardGroupState state = groups.get(group);
        if (state != null) {
            groups.put(group, OptimisticShardGroup.leave(state, member));
        }
    }

    @Override
    public synchronized Optional<ShardGroupState> group(ShardGroupId group) {
        return Optional.ofNullable(groups.get(group));
    }

    /** Every group's state, to persist them all. */
    public synchronized List<ShardGroupState> groups() {
        return List.copyOf(groups.values());
    }

    private ShardGroupState stateOf(ShardGroupId group) {
        return groups.getOrDefault(group, ShardGroupState.empty(group));
    }
}
