package io.godwit.worker.sync;

import io.godwit.core.event.DdlEvent;
import io.godwit.core.model.BinlogLocation;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Turns a source DDL into what the target executes: parsed, filtered by the binlog event filter and the
 * block-allow-list, routed and adapted to the target flavour by the DDL layer (and coordinated by
 * shard-merge where the task merges shards). The sync coordinator only executes, checkpoints and, after a
 * crash, re-executes the result.
 */
@FunctionalInterface
public interface DdlRewriter {

    /**
     * @return the target statements in execution order, every table name schema-qualified (they run on a
     *         connection without a current database); empty when the DDL is filtered out or is not for the
     *         target (a GRANT logged as a query event, say). An empty list still checkpoints the DDL with the
     *         tracker's state, since the source's schema changed all the same.
     * @throws io.godwit.core.error.GodwitException when the statement cannot be parsed or routed
     */
    List<String> targetStatements(DdlEvent ddl);

    /**
     * {@link #targetStatements(DdlEvent)} for a DDL whose transaction starts at {@code txStart}: a rewriter
     * that knows of tables loaded from snapshots later than the sync's start leaves out their changes
     * before those snapshots.
     */
    default List<String> targetStatements(DdlEvent ddl, BinlogLocation txStart) {
        return targetStatements(ddl);
    }

    /**
     * {@link #targetStatements(DdlEvent, BinlogLocation)} with the shard-DDL decisions behind them, which the sync
     * awaits and acknowledges around running the statements; none unless the rewriter coordinates merged tables.
     */
    default RewrittenDdl rewrite(DdlEvent ddl, BinlogLocation txStart) {
        return RewrittenDdl.of(targetStatements(ddl, txStart));
    }

    /** Gives the rewriter the sync's schema tracker; the sync unit calls it once, before the sync starts. */
    default void trackedBy(TrackedSchemas schemas) {}

    /**
     * The sync (re)opened the binlog at its checkpoint, the tracker restored there: a rewriter that coordinates merged
     * tables registers them and finishes what it left pending before.
     *
     * @param waiting told what the sync waits for (another shard's change), and null when it no longer waits
     * @return false when {@code stopping} turned true before it was done
     */
    default boolean syncStarting(DataSource targetPool, BooleanSupplier stopping,
                                 Consumer<SyncStatus.ShardWait> waiting) throws InterruptedException {
        return true;
    }
}
