package io.godwit.shardmerge;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The coordinator in one process: the groups' states in a map, one lock for all (DDLs are rare; a report is answered
 * in microseconds), whose monitor also wakes those waiting for an acknowledgement. Standalone mode and tests use it;
 * the master's implementation adds persistence around the same {@link OptimisticShardGroup} functions.
 */
public final class InMemoryShardDdlCoordinator implements ShardDdlCoordinator {
    private final Map<ShardGroupId, ShardGroupState> groups = new HashMap<>();

    public InMemoryShardDdlCoordinator() {}

    /** Continues from stored states (e.g. read back with {@link ShardGroupStateJson#fromJson}), pending versions too. */
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
    public synchronized void acknowledge(ShardGroupId group, ShardMember member, long version) {
        ShardGroupState state = groups.get(group);
        if (state == null) {
            return;
        }
        ShardGroupState after = OptimisticShardGroup.acknowledge(state, member, version);
        if (after != state) {
            groups.put(group, after);
            notifyAll();
        }
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

    /**
     * Whether the target has run every execution of the group up to {@code version} ({@link ShardGroupState#applied});
     * version 0 always, a version the group never gave out never.
     */
    public synchronized boolean isApplied(ShardGroupId group, long version) {
        return stateOf(group).applied(version);
    }

    /**
     * Waits until {@link #isApplied} holds for {@code version}, at most {@code timeout}.
     *
     * @return whether it holds; false when the timeout passed first
     * @throws InterruptedException when the waiting thread is interrupted (the caller stops or pauses its sync)
     */
    public synchronized boolean awaitApplied(ShardGroupId group, long version, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isApplied(group, version)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** Every group's state, to persist them all. */
    public synchronized List<ShardGroupState> groups() {
        return List.copyOf(groups.values());
    }

    private ShardGroupState stateOf(ShardGroupId group) {
        return groups.getOrDefault(group, ShardGroupState.empty(group));
    }
}
