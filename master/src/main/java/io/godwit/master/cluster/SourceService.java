package io.godwit.master.cluster;

import io.godwit.core.config.ConfigLoader;
import io.godwit.core.config.SourceConfig;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.master.meta.ExpectedStage;
import io.godwit.master.meta.SubtaskTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DM's operate-source (create, update, stop, show), transfer-source and the OpenAPI's source
 * status, enable and disable, on the master's state.
 */
public final class SourceService {
    private static final Logger LOG = LoggerFactory.getLogger(SourceService.class);
    private final ClusterState state;

    public SourceService(ClusterState state) {
        this.state = state;
    }

    /** Validates and stores a source.yaml, then binds the source to a free worker if there is one. */
    public SourceView create(String sourceYaml) {
        String id = parseRequest(sourceYaml).sourceId();
        synchronized (state) {
            if (state.meta().sources().containsKey(id)) {
                throw new GodwitException(ErrorCode.CLUSTER_CONFLICT, "source " + id + " already exists");
            }
            state.commit(state.meta().withSource(id, sourceYaml));
            LogContext.with("source", id, () -> LOG.info("source {} created", id));
            state.bindUnboundSources();
            return view(id);
        }
    }

    /**
     * Replaces the source.yaml of an existing source (DM's operate-source update). Allowed only while no
     * subtask on the source is expected Running or Paused: as in DM, the tasks that use it are stopped
     * first, so no subtask runs on the old settings while the worker gets the new ones. The binding
     * stays; the bound worker receives the new source.yaml with its next keepalive.
     */
    public SourceView update(String sourceId, String sourceYaml) {
        String id = parseRequest(sourceYaml).sourceId();
        if (!id.equals(sourceId)) {
            throw new GodwitException(ErrorCode.CLUSTER_BAD_REQUEST, "the source.yaml is for source-id " + id
                    + ", not " + sourceId + "; the source-id of a source cannot change");
        }
        synchronized (state) {
            requireSource(sourceId);
            List<String> active = tasksUsing(sourceId, true);
            if (!active.isEmpty()) {
                throw new GodwitException(ErrorCode.CLUSTER_CONFLICT, "source " + sourceId + " is used by task(s) "
                        + String.join(", ", active) + " that are not stopped; stop them first"
                        + " (POST /api/v1/tasks/{task}/stop or dmctl stop-task)");
            }
            state.commit(state.meta().withSource(sourceId, sourceYaml));
            LogContext.with("source", sourceId, () -> LOG.info("source {} updated", sourceId));
            return view(sourceId);
        }
    }

    public List<SourceView> list() {
        synchronized (state) {
            List<SourceView> views = new ArrayList<>();
            state.meta().sources().keySet().forEach(id -> views.add(view(id)));
            return views;
        }
    }

    public SourceView get(String sourceId) {
        synchronized (state) {
            requireSource(sourceId);
            return view(sourceId);
        }
    }

    /** The source with its source.yaml, every password masked. */
    public SourceDetailView detail(String sourceId) {
        synchronized (state) {
            requireSource(sourceId);
            SourceView v = view(sourceId);
            return new SourceDetailView(v.sourceName(), v.host(), v.port(), v.user(), v.enableGtid(), v.enable(),
                    v.workerName(), YamlPasswordMask.mask(state.meta().sources().get(sourceId)));
        }
    }

    /** Removes a source no task uses; its worker becomes free (and may take another unbound source). */
    public void delete(String sourceId) {
        synchronized (state) {
            requireSource(sourceId);
            List<String> users = tasksUsing(sourceId, false);
            if (!users.isEmpty()) {
                throw new GodwitException(ErrorCode.CLUSTER_CONFLICT, "source " + sourceId + " is used by task(s) "
                        + String.join(", ", users) + "; stop them first");
            }
            state.commit(state.meta().withoutSource(sourceId));
            LogContext.with("source", sourceId, () -> LOG.info("source {} deleted", sourceId));
            state.bindUnboundSources();
        }
    }

    /** Binds the source to the named worker, which must be alive and free (DM's transfer-source). */
    public void transfer(String sourceId, String workerName) {
        synchronized (state) {
            requireSource(sourceId);
            if (state.meta().disabledSources().contains(sourceId)) {
                throw new GodwitException(ErrorCode.CLUSTER_CONFLICT, "source " + sourceId
                        + " is disabled; enable it first");
            }
            if (workerName == null || workerName.isBlank()) {
                throw new GodwitException(ErrorCode.CLUSTER_BAD_REQUEST, "the request needs \"worker_name\"");
            }
            if (workerName.equals(state.meta().bindings().get(sourceId))) {
                return;
            }
            if (state.workers().find(workerName).isEmpty()) {
                throw new GodwitException(ErrorCode.CLUSTER_BAD_REQUEST, "worker " + workerName + " is not a member");
            }
            if (!state.isFree(workerName)) {
                throw new GodwitException(ErrorCode.CLUSTER_NO_FREE_WORKER, "worker " + workerName + " is "
                        + (state.workers().isAlive(workerName) ? "bound to source "
                        + state.boundSource(workerName).orElseThrow() : "offline") + "; transfer to a free worker");
            }
            state.commit(state.meta().withBinding(sourceId, workerName));
            ClusterState.logBinding(sourceId, workerName);
            state.bindUnboundSources(); // the previous worker is free now
        }
    }

