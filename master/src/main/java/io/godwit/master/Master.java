package io.godwit.master;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.master.cluster.ClusterState;
import io.godwit.master.cluster.MembershipService;
import io.godwit.master.cluster.ShardDdlService;
import io.godwit.master.cluster.SourceService;
import io.godwit.master.cluster.TaskService;
import io.godwit.master.http.MasterHttpServer;
import io.godwit.master.meta.FileMetaStore;
import io.godwit.shardmerge.ShardDdlCoordinator;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A running master: the meta store in the data directory, the scheduler, the HTTP endpoint and a
 * timer that checks worker leases every second (keepalives check them too).
 */
public final class Master implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Master.class);
    private static final long LEASE_CHECK_MILLIS = 1000;

    private final MasterHttpServer http;
    private final ScheduledExecutorService leaseTimer;
    private final String host;
    private final SourceService sources;
    private final ShardDdlService shardDdl;

    private Master(MasterHttpServer http, ScheduledExecutorService leaseTimer, String host, SourceService sources,
                   ShardDdlService shardDdl) {
        this.http = http;
        this.leaseTimer = leaseTimer;
        this.host = host;
        this.sources = sources;
        this.shardDdl = shardDdl;
    }

    public static Master start(MasterConfig config) {
        if (config.keepaliveTtl().toMillis() < LEASE_CHECK_MILLIS) {
            throw new GodwitException(ErrorCode.CONFIG_INVALID, "keepalive-ttl " + config.keepaliveTtl()
                    + " is shorter than the workers' 1 s keepalive interval; give at least 1s");
        }
        ClusterState state = new ClusterState(new FileMetaStore(config.dataDir()), Clock.systemUTC(),
                config.keepaliveTtl().toMillis());
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "godwit-master-leases");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> checkLeases(state, config.name()), LEASE_CHECK_MILLIS, LEASE_CHECK_MILLIS,
                TimeUnit.MILLISECONDS);
        SourceService sources = new SourceService(state);
        ShardDdlService shardDdl = new ShardDdlService(state);
        try {
            MasterHttpServer http = MasterHttpServer.start(config.host(), config.port(),
                    new MasterHttpServer.MasterIdentity(config.name(), config.advertiseAddr(), config.dataDir(),
                            config.keepaliveTtl()),
                    sources, new TaskService(state), new MembershipService(state), shardDdl);
            LOG.info("master {} listening on {}:{} with data in {}", config.name(), config.host(), http.port(),
                    config.dataDir());
            return new Master(http, timer, config.host(), sources, shardDdl);
        } catch (RuntimeException e) {
            timer.shutdownNow();
            throw e;
        }
    }

    /** The port the HTTP endpoint listens on (the chosen one when configured with 0). */
    public int port() {
        return http.port();
    }

    public String host() {
        return host;
    }

    /** How many sources the master holds (standalone starts a worker for each). */
    public int sourceCount() {
        return sources.count();
    }

    /**
     * The shard-DDL lock service itself, for workers in this JVM (standalone) that need not go through HTTP; remote
     * workers use {@code HttpShardDdlCoordinator} on the same service.
     */
    public ShardDdlCoordinator shardDdl() {
        return shardDdl;
    }

    private static void checkLeases(ClusterState state, String masterName) {
        MDC.put("master", masterName);
        try {
            state.expireLeases();
        } catch (RuntimeException e) {
            // a failed save leaves the state as it was; the next tick tries again
            LOG.error("checking worker leases failed: {}", e.getMessage(), e);
        } finally {
            MDC.remove("master");
        }
    }

    @Override public void close() {
        leaseTimer.shutdownNow();
        http.close();
    }
}
