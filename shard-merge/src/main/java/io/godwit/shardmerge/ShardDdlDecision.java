package io.godwit.shardmerge;

import java.util.List;

/**
 * The coordinator's answer to a registration or a DDL report: what the target runs now, who runs it and what has to
 * run before.
 *
 * <p>What the member's sync does with it, in order:
 * <ol>
 *   <li>wait until {@code awaitVersion} is applied (every execution up to it acknowledged), unless it is 0;</li>
 *   <li>run {@code targetStatements}, if any, and acknowledge {@code version};</li>
 *   <li>go on with the shard's events after the DDL.</li>
 * </ol>
 * Waiting in step 1 keeps the target's DDLs in version order (a generated MODIFY of a column another shard's pending
 * ADD COLUMN creates) and keeps rows that need another shard's change (ALREADY_ON_TARGET) from reaching the target
 * before that change ran.
 *
 * @param targetStatements the statements to run on the target, in order; empty when the target needs nothing now
 * @param outcome          why, in one word
 * @param notes            one line per noteworthy point, for the log and {@code query-status} (a deferred drop and
 *                         which shards it waits for, a generated statement replacing the shard's own, ...)
 * @param version          the group-wide version of {@code targetStatements}, which the member (the owner) acknowledges
 *                         when they ran; 0 when there are none
 * @param awaitVersion     the highest version pending when the decision was made, always below {@code version}: the
 *                         member waits until it is applied before running its statements or applying the rows after
 *                         its DDL; 0 when nothing was pending
 * @param replayed         the same report as the member's last one (a restart): the decision is the stored one, with the
 *                         same versions, and the group's state did not change again; the target may already have run
 *                         the statements
 */
public record ShardDdlDecision(ShardGroupId group, ShardMember member, List<String> targetStatements, Outcome outcome,
                               List<String> notes, long version, long awaitVersion, boolean replayed) {
    public enum Outcome {
        /** the target runs {@link #targetStatements()}; this member runs them and acknowledges {@link #version()} */
        EXECUTE,
        /** the target has the change already (another shard made it first), or will once {@link #awaitVersion()} ran */
        ALREADY_ON_TARGET,
        /** the target keeps the more compatible definition until the other shards make the change too */
        DEFERRED,
        /** nothing the merged table tracks changed */
        NO_CHANGE
    }

    public ShardDdlDecision {
        targetStatements = List.copyOf(targetStatements);
        notes = List.copyOf(notes);
        if (targetStatements.isEmpty() ? version != 0 : version < 1) {
            throw new IllegalArgumentException("version " + version + " with " + targetStatements.size()
                    + " statements: a decision with statements has a version from 1, one without has 0");
        }
        if (awaitVersion < 0 || version > 0 && awaitVersion >= version) {
            throw new IllegalArgumentException("awaitVersion " + awaitVersion + " is negative or not below version "
                    + version);
        }
    }

    /** Whether the member has to wait for other executions before going on. */
    public boolean mustAwait() { return awaitVersion > 0; }

    ShardDdlDecision asReplayed() {
        return new ShardDdlDecision(group, member, targetStatements, outcome, notes, version, awaitVersion, true);
    }
}
