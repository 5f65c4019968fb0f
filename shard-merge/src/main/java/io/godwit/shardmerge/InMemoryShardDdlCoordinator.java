package io.godwit.shardmerge;

import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The coordinator in one process: the groups' states in a map, one lock for all (DDLs are rare; a report is answered
 * in microseconds), whose monitor also wakes those waiting for an acknowledgement. Standalone mode and tests use it
 * without persistence; the master gives it a {@link ShardGroupPersistence} that writes every change to its meta store
 * inside the lock, before the change is made here and before anyone gets an answer.
 */
public final class InMemoryShardDdlCoordinator implements ShardDdlCoordinator {
    private final Map<ShardGroupId, ShardGroupState> groups = new HashMap<>();
    private final ShardGroupPersistence persistence;

    public InMemoryShardDdlCoordinator() {
        this(List.of(), ShardGroupPersistence.NONE);
    }

    /** Continues from stored states (e.g. read back with {@link ShardGroupStateJson#fromJson}), pending versions too. */
    public InMemoryShardDdlCoordinator(Collection<ShardGroupState> states) {
        this(states, ShardGroupPersistence.NONE);
    }

    /**
     * Continues from stored states and hands every later change to {@code persistence} first; a change it refuses
     * (throws) is not made.
     */
    public InMemoryShardDdlCoordinator(Collection<ShardGroupState> states, ShardGroupPersistence persistence) {
        this.persistence = persistence;
        states.forEach(s -> groups.put(s.group(), s));
    }

    @Override
    public synchronized ShardDdlDecision register(ShardGroupId group, ShardMember member, ShardTableDefinition definition) {
        OptimisticShardGroup.Result result = OptimisticShardGroup.register(stateOf(group), member, definition);
        change(group, result.state());
        return result.decision();
    }

    @Override
    public synchronized ShardDdlDecision report(ShardDdlReport report) {
        OptimisticShardGroup.Result result = OptimisticShardGroup.report(stateOf(report.group()), report,
                ShardGroupStateJson.digest(report));
        change(report.group(), result.state());
        return result.decision();
    }

    @Override
    public synchronized void acknowledge(ShardGroupId group, ShardMember member, long version) {
        ShardGroupState state = groups.get(group);
        if (state == null) {
            return;
        }
        if (change(group, OptimisticShardGroup.acknowledge(state, member, version))) {
            notifyAll();
        }
    }

    @Override
    public synchronized void leave(ShardGroupId group, ShardMember member) {
        ShardGroupState state = groups.get(group);
        if (state != null) {
            change(group, OptimisticShardGroup.leave(state, member));
        }
    }

    /**
     * Drops every group of {@code task} (DM's stop-task releases its locks), persisted through
     * {@link ShardGroupPersistence#remove} first.
     *
     * @return the groups dropped, empty when the task had none
     */
    public synchronized List<ShardGroupId> removeTask(String task) {
        return removeTask(task, removed -> {
            if (!removed.isEmpty()) {
                persistence.remove(task, removed);
            }
        });
    }

    /**
     * Drops every group of {@code task}, calling {@code persist} (instead of the coordinator's persistence) with the
     * groups about to go, even none, so the caller can save the removal together with a change of its own (the master
     * removes the task in the same save). When {@code persist} throws, nothing is dropped.
     *
     * @return the groups dropped, empty when the task had none
     */
    public synchronized List<ShardGroupId> removeTask(String task, Consumer<List<ShardGroupId>> persist) {
        List<ShardGroupId> removed = groups.keySet().stream().filter(g -> g.task().equals(task)).sorted(
                Comparator.comparing(ShardGroupId::toString)).toList();
        persist.accept(removed);
        // a sync still waiting for a version of a dropped group waits until its timeout (its task is being stopped)
        removed.forEach(groups::remove);
        return removed;
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
    @Override
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

    /**
     * Persists and then keeps {@code next} when it differs from the group's current state (a replayed report or a
     * repeated acknowledgement changes nothing and writes nothing).
     *
     * @return whether the group changed
     */
    private boolean change(ShardGroupId group, ShardGroupState next) {
        if (next.equals(groups.get(group))) {
            return false;
        }
        persistence.save(next);
        groups.put(group, next);
        return true;
    }

    private ShardGroupState stateOf(ShardGroupId group) {
        return groups.getOrDefault(group, ShardGroupState.empty(group));
    }
}
