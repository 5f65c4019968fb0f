package io.godwit.dist;

import io.godwit.core.config.FlatToml;
import io.godwit.shardmerge.HttpShardDdlCoordinator;
import io.godwit.shardmerge.ShardDdlCoordinator;
import io.godwit.worker.agent.MasterClient;
import io.godwit.worker.agent.StandaloneSubtask;
import io.godwit.worker.agent.WorkerAgent;
import io.godwit.worker.http.WorkerHttpServer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A worker's HTTP endpoint and agent, started and stopped together: what {@code godwit worker} runs
 * and what {@code godwit standalone} runs next to its master, one per source.
 */
final class ClusterWorker {
    /** How long one keepalive may take; well under any sensible lease. */
    private static final Duration KEEPALIVE_TIMEOUT = Duration.ofSeconds(3);
    /** A shard-DDL call waits for the master's meta store to be saved: longer than a keepalive may take. */
    private static final Duration SHARD_DDL_TIMEOUT = Duration.ofSeconds(15);

    private final String name;
    private final WorkerHttpServer http;
    private final WorkerAgent agent;
    /** Where it listens and joins, as DM's worker.toml keys; {@link #showSettings} adds the rest. */
    private final Map<String, Object> placement;
    /** What {@code dmctl config worker} shows, read by the HTTP endpoint at each request. */
    private final AtomicReference<String> settingsToml;

    private ClusterWorker(String name, WorkerHttpServer http, WorkerAgent agent, Map<String, Object> placement,
                          AtomicReference<String> settingsToml) {
        this.name = name;
        this.http = http;
        this.agent = agent;
        this.placement = placement;
        this.settingsToml = settingsToml;
    }

    /**
     * Listens on {@code host:port} (0: a free port), then joins {@code masters}.
     *
     * @param advertiseAddr the address given to the master; empty: {@code host} with the port bound
     * @param stopWait      how long a subtask stop waits for its batch boundary
     */
    static ClusterWorker start(String name, String host, int port, String advertiseAddr, List<String> masters,
                               Duration stopWait) {
        // the agent needs the advertised address, which may need the bound port: until it exists, status is idle
        AtomicReference<WorkerAgent> agent = new AtomicReference<>();
        // likewise the shown settings name the bound port
        AtomicReference<String> settingsToml = new AtomicReference<>("");
        WorkerHttpServer http = WorkerHttpServer.start(host, port, () -> agent.get() != null
                ? agent.get().status() : WorkerAgent.idleStatus(name),
                () -> agent.get() != null ? agent.get().binlogCommands() : null, settingsToml::get);
        String advertise = advertiseAddr.isEmpty() ? host + ":" + http.port() : advertiseAddr;
        MasterClient master = new MasterClient(masters, KEEPALIVE_TIMEOUT);
        // shard DDLs go to the master the keepalives reach, so both move on together when one master fails
        ShardDdlCoordinator shardDdl = new HttpShardDdlCoordinator(master::master, SHARD_DDL_TIMEOUT);
        WorkerAgent worker = new WorkerAgent(name, advertise, master, StandaloneSubtask.factory(name, shardDdl),
                stopWait);
        agent.set(worker);
        Map<String, Object> placement = new LinkedHashMap<>();
        placement.put("name", name);
        placement.put("worker-addr", host + ":" + http.port());
        placement.put("advertise-addr", advertise);
        placement.put("join", String.join(",", masters));
        ClusterWorker started = new ClusterWorker(name, http, worker, placement, settingsToml);
        started.showSettings(Map.of());
        return started;
    }

    /**
     * Sets what {@code dmctl config worker} shows: where it listens and joins, then {@code more} (DM's
     * worker.toml keys the caller knows, like log-level).
     */
    void showSettings(Map<String, Object> more) {
        Map<String, Object> values = new LinkedHashMap<>(placement);
        values.putAll(more);
        settingsToml.set(FlatToml.write(values));
    }

    /** Starts keeping the lease and running what the master assigns. */
    void join() {
        agent.start();
    }

    String name() {
        return name;
    }

    int port() {
        return http.port();
    }

    /**
     * Stops every subtask at a batch boundary, then the endpoint.
     *
     * @return whether every subtask stopped within {@code wait}
     */
    boolean stop(Duration wait) {
        boolean clean = agent.stop(wait);
        http.close();
        return clean;
    }
}
