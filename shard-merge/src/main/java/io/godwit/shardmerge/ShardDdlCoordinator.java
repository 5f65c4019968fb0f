package io.godwit.shardmerge;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The shard-DDL lock service: the syncs of a task's shards register their tables and report their DDLs; the
 * coordinator answers with what the merged target table runs. The master implements it over its meta store (one
 * coordinator for all workers, which reach it with {@link HttpShardDdlCoordinator}); {@code standalone --task} and
 * tests use {@link InMemoryShardDdlCoordinator}.
 *
 * <p>Optimistic mode (DM's {@code shard-mode: optimistic}): a report is answered at once, nobody waits for the other
 * shards to make the same change. Every call is idempotent: the same registration or report again (after a restart)
 * gives the same answer and changes nothing more.
 *
 * <p>Done acknowledgements (DM's lock owner running the DDL and the others waiting for "done"): a decision with
 * statements has a group-wide {@link ShardDdlDecision#version() version} and its member as owner; the owner runs the
 * statements and then {@link #acknowledge acknowledges} the version. Every decision made while versions are pending
 * carries the highest as {@link ShardDdlDecision#awaitVersion() awaitVersion}; the member waits until
 * {@link ShardGroupState#applied} holds for it (in {@link #group}, or with
 * {@link #awaitApplied}) before it runs its statements or applies the rows after its DDL.
 * The coordinator persists the new state, pending versions included, before it answers.
 *
 * <p>Restarts:
 * <ul>
 *   <li>of the coordinator (the master): the pending versions are part of {@link ShardGroupState} and its JSON, so it
 *       still knows which are unacknowledged, and a replayed report gets the same decision with the same versions;</li>
 *   <li>of an owner's sync: before it applies anything of a shard, it looks up the
 *       {@link ShardGroupState#pendingOf pending executions} of its members and, for each in version order, waits until
 *       {@code version - 1} is applied, runs the statements unless its DDL checkpoint records them as run (a target
 *       that already has the change counts as run), and acknowledges the version. A DDL read again from the binlog
 *       (the checkpoint was before it) is reported again and gets its stored decision: the same version to run and
 *       acknowledge. Until the owner does so, the group's other shards wait (with their timeouts): an owner that never
 *       comes back (its source left the task) holds them, and there is no command yet to acknowledge in its name.</li>
 * </ul>
 * A sync acknowledges its own pending versions before it reports its member's next DDL; otherwise that decision's
 * {@code awaitVersion} is its own version and it waits for itself until its timeout.
 */
public interface ShardDdlCoordinator {
    /**
     * A shard table joins its group (at the sync's start, or when created later) with its current definition.
     *
     * @return the statements that give the target what the new member's rows need (usually none), with their version
     *         and the version to await as for a report
     * @throws io.godwit.core.error.GodwitException SHARD_DDL_CONFLICT when its definition cannot be merged
     */
    ShardDdlDecision register(ShardGroupId group, ShardMember member, ShardTableDefinition definition);

    /**
     * A shard's DDL. The sync waits for the decision's {@code awaitVersion}, runs its statements on the target,
     * acknowledges its {@code version}, and only then applies later events of the shard.
     *
     * @throws io.godwit.core.error.GodwitException a SHARD-class code when the DDL cannot be coordinated; the group
     *                                              (its pending versions included) is unchanged and the sync should
     *                                              pause at the DDL
     */
    ShardDdlDecision report(ShardDdlReport report);

    /**
     * The owner of {@code version} ran its statements on the target (or found them there): it is no longer pending,
     * and whoever awaits it may go on once earlier versions are acknowledged too. Idempotent: a version acknowledged
     * before, never given out or of an unknown group changes nothing.
     *
     * @throws io.godwit.core.error.GodwitException CLUSTER_CONFLICT when another member owns the pending version
     */
    void acknowledge(ShardGroupId group, ShardMember member, long version);

    /**
     * A shard table was dropped upstream: it reports nothing more, its rows stay on the target. Versions it owns stay
     * pending until it acknowledges them.
     */
    void leave(ShardGroupId group, ShardMember member);

    /**
     * The group's state, for {@code shard-ddl-lock} / {@code query-status} and for a restarted sync's pending
     * executions; empty when nobody registered.
     */
    Optional<ShardGroupState> group(ShardGroupId group);

    /**
     * Waits until {@link ShardGroupState#applied} holds for {@code version} in {@link #group}, at most
     * {@code timeout}. This default asks {@link #group} every {@value #AWAIT_POLL_MILLIS} ms (a remote coordinator);
     * an in-process one overrides it to be woken by the acknowledgement itself.
     *
     * @return whether it holds; false when the timeout passed first (an unknown group never holds but for version 0)
     * @throws InterruptedException when the waiting thread is interrupted (the caller stops or pauses its sync)
     */
    default boolean awaitApplied(ShardGroupId group, long version, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (version <= 0 || group(group).map(s -> s.applied(version)).orElse(false)) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(AWAIT_POLL_MILLIS)));
        }
    }

    /** How often the default {@link #awaitApplied} asks again. */
    long AWAIT_POLL_MILLIS = 200;
}
