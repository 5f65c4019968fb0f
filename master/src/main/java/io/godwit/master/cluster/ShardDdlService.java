package io.godwit.master.cluster;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.shardmerge.MemberState;
import io.godwit.shardmerge.ShardDdlCoordinator;
import io.godwit.shardmerge.ShardDdlDecision;
import io.godwit.shardmerge.ShardDdlReport;
import io.godwit.shardmerge.ShardGroupId;
import io.godwit.shardmerge.ShardGroupState;
import io.godwit.shardmerge.ShardMember;
import io.godwit.shardmerge.ShardTableDefinition;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's shard-DDL lock service: the one coordinator of every worker's syncs (over
 * {@code /internal/v1/shard-ddl/...}), its groups kept in the meta store, and DM's {@code shard-ddl-lock} listing.
 * Each call holds the cluster state's lock, so a group's change is saved with a snapshot before anyone gets an
 * answer, and a task's groups go in the same save as the task. A call for a task the master does not have is
 * CLUSTER_NOT_FOUND: a sync still running after its task was removed must not bring the groups back.
 */
public final class ShardDdlService implements ShardDdlCoordinator {
    private static final Logger LOG = LoggerFactory.getLogger(ShardDdlService.class);
    private static final String MODE = "optimistic";

    private final ClusterState state;

    public ShardDdlService(ClusterState state) {
        this.state = state;
    }

    @Override
    public ShardDdlDecision register(ShardGroupId group, ShardMember member, ShardTableDefinition definition) {
        synchronized (state) {
            requireTask(group.task());
            return logged(group, member + " registered", state.shardDdl().register(group, member, definition));
        }
    }

    @Override
    public ShardDdlDecision report(ShardDdlReport report) {
        synchronized (state) {
            requireTask(report.group().task());
            return logged(report.group(), report.member() + " reported " + report.steps().size() + " DDL step(s)",
                    state.shardDdl().report(report));
        }
    }

    @Override
    public void acknowledge(ShardGroupId group, ShardMember member, long version) {
        synchronized (state) {
            requireTask(group.task());
            state.shardDdl().acknowledge(group, member, version);
        }
    }

    @Override
    public void leave(ShardGroupId group, ShardMember member) {
        synchronized (state) {
            requireTask(group.task());
            state.shardDdl().leave(group, member);
            LogContext.with("task", group.task(), () -> LOG.info("shard DDL lock {}: {} left (its table was dropped)",
                    group, member));
        }
    }

    @Override
    public Optional<ShardGroupState> group(ShardGroupId group) {
        synchronized (state) {
            return state.shardDdl().group(group);
        }
    }

    /** Woken by the acknowledgement itself; waits without the cluster state's lock (it changes nothing). */
    @Override
    public boolean awaitApplied(ShardGroupId group, long version, Duration timeout) throws InterruptedException {
        return state.shardDdl().awaitApplied(group, version, timeout);
    }

    /**
     * DM's {@code shard-ddl-lock [task]}: the groups of {@code task} (every task's when null) that are locks now,
     * those with a pending version or a shard whose definition differs from the merged one, by lock ID.
     *
     * @throws GodwitException CLUSTER_NOT_FOUND for a task the master does not have
     */
    public List<ShardDdlLockView> locks(String task) {
        synchronized (state) {
            if (task != null) {
                requireTask(task);
            }
            return state.meta().shardGroups().values().stream()
                    .filter(g -> task == null || g.group().task().equals(task))
                    .filter(g -> !g.pending().isEmpty() || !g.membersBehindJoined().isEmpty())
                    .sorted(Comparator.comparing(g -> g.group().toString()))
                    .map(ShardDdlService::lockView).toList();
        }
    }

    private static ShardDdlLockView lockView(ShardGroupState g) {
        List<ShardMember> behind = g.membersBehindJoined();
        List<ShardMember> active = g.members().stream().filter(m -> !m.departed()).map(MemberState::member).toList();
        return new ShardDdlLockView(g.group().toString(), g.group().task(), MODE,
                g.pending().isEmpty() ? "" : shardName(g.pending().get(0).owner()),
                g.pending().stream().flatMap(p -> p.statements().stream()).toList(),
                active.stream().filter(m -> !behind.contains(m)).map(ShardDdlService::shardName).toList(),
                behind.stream().map(ShardDdlService::shardName).toList());
    }

    /** {@code source-id:`db`.`tbl`}, as the lock listing names a shard. */
    static String shardName(ShardMember member) {
        return member.sourceId() + ":" + member.table().quoted();
    }

    private void requireTask(String task) {
        if (!state.meta().tasks().containsKey(task)) {
            throw new GodwitException(ErrorCode.CLUSTER_NOT_FOUND, "task " + task + " not found");
        }
    }

    private static ShardDdlDecision logged(ShardGroupId group, String what, ShardDdlDecision decision) {
        if (!decision.replayed() && (decision.version() > 0 || !decision.notes().isEmpty())) {
            LogContext.with("task", group.task(), () -> LOG.info("shard DDL lock {}: {}: {}{}{}", group, what,
                    decision.outcome(), decision.version() > 0 ? " version " + decision.version() + " "
                            + decision.targetStatements() : "",
                    decision.notes().isEmpty() ? "" : " (" + String.join("; ", decision.notes()) + ")"));
        }
        return decision;
    }
}
