package io.godwit.master.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The workers the master has heard of, in memory only: a master restart forgets them and the
 * workers re-register with their next keepalive. Not thread-safe; {@link ClusterState} guards it.
 *
 * <p>A worker is alive while its last keepalive is younger than the lease; then it is offline
 * until it calls again. Offline workers stay listed (as DM's list-member shows them).
 */
final class WorkerRegistry {
    private final Map<String, Worker> workers = new TreeMap<>();

    /** One worker's lease and its last report. {@code address} is empty until it has called. */
    static final class Worker {
        final String name;
        String address = "";
        long lastHeardMillis;
        boolean offline;
        /** False for a worker only {@link #expect expected} after a restart that has not called yet. */
        boolean called;
        List<SubtaskReport> reports = List.of();

        Worker(String name, long lastHeardMillis) {
            this.name = name;
            this.lastHeardMillis = lastHeardMillis;
        }
    }

    /**
     * Records a keepalive. Returns true when the worker joined: it was unknown, offline, or only
     * expected (restored from a binding after a restart) and calls for the first time.
     */
    boolean heard(KeepaliveRequest request, long nowMillis) {
        Worker w = workers.computeIfAbsent(request.name(), n -> new Worker(n, nowMillis));
        boolean joined = w.offline || !w.called;
        w.called = true;
        w.address = request.address();
        w.lastHeardMillis = nowMillis;
        w.offline = false;
        w.reports = request.subtasks();
        return joined;
    }

    /**
     * A worker a stored binding names, after a master restart: it counts as alive (holding its
     * source) for one lease from {@code nowMillis}, the time it has to call in before its source moves.
     */
    void expect(String name, long nowMillis) {
        workers.computeIfAbsent(name, n -> new Worker(n, nowMillis));
    }

    /** Marks offline every alive worker not heard of for {@code leaseMillis}; returns their names. */
    List<String> expire(long nowMillis, long leaseMillis) {
        List<String> expired = new ArrayList<>();
        for (Worker w : workers.values()) {
            if (!w.offline && nowMillis - w.lastHeardMillis >= leaseMillis) {
                w.offline = true;
                w.reports = List.of();
                expired.add(w.name);
            }
        }
        return expired;
    }

    boolean isAlive(String name) {
        Worker w = workers.get(name);
        return w != null && !w.offline;
    }

    Optional<Worker> find(String name) {
        return Optional.ofNullable(workers.get(name));
    }

    /** All workers, sorted by name. */
    List<Worker> all() {
        return List.copyOf(workers.values());
    }

    /** What the named worker last reported for the subtask, if it is alive and reported it. */
    Optional<SubtaskReport> report(String workerName, String task, String source) {
        Worker w = workers.get(workerName);
        if (w == null || w.offline) {
            return Optional.empty();
        }
        return w.reports.stream().filter(r -> task.equals(r.task()) && source.equals(r.source())).findFirst();
    }
}
