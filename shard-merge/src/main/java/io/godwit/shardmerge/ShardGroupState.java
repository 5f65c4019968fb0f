package io.godwit.shardmerge;

import java.util.List;
import java.util.Optional;

/**
 * Everything the optimistic coordination knows about one shard group; the master persists it (as JSON,
 * {@link ShardGroupStateJson}) and a restarted master continues from it.
 *
 * @param joined  the merged definition the target has: the join of the members' definitions
 * @param members in registration order (the join's column order follows it)
 */
public record ShardGroupState(ShardGroupId group, ShardTableDefinition joined, List<MemberState> members) {
    public ShardGroupState {
        members = List.copyOf(members);
    }

    static ShardGroupState empty(ShardGroupId group) {
        return new ShardGroupState(group, null, List.of());
    }

    public Optional<MemberState> member(ShardMember member) {
        return members.stream().filter(m -> m.member().equals(member)).findFirst();
    }

    /** The active members whose definition differs from the joined one: DM's "unsynced" shards. */
    public List<ShardMember> membersBehindJoined() {
        return members.stream().filter(m -> !m.departed() && !m.definition().sameDefinition(joined))
                .map(MemberState::member).toList();
    }
}
