package io.godwit.master.cluster;

import io.godwit.core.config.ConfigLoader;
import io.godwit.core.config.SourceConfig;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** DM's operate-source and transfer-source on the master's state. */
public final class SourceService {
    private static final Logger LOG = LoggerFactory.getLogger(SourceService.class);
    private final ClusterState state;

    public SourceService(ClusterState state) {
        this.state = state;
    }

    /** Validates and stores a source.yaml, then binds the source to a free worker if there is one. */
    public SourceView create(String sourceYaml) {
        if (sourceYaml == null || sourceYaml.isBlank()) {
            throw new GodwitException(ErrorCode.CLUSTER_BAD_REQUEST,
                    "the request needs \"source_yaml\": the source.yaml text");
        }
        SourceConfig config = ConfigLoader.parseSource(sourceYaml, "source.yaml", ConfigLoader.DEFAULT_CIPHER);
        String id = config.sourceId();
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

    /** Removes a source no task uses; its worker becomes free (and may take another unbound source). */
    public void delete(String sourceId) {
        synchronized (state) {
            requireSource(sourceId);
            List<String> users = new ArrayList<>();
            state.meta().subtasks().forEach((task, perSource) -> {
                if (perSource.containsKey(sourceId)) {
                    users.add(task);
                }
            });
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

    private void requireSource(String sourceId) {
        if (!state.meta().sources().containsKey(sourceId)) {
            throw new GodwitException(ErrorCode.CLUSTER_NOT_FOUND, "source " + sourceId + " not found");
        }
    }

    private SourceView view(String sourceId) {
        SourceConfig config = ConfigLoader.parseSource(state.meta().sources().get(sourceId), "source " + sourceId,
                ConfigLoader.DEFAULT_CIPHER);
        return new SourceView(sourceId, config.from().host(), config.from().port(), config.from().user(),
                config.enableGtid(), state.meta().bindings().getOrDefault(sourceId, ""));
    }
}
