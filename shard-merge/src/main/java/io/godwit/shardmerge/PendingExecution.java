package io.godwit.shardmerge;

import java.util.List;
import java.util.Objects;

/**
 * Statements the coordinator told a member to run on the target, not yet acknowledged (DM's lock "done").
 *
 * @param version    the group-wide number of the decision that carried them, from 1, increasing with each decision
 *                   that has statements
 * @param owner      the member that runs them and acknowledges them; nobody else may
 * @param statements the decision's target statements, in order, so that a restarted owner can run them again
 */
public record PendingExecution(long version, ShardMember owner, List<String> statements) {
    public PendingExecution {
        if (version < 1) {
            throw new IllegalArgumentException("a pending execution's version starts at 1, not " + version);
        }
        Objects.requireNonNull(owner, "owner");
        statements = List.copyOf(statements);
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("a pending execution has statements");
        }
    }
}