    /**
     * The source's worker, whether that worker is alive, and each subtask on the source with its
     * expected stage and the stage the worker last reported.
     */
    public SourceStatusView status(String sourceId) {
        synchronized (state) {
            requireSource(sourceId);
            String worker = state.meta().bindings().getOrDefault(sourceId, "");
            List<SourceStatusView.Subtask> subtasks = new ArrayList<>();
            state.meta().subtasks().forEach((task, perSource) -> {
                SubtaskTarget target = perSource.get(sourceId);
                if (target != null) {
                    Optional<SubtaskReport> report = state.workers().report(worker, task, sourceId);
                    subtasks.add(new SourceStatusView.Subtask(task, target.stage(),
                            report.map(r -> r.stage() == null ? "" : r.stage().displayName()).orElse(""),
                            report.map(SubtaskReport::error).orElse(null)));
                }
            });
            return new SourceStatusView(sourceId, isEnabled(sourceId), worker,
                    !worker.isEmpty() && state.workers().isAlive(worker), subtasks);
        }
    }

    /**
     * Disables a source (DM's OpenAPI disable): it is unbound and not bound again until enabled, so its
     * worker, no longer given the source, stops the source's subtasks; their expected stages stay as they
     * were, so enabling brings each back to where it was. The freed worker may take another source.
     */
    public void disable(String sourceId) {
        synchronized (state) {
            requireSource(sourceId);
            if (!isEnabled(sourceId)) {
                return;
            }
            String worker = state.meta().bindings().getOrDefault(sourceId, "");
            state.commit(state.meta().withSourceDisabled(sourceId));
            LogContext.with("source", sourceId, () -> LOG.info("source {} disabled{}", sourceId,
                    worker.isEmpty() ? "" : ", unbound from worker " + worker));
            state.bindUnboundSources();
        }
    }

    /** Enables a disabled source and binds it to a free worker if there is one. */
    public void enable(String sourceId) {
        synchronized (state) {
            requireSource(sourceId);
            if (isEnabled(sourceId)) {
                return;
            }
            state.commit(state.meta().withSourceEnabled(sourceId));
            LogContext.with("source", sourceId, () -> LOG.info("source {} enabled", sourceId));
            state.bindUnboundSources();
        }
    }

    /** The number of sources (the master's metrics). */
    public int count() {
        synchronized (state) {
            return state.meta().sources().size();
        }
    }

    private static SourceConfig parseRequest(String sourceYaml) {
        if (sourceYaml == null || sourceYaml.isBlank()) {
            throw new GodwitException(ErrorCode.CLUSTER_BAD_REQUEST,
                    "the request needs \"source_yaml\": the source.yaml text");
        }
        return ConfigLoader.parseSource(sourceYaml, "source.yaml", ConfigLoader.DEFAULT_CIPHER);
    }

    /** Holding the lock: the tasks with a subtask on the source (only those not Stopped, when {@code activeOnly}). */
    private List<String> tasksUsing(String sourceId, boolean activeOnly) {
        List<String> users = new ArrayList<>();
        state.meta().subtasks().forEach((task, perSource) -> {
            SubtaskTarget target = perSource.get(sourceId);
            if (target != null && (!activeOnly || target.stage() != ExpectedStage.STOPPED)) {
                users.add(task);
            }
        });
        return users;
    }

    private boolean isEnabled(String sourceId) {
        return !state.meta().disabledSources().contains(sourceId);
    }

    private void requireSource(String sourceId) {
        if (!state.meta().sources().containsKey(sourceId)) {
            throw new GodwitException(ErrorCode.CLUSTER_NOT_FOUND, "source " + sourceId + " not found");
        }
    }

    private SourceView view(String sourceId) {
        SourceConfig config = ConfigLoader.parseSource(state.meta().sources().get(sourceId), "source " + sourceId,
                ConfigLoader.DEFAULT_CIPHER);
        return new SourceView(sourceId, config.from().host(), config.from().port(), config.from().user(),
                config.enableGtid(), isEnabled(sourceId), state.meta().bindings().getOrDefault(sourceId, ""));
    }
}
