package io.godwit.master.cluster;

import io.godwit.master.meta.MetaSnapshot;
import io.godwit.master.meta.MetaStore;
import io.godwit.shardmerge.InMemoryShardDdlCoordinator;
import io.godwit.shardmerge.ShardGroupId;
import io.godwit.shardmerge.ShardGroupPersistence;
import io.godwit.shardmerge.ShardGroupState;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's state and the binding rules, behind one lock (this object) that
 * {@link SourceService}, {@link TaskService} and {@link MembershipService} hold for every call.
 *
 * <p>Desired state lives in a {@link MetaSnapshot} that is saved before it replaces the current
 * one, so a failed save changes nothing. Binding rules (DM's scheduler, one source per worker):
 * <ol>
 *   <li>a free worker is alive and has no source bound;</li>
 *   <li>after every change, each unbound source (in name order) is bound to a free worker (in name
 *       order) while both exist: a new source finds a free worker, a registering worker finds an
 *       unbound source; a disabled source is never bound;</li>
 *   <li>when a worker's lease lapses its binding is dropped, so rule 2 moves its source to a free
 *       worker at once, or leaves it unbound until a worker registers;</li>
 *   <li>after a restart, each worker named by a stored binding gets one lease from the restart to
 *       call in before rule 3 applies to it.</li>
 * </ol>
 *
 * <p>The shard-DDL groups live here too ({@link #shardDdl()}), seeded from the snapshot: every change of a group
 * is committed as a snapshot before the coordinator makes it, under this object's lock, so a group in memory is
 * always the one a restart reads back.
 */
public final class ClusterState {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterState.class);

    private final MetaStore store;
    private final Clock clock;
    private final long leaseMillis;
    private final WorkerRegistry workers = new WorkerRegistry();
    private final InMemoryShardDdlCoordinator shardDdl;
    private MetaSnapshot meta;

    public ClusterState(MetaStore store, Clock clock, long leaseMillis) {
        this.store = store;
        this.clock = clock;
        this.leaseMillis = leaseMillis;
        this.meta = store.load();
        long now = clock.millis();
        meta.bindings().values().forEach(worker -> workers.expect(worker, now));
        this.shardDdl = new InMemoryShardDdlCoordinator(meta.shardGroups().values(), new ShardGroupPersistence() {
            @Override public void save(ShardGroupState next) {
                synchronized (ClusterState.this) {
                    commit(meta.withShardGroup(next));
                }
            }

            @Override public void remove(String task, List<ShardGroupId> groups) {
                synchronized (ClusterState.this) {
                    commit(meta.withoutShardGroups(task));
                }
            }
        });
    }

    /**
     * Marks workers whose lease lapsed offline and moves their sources (the 1 s timer calls this).
     * Every binding to an offline worker is dropped, not only those of the workers expired now, so a save
     * that failed on an earlier call is retried here.
     */
    public synchronized void expireLeases() {
        for (String worker : workers.expire(clock.millis(), leaseMillis)) {
            Optional<String> source = boundSource(worker);
            LogContext.with("worker", worker, () -> LOG.warn("worker {} missed its keepalive for {} ms: offline{}",
                    worker, leaseMillis, source.map(s -> ", unbinding source " + s).orElse("")));
        }
        MetaSnapshot next = meta;
        for (Map.Entry<String, String> binding : meta.bindings().entrySet()) {
            if (!workers.isAlive(binding.getValue())) {
                next = next.withoutBinding(binding.getKey());
            }
        }
        if (next != meta) {
            commit(next);
        }
        bindUnboundSources();
    }

    long leaseMillis() { return leaseMillis; }

    long nowMillis() { return clock.millis(); }

    MetaSnapshot meta() { return meta; }

    WorkerRegistry workers() { return workers; }

    /**
     * The shard-DDL coordinator over the stored groups. Call it holding this object's lock (taken before the
     * coordinator's own, always in that order): its changes commit snapshots.
     */
    InMemoryShardDdlCoordinator shardDdl() { return shardDdl; }

    /** Saves {@code next} and makes it current; on a failed save the current state stays as it was. */
    void commit(MetaSnapshot next) {
        store.save(next);
        meta = next;
    }

    Optional<String> boundSource(String worker) {
        return meta.bindings().entrySet().stream().filter(e -> e.getValue().equals(worker))
                .map(Map.Entry::getKey).findFirst();
    }

    boolean isFree(String worker) {
        return workers.isAlive(worker) && boundSource(worker).isEmpty();
    }

    /** Rule 2: pairs unbound enabled sources with free workers, both in name order, in one save. */
    void bindUnboundSources() {
        Set<String> busy = new HashSet<>(meta.bindings().values());
        Deque<String> free = new ArrayDeque<>();
        for (WorkerRegistry.Worker w : workers.all()) {
            if (!w.offline && !busy.contains(w.name)) {
                free.add(w.name);
            }
        }
        MetaSnapshot next = meta;
        for (String source : meta.sources().keySet()) {
            if (free.isEmpty()) {
                break;
            }
            if (!meta.bindings().containsKey(source) && !meta.disabledSources().contains(source)) {
                next = next.withBinding(source, free.poll());
            }
        }
        if (next != meta) {
            MetaSnapshot before = meta;
            commit(next);
            next.bindings().forEach((source, worker) -> {
                if (!before.bindings().containsKey(source)) {
                    logBinding(source, worker);
                }
            });
        }
    }

    static void logBinding(String source, String worker) {
        LogContext.with("source", source, () -> LogContext.with("worker", worker,
                () -> LOG.info("source {} bound to worker {}", source, worker)));
    }
}
