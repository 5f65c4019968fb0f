package io.godwit.worker.sync;

import io.godwit.shardmerge.ShardDdlDecision;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * What the target runs for one source DDL and, where the DDL changes merged tables, the shard-DDL decisions behind
 * those statements: the sync waits for the executions they await before it runs anything, and acknowledges the
 * versions it ran once the DDL is checkpointed (see {@link ShardDdlSync}).
 */
public final class RewrittenDdl {
    private final List<String> statements;
    private final List<ShardDdlDecision> decisions;
    private final ShardDdlSync shards;

    RewrittenDdl(List<String> statements, List<ShardDdlDecision> decisions, ShardDdlSync shards) {
        this.statements = List.copyOf(statements);
        this.decisions = List.copyOf(decisions);
        this.shards = shards;
    }

    /** Statements of a DDL that no shard group coordinates. */
    public static RewrittenDdl of(List<String> statements) {
        return new RewrittenDdl(statements, List.of(), null);
    }

    /** The target statements in execution order, schema-qualified. */
    public List<String> statements() { return statements; }

    List<ShardDdlDecision> decisions() { return decisions; }

    /**
     * Whether the statements may have run before: a coordinator answered a DDL reported again after a restart with its
     * stored decision, so "already exists" from the target means done.
     */
    boolean mayHaveRun() {
        return decisions.stream().anyMatch(ShardDdlDecision::replayed);
    }

    /**
     * Waits until the target ran every shard-DDL execution these decisions await, telling {@code waiting} what it
     * waits for meanwhile (and null when done).
     *
     * @return false when {@code stopping} turned true first: nothing of the DDL ran, a restart reads it again
     */
    boolean awaitTurn(BooleanSupplier stopping, Consumer<SyncStatus.ShardWait> waiting) throws InterruptedException {
        return shards == null || shards.awaitTurn(decisions, stopping, waiting);
    }

    /** Tells the coordinator that the versions these decisions gave this sync ran on the target. */
    void acknowledge() {
        if (shards != null) {
            shards.acknowledge(decisions);
        }
    }
}
