package io.godwit.shardmerge;

import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import static io.godwit.shardmerge.Definitions.GROUP;

/** A coordinator plus each shard's current definition, as the shards' schema trackers would hold them. */
final class ShardGroupFixture {
    final InMemoryShardDdlCoordinator coordinator = new InMemoryShardDdlCoordinator();
    private final Map<ShardMember, ShardTableDefinition> upstream = new HashMap<>();

    /** Shards A, B and C registered with {@link Definitions#base()}. */
    static ShardGroupFixture threeShards() {
        return new ShardGroupFixture().register(Definitions.A, Definitions.base())
                .register(Definitions.B, Definitions.base()).register(Definitions.C, Definitions.base());
    }

    /** {@code member} adds column {@code level}. */
    ShardDdlDecision addLevel(ShardMember member) {
        return ddl(member, Definitions.ADD_LEVEL, d -> Definitions.plus(d, Definitions.LEVEL));
    }

    ShardGroupFixture register(ShardMember member, ShardTableDefinition definition) {
        coordinator.register(GROUP, member, definition);
        upstream.put(member, definition);
        return this;
    }

    ShardDdlDecision registerDecision(ShardMember member, ShardTableDefinition definition) {
        ShardDdlDecision decision = coordinator.register(GROUP, member, definition);
        upstream.put(member, definition);
        return decision;
    }

    /** Runs a DDL on a shard: its tracker applies {@code change}; the coordinator decides. */
    ShardDdlDecision ddl(ShardMember member, String statement, UnaryOperator<ShardTableDefinition> change) {
        ShardDdlReport report = report(member, statement, change);
        ShardDdlDecision decision = coordinator.report(report);
        upstream.put(member, report.after());
        return decision;
    }

    ShardDdlReport report(ShardMember member, String statement, UnaryOperator<ShardTableDefinition> change) {
        ShardTableDefinition before = upstream.get(member);
        return ShardDdlReport.of(GROUP, member, before, statement, change.apply(before));
    }

    ShardTableDefinition upstream(ShardMember member) { return upstream.get(member); }

    ShardGroupState state() { return coordinator.group(GROUP).orElseThrow(); }

    ShardTableDefinition joined() { return state().joined(); }
}
