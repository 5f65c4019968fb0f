package io.godwit.master.cluster;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.master.cluster.KeepaliveResponse.SourceAssignment;
import io.godwit.master.cluster.KeepaliveResponse.SubtaskAssignment;
import io.godwit.master.meta.ExpectedStage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Worker keepalives (registration included, DM's --join) and the worker member list. */
public final class MembershipService {
    private static final Logger LOG = LoggerFactory.getLogger(MembershipService.class);
    private final ClusterState state;
    private final AtomicLong keepalivesReceived = new AtomicLong();

    /** How many workers are in each state; free and bound divide the alive ones. */
    public record WorkerCounts(int alive, int offline, int free, int bound) {
    }

    public MembershipService(ClusterState state) {
        this.state = state;
    }

    /**
     * Renews the caller's lease (registering it when unknown) and answers with its desired state.
     * Expiry is checked first, so a worker that calls after its lease lapsed has lost its source like
     * any offline worker and comes back free.
     */
    public KeepaliveResponse keepalive(KeepaliveRequest request) {
        keepalivesReceived.incrementAndGet();
        if (request.name() == null || request.name().isBlank()) {
            throw new GodwitException(ErrorCode.CLUSTER_BAD_REQUEST, "a keepalive needs the worker's \"name\"");
        }
        synchronized (state) {
            state.expireLeases();
            if (state.workers().heard(request, state.nowMillis())) {
                LogContext.with("worker", request.name(),
                        () -> LOG.info("worker {} joined from {}", request.name(), request.address()));
            }
            state.bindUnboundSources();
            return desiredState(request.name());
        }
    }

    public List<WorkerView> workers() {
        synchronized (state) {
            List<WorkerView> views = new ArrayList<>();
            for (WorkerRegistry.Worker w : state.workers().all()) {
                String source = state.boundSource(w.name).orElse("");
                String stage = w.offline ? "offline" : source.isEmpty() ? "free" : "bound";
                views.add(new WorkerView(w.name, w.address, stage, source));
            }
            return views;
        }
    }

    public WorkerCounts workerCounts() {
        synchronized (state) {
            int alive = 0;
            int offline = 0;
            int bound = 0;
            for (WorkerRegistry.Worker w : state.workers().all()) {
                if (w.offline) {
                    offline++;
                } else {
                    alive++;
                    bound += state.boundSource(w.name).isPresent() ? 1 : 0;
                }
            }
            return new WorkerCounts(alive, offline, alive - bound, bound);
        }
    }

    /** Keepalives received since the master started, refused ones included (a counter for the metrics). */
    public long keepalivesReceived() {
        return keepalivesReceived.get();
    }

    private KeepaliveResponse desiredState(String worker) {
        Optional<String> source = state.boundSource(worker);
        if (source.isEmpty()) {
            return new KeepaliveResponse(state.leaseMillis(), null, List.of());
        }
        String id = source.get();
        List<SubtaskAssignment> subtasks = new ArrayList<>();
        state.meta().subtasks().forEach((task, perSource) -> {
            // a Stopped subtask is left out: the worker stops what the master no longer lists
            if (perSource.containsKey(id) && perSource.get(id).stage() != ExpectedStage.STOPPED) {
                subtasks.add(new SubtaskAssignment(task, id, perSource.get(id).stage(),
                        state.meta().tasks().get(task).taskYaml()));
            }
        });
        return new KeepaliveResponse(state.leaseMillis(), new SourceAssignment(id, state.meta().sources().get(id)),
                subtasks);
    }
}
