package io.godwit.worker.task;

import io.godwit.core.config.MySqlInstance;
import io.godwit.core.config.SourceConfig;
import io.godwit.core.config.TaskConfig;
import io.godwit.core.config.TaskMode;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.TableId;
import io.godwit.core.model.TableInfo;
import io.godwit.shardmerge.ShardDdlCoordinator;
import io.godwit.worker.full.FullMigration;
import io.godwit.worker.full.MigrationSummary;
import io.godwit.worker.sync.SyncStatus;
import io.godwit.worker.sync.TaskReplication;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One task run in this process, its units chained by {@code task-mode} as DM chains them:
 * {@code full} = dump + load, {@code all} = dump + load + sync, {@code incremental} = sync,
 * {@code dump}, {@code load}. The sync runs until {@link #stop()}.
 */
public final class StandaloneTask implements TaskApi {
    private final TaskConfig task;
    private final Map<String, SourceConfig> sources;
    private final Consumer<List<String>> progressOut;
    private final Duration progressInterval;
    private final TaskReplication replication;
    /** The unit running now; the dump streams straight into the load, so the full migration shows as Load. */
    private volatile String unit = "Load";

    /** A task whose sources all run here: with a {@code shard-mode}, its shard groups are coordinated in memory. */
    public StandaloneTask(TaskConfig task, Map<String, SourceConfig> sources, Consumer<List<String>> progressOut,
                          Duration progressInterval) {
        this(task, sources, progressOut, progressInterval, null);
    }

    /**
     * @param shardDdl the shard-DDL lock service shared with the task's other sources (a cluster's master); null for
     *                 one in this process
     */
    public StandaloneTask(TaskConfig task, Map<String, SourceConfig> sources, Consumer<List<String>> progressOut,
                          Duration progressInterval, ShardDdlCoordinator shardDdl) {
        this.task = task;
        this.sources = Map.copyOf(sources);
        this.progressOut = progressOut;
        this.progressInterval = progressInterval;
        boolean syncs = task.taskMode() == TaskMode.ALL || task.taskMode() == TaskMode.INCREMENTAL;
        this.replication = !syncs ? null
                : shardDdl == null ? new TaskReplication(task, sources) : new TaskReplication(task, sources, shardDdl);
    }

    /** Whether this task keeps running after its full migration (modes all and incremental). */
    public boolean replicates() {
        return replication != null;
    }

    /**
     * Runs the task: returns when the full migration is done ({@code full}, {@code dump},
     * {@code load}), or after {@link #stop()} for the modes that sync; throws what failed.
     *
     * @return the full migration's summary; empty for {@code incremental}
     */
    public Optional<MigrationSummary> run() {
        MigrationSummary summary = null;
        if (task.taskMode() != TaskMode.INCREMENTAL) {
            FullMigration full = new FullMigration(task, sources, progressOut, progressInterval);
            if (replication != null) {
                full.onSnapshot(new FullMigration.SnapshotListener() {
                    @Override public void snapshotTaken(MySqlInstance instance, BinlogLocation point, List<TableInfo> tables) {
                        replication.recordSnapshot(instance, point, tables);
                    }

                    @Override public void wholeTableLoading(MySqlInstance instance, TableId table, BinlogLocation point) {
                        replication.recordWholeTableLoad(instance, table, point);
                    }
                });
            }
            summary = full.run();
        }
        if (replication != null) {
            unit = "Sync";
            replication.run();
        }
        return Optional.ofNullable(summary);
    }

    /** Stops the sync at its next batch boundary, everything applied checkpointed; {@link #run()} returns. */
    public void stop() {
        if (replication != null) {
            replication.stop();
        }
    }

    @Override public Map<String, Object> status(String name) {
        if (!task.name().equals(name)) {
            return null;
        }
        List<String> ids = task.mysqlInstances().stream().map(i -> i.sourceId()).toList();
        return TaskStatusReport.of(task.name(), ids, unit, syncStatus(),
                replication == null ? Set.of() : replication.pausedSources(),
                replication == null ? Map.of() : replication.sourcePositions(), System.currentTimeMillis());
    }

    @Override public Map<String, Object> resume(String name) {
        if (!task.name().equals(name) || replication == null) {
            return null;
        }
        return Map.of("resumed_sources", replication.resume(null));
    }

    @Override public Map<String, Object> skipDdl(String name, String source) {
        if (!task.name().equals(name) || replication == null) {
            return null;
        }
        return Map.of("source_name", source, "skipped_at", replication.skipDdl(source).toString());
    }

    @Override public Map<String, Object> replaceDdl(String name, String source, List<String> statements) {
        if (!task.name().equals(name) || replication == null) {
            return null;
        }
        return Map.of("source_name", source, "replaced_at", replication.replaceDdl(source, statements).toString());
    }

    /** Whether the sync of {@code source} stopped on an error and waits for an operator. */
    public boolean syncPaused(String source) {
        return replication != null && replication.pausedSources().contains(source);
    }

    /**
     * Skips ({@code replacement} empty) or replaces the DDL the paused sync of {@code source} stopped at, and
     * resumes that sync; returns where the DDL is.
     *
     * @throws GodwitException CLUSTER_CONFLICT when that sync is not paused at a DDL
     */
    public BinlogLocation resolvePausedDdl(String source, List<String> replacement) {
        if (!syncPaused(source)) {
            throw new GodwitException(ErrorCode.CLUSTER_CONFLICT, "the sync of source " + source + " of task "
                    + task.name() + " is not paused by an error: binlog skip and replace act on the DDL a paused"
                    + " sync stopped at (query-status shows it)");
        }
        BinlogLocation at;
        try {
            at = replacement.isEmpty() ? replication.skipDdl(source) : replication.replaceDdl(source, replacement);
        } catch (GodwitException e) {
            throw new GodwitException(ErrorCode.CLUSTER_CONFLICT, e.getMessage());
        }
        replication.resume(source);
        return at;
    }

    /** The sync status of each source, by source id; empty before the sync starts or without one. */
    public Map<String, SyncStatus> syncStatus() {
        return replication == null ? Map.of() : replication.status();
    }
}
