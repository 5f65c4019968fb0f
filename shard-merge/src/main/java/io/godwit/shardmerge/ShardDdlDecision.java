package io.godwit.shardmerge;

import java.util.List;

/**
 * The coordinator's answer to a registration or a DDL report: what the target runs now.
 *
 * @param targetStatements the statements to run on the target, in order; empty when the target needs nothing now
 * @param outcome          why, in one word
 * @param notes            one line per noteworthy point, for the log and {@code query-status} (a deferred drop and
 *                         which shards it waits for, a generated statement replacing the shard's own, ...)
 * @param replayed         the same report as the member's last one (a restart): the decision is the stored one and the
 *                         group's state did not change again; the target may already have run the statements
 */
public record ShardDdlDecision(ShardGroupId group, ShardMember member, List<String> targetStatements, Outcome outcome,
                               List<String> notes, boolean replayed) {
    public enum Outcome {
        /** the target runs {@link #targetStatements()} */
        EXECUTE,
        /** the target has the change already (another shard made it first) */
        ALREADY_ON_TARGET,
        /** the target keeps the more compatible definition until the other shards make the change too */
        DEFERRED,
        /** nothing the merged table tracks changed */
        NO_CHANGE
    }

    public ShardDdlDecision {
        targetStatements = List.copyOf(targetStatements);
        notes = List.copyOf(notes);
    }

    ShardDdlDecision asReplayed() { return new ShardDdlDecision(group, member, targetStatements, outcome, notes, true); }
}
