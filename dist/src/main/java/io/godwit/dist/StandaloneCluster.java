package io.godwit.dist;

import io.godwit.master.Master;
import io.godwit.master.MasterConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A master and its workers in this JVM: the cluster of one machine, driven by dmctl and the REST
 * API like any other. The master's scheduler binds each source to one worker, so a worker is started
 * (on a free loopback port) whenever the master holds more sources than there are workers; every
 * worker runs exactly the code of {@code godwit worker} and talks to the master over loopback HTTP.
 */
final class StandaloneCluster implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StandaloneCluster.class);
    private static final long WORKER_CHECK_MILLIS = 500;

    private final Master master;
    private final String name;
    private final Duration stopWait;
    private final Consumer<String> out;
    private final List<ClusterWorker> workers = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scaler;

    private StandaloneCluster(Master master, String name, Duration stopWait, Consumer<String> out) {
        this.master = master;
        this.name = name;
        this.stopWait = stopWait;
        this.out = out;
        this.scaler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "godwit-standalone-workers");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the master, then a worker per source it already holds, then watches for new sources. */
    static StandaloneCluster start(MasterConfig config, Duration stopWait, Consumer<String> out) {
        Master master = Master.start(config);
        StandaloneCluster cluster = new StandaloneCluster(master, config.name(), stopWait, out);
        cluster.scaler.scheduleWithFixedDelay(cluster::matchWorkersToSources, 0, WORKER_CHECK_MILLIS,
                TimeUnit.MILLISECONDS);
        return cluster;
    }

    int port() {
        return master.port();
    }

    String host() {
        return master.host();
    }

    /** One worker per source; workers are not stopped when sources go, a free worker costs a few idle threads. */
    private void matchWorkersToSources() {
        try {
            while (workers.size() < master.sourceCount()) {
                String workerName = name + "-worker-" + (workers.size() + 1);
                ClusterWorker w = ClusterWorker.start(workerName, "127.0.0.1", 0, "", List.of(masterAddress()), stopWait);
                workers.add(w);
                w.join();
                out.accept("worker " + workerName + " started on 127.0.0.1:" + w.port());
            }
        } catch (RuntimeException e) {
            // tried again on the next tick; the source stays unbound meanwhile and says so in its status
            LOG.error("starting a worker failed: {}", e.getMessage(), e);
        }
    }

    /** Where the workers reach the master: over loopback, also when it listens on every interface. */
    private String masterAddress() {
        boolean wildcard = new DmProcessSettings.ListenAddress(master.host(), master.port()).everyInterface();
        return (wildcard ? "127.0.0.1" : master.host()) + ":" + master.port();
    }

    /**
     * Stops every subtask at a batch boundary, then the workers and the master.
     *
     * @return whether every subtask stopped within the stop wait
     */
    boolean stop() {
        scaler.shutdownNow();
        boolean clean = true;
        for (ClusterWorker w : workers) {
            clean &= w.stop(stopWait);
        }
        master.close();
        return clean;
    }

    @Override public void close() {
        stop();
    }
}
