package io.godwit.shardmerge;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything the optimistic coordination knows about one shard group; the master persists it (as JSON,
 * {@link ShardGroupStateJson}) and a restarted master continues from it.
 *
 * @param joined      the merged definition the target has (or will have once {@code pending} ran): the join of the
 *                    members' definitions
 * @param members     in registration order (the join's column order follows it)
 * @param lastVersion the highest version given to a decision with statements so far (0: none); never goes back
 * @param pending     the executions whose owners have not acknowledged them yet, by increasing version
 */
public record ShardGroupState(ShardGroupId group, ShardTableDefinition joined, List<MemberState> members,
                              long lastVersion, List<PendingExecution> pending) {
    public ShardGroupState {
        members = List.copyOf(members);
        // absent from a state written before acknowledgements existed: nothing is pending there
        pending = pending == null ? List.of() : List.copyOf(pending);
        if (lastVersion < 0) {
            throw new IllegalArgumentException("lastVersion " + lastVersion + " is negative");
        }
        long previous = 0;
        for (PendingExecution p : pending) {
            if (p.version() <= previous || p.version() > lastVersion) {
                throw new IllegalArgumentException("pending version " + p.version() + " of " + group
                        + " is out of order or above lastVersion " + lastVersion);
            }
            previous = p.version();
        }
    }

    static ShardGroupState empty(ShardGroupId group) {
        return new ShardGroupState(group, null, List.of(), 0, List.of());
    }

    public Optional<MemberState> member(ShardMember member) {
        return members.stream().filter(m -> m.member().equals(member)).findFirst();
    }

    /** The active members whose definition differs from the joined one: DM's "unsynced" shards. */
    public List<ShardMember> membersBehindJoined() {
        return members.stream().filter(m -> !m.departed() && !m.definition().sameDefinition(joined))
                .map(MemberState::member).toList();
    }

    /** The highest version not acknowledged yet; 0 when nothing is pending. */
    public long highestPending() {
        return pending.isEmpty() ? 0 : pending.get(pending.size() - 1).version();
    }

    /**
     * Whether the target has run everything up to {@code version}: it was given out and neither it nor an earlier
     * version is pending. Version 0 (a decision that waits for nothing) is always applied.
     */
    public boolean applied(long version) {
        return version <= 0 || version <= lastVersion && (pending.isEmpty() || pending.get(0).version() > version);
    }

    /** The executions {@code owner} has yet to run or acknowledge, by increasing version (what it does after a restart). */
    public List<PendingExecution> pendingOf(ShardMember owner) {
        return pending.stream().filter(p -> p.owner().equals(owner)).toList();
    }

    ShardGroupState withMembers(List<MemberState> newMembers) {
        return new ShardGroupState(group, joined, newMembers, lastVersion, pending);
    }

    ShardGroupState withJoined(ShardTableDefinition newJoined, List<MemberState> newMembers) {
        return new ShardGroupState(group, newJoined, newMembers, lastVersion, pending);
    }

    /** Gives the next version to {@code owner}'s statements and keeps them pending. */
    ShardGroupState withExecution(ShardMember owner, List<String> statements) {
        List<PendingExecution> more = new ArrayList<>(pending);
        more.add(new PendingExecution(lastVersion + 1, owner, statements));
        return new ShardGroupState(group, joined, members, lastVersion + 1, more);
    }

    ShardGroupState withoutExecution(long version) {
        return new ShardGroupState(group, joined, members, lastVersion,
                pending.stream().filter(p -> p.version() != version).toList());
    }

    Optional<PendingExecution> execution(long version) {
        return pending.stream().filter(p -> p.version() == version).findFirst();
    }
}
