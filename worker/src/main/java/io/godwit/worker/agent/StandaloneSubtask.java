package io.godwit.worker.agent;

import io.godwit.core.config.ConfigLoader;
import io.godwit.core.config.SourceConfig;
import io.godwit.core.config.TaskConfig;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.BinlogLocation;
import io.godwit.shardmerge.ShardDdlCoordinator;
import io.godwit.worker.sync.SyncStatus;
import io.godwit.worker.task.StandaloneTask;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A subtask run by {@link StandaloneTask}: the task restricted to the one source
 * ({@link TaskConfig#forSource}) with that source's config, its progress lines going to the log.
 */
public final class StandaloneSubtask implements Subtask {
    private static final Logger LOG = LoggerFactory.getLogger(StandaloneSubtask.class);
    /** How often a full migration logs its progress; the master sees the status on every keepalive anyway. */
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(10);

    private final String taskName;
    private final String sourceId;
    private final String workerName;
    private final StandaloneTask task;

    private StandaloneSubtask(TaskConfig task, SourceConfig source, String workerName, ShardDdlCoordinator shardDdl) {
        this.taskName = task.name();
        this.sourceId = source.sourceId();
        this.workerName = workerName;
        this.task = new StandaloneTask(task, Map.of(source.sourceId(), source), StandaloneSubtask::log,
                PROGRESS_INTERVAL, shardDdl);
    }

    /**
     * The factory of a worker: its subtasks report {@code workerName} as theirs and coordinate their shard DDLs
     * through {@code shardDdl} (the master's lock service).
     */
    public static Subtask.Factory factory(String workerName, ShardDdlCoordinator shardDdl) {
        return spec -> open(spec, workerName, shardDdl);
    }

    /**
     * Parses the spec's files (passwords decrypted with DM's built-in key, as DM does) and builds the subtask.
     *
     * @throws GodwitException when a file is invalid or names another task or source than the spec
     */
    public static Subtask open(SubtaskSpec spec, String workerName, ShardDdlCoordinator shardDdl) {
        TaskConfig task = ConfigLoader.parseTask(spec.taskYaml(), spec.task() + ".yaml", ConfigLoader.DEFAULT_CIPHER);
        if (!task.name().equals(spec.task())) {
            throw new GodwitException(ErrorCode.CLUSTER_BAD_REQUEST, "the master sent task " + spec.task()
                    + " with a task.yaml whose name is " + task.name());
        }
        SourceConfig source = ConfigLoader.parseSource(spec.sourceYaml(), spec.source() + ".yaml",
                ConfigLoader.DEFAULT_CIPHER);
        if (!source.sourceId().equals(spec.source())) {
            throw new GodwitException(ErrorCode.CLUSTER_BAD_REQUEST, "the master sent source " + spec.source()
                    + " with a source.yaml whose source-id is " + source.sourceId());
        }
        return new StandaloneSubtask(task.forSource(spec.source()), source, workerName, shardDdl);
    }

    @Override public void run() {
        task.run();
    }

    @Override public void stop() {
        task.stop();
    }

    @Override public Observation observe() {
        Map<String, Object> status = ownEntry(task.status(taskName));
        return new Observation(status, pausedError(status));
    }

    @Override public boolean syncPaused() {
        return task.syncPaused(sourceId);
    }

    @Override public String resolvePausedDdl(List<String> replacement) {
        return task.resolvePausedDdl(sourceId, replacement).toString();
    }

    /** The failure the paused sync reports is the one {@link #resolvePausedDdl} acts on. */
    @Override public Optional<BinlogLocation> pausedAt() {
        if (!syncPaused()) {
            return Optional.empty();
        }
        SyncStatus status = task.syncStatus().get(sourceId);
        return status == null || status.lastError() == null ? Optional.empty()
                : Optional.ofNullable(status.lastError().position());
    }

    /**
     * This subtask's status: the one entry for its source of the task status a task run on its own
     * reports (DM's per-source shape: stage, unit, sync_status, error), with this worker's name in place
     * of "standalone"; the whole report when it has no such entry yet.
     */
    private Map<String, Object> ownEntry(Map<String, Object> status) {
        if (status == null || !(status.get("data") instanceof List<?> sources)) {
            return status;
        }
        for (Object entry : sources) {
            if (entry instanceof Map<?, ?> source && sourceId.equals(source.get("source_name"))) {
                Map<String, Object> own = new LinkedHashMap<>();
                source.forEach((k, v) -> own.put(String.valueOf(k), v));
                own.put("worker_name", workerName);
                return own;
            }
        }
        return status;
    }

    /** The error of the sync that paused on its own, from this subtask's status entry. */
    private static String pausedError(Map<String, Object> status) {
        if (status == null || !"Paused".equals(status.get("stage"))) {
            return null;
        }
        Object error = status.get("error_msg");
        return error == null ? "the sync paused without an error message" : error.toString();
    }

    private static void log(List<String> lines) {
        lines.forEach(line -> LOG.info("{}", line));
    }
}
