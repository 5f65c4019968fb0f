package io.godwit.worker.agent;

import io.godwit.core.error.GodwitException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's loop (DM's worker keepalive plus its subtask reconciliation): every second, or a
 * third of the lease when that is shorter, it sends the master its subtask reports and reconciles
 * its subtasks toward the answer ({@link SubtaskSet}).
 *
 * <p>Split-brain guard: when no keepalive succeeded for a whole lease, the master has marked this
 * worker offline and may have given its source to another worker, so every subtask is stopped; the
 * loop keeps calling and the subtasks start again once the master answers and still expects them.
 *
 * <p>Nothing slow runs on the loop's thread: stopping a subtask (which waits for a batch boundary)
 * runs on stopper threads, reading subtask status (which may query the databases) on a status thread,
 * and a keepalive call is bounded by the client's timeout.
 */
public final class WorkerAgent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerAgent.class);
    /** The longest pause between keepalives. */
    static final Duration MAX_INTERVAL = Duration.ofSeconds(1);
    /** How often the lease is checked, apart from the keepalive loop, so that a hanging call cannot delay the stop. */
    static final Duration LEASE_CHECK = Duration.ofMillis(50);
    /** The lease assumed until the master names one. */
    static final long DEFAULT_LEASE_MS = 10_000;

    private final String name;
    private final String address;
    private final MasterClient master;
    private final SubtaskSet subtasks;
    private final SubtaskBinlogCommands binlogCommands;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(
            daemon("godwit-worker-keepalive"));
    private final ScheduledExecutorService statusReader = Executors.newSingleThreadScheduledExecutor(
            daemon("godwit-worker-status"));
    private final ScheduledExecutorService leaseWatch = Executors.newSingleThreadScheduledExecutor(
            daemon("godwit-worker-lease"));
    /** Guards the lease fields together, written by the loop and the lease watch. */
    private final Object lease = new Object();
    private final ExecutorService stopper = Executors.newCachedThreadPool(daemon("godwit-subtask-stop"));

    private volatile long leaseMs = DEFAULT_LEASE_MS;
    /** When the last keepalive the master accepted was sent: the master's lease began after that. */
    private long lastKeepaliveNanos = System.nanoTime();
    private boolean leaseHeld;
    private volatile String boundSource;
    private volatile boolean closed;
    private boolean masterUnreachableLogged;

    /**
     * @param name     the worker's name, unique in the cluster
     * @param address  where this worker's HTTP endpoint is reached ({@code advertise-addr})
     * @param stopWait how long one subtask stop waits for its batch boundary
     */
    public WorkerAgent(String name, String address, MasterClient master, Subtask.Factory factory, Duration stopWait) {
        this.name = name;
        this.address = address;
        this.master = master;
        this.subtasks = new SubtaskSet(factory, stopper, stopWait);
        this.binlogCommands = new SubtaskBinlogCommands(subtasks);
    }

    /** Starts the loop; returns at once. */
    public void start() {
        LOG.info("worker {} ({}) joins the master at {}", name, address, master.master());
        loop.execute(this::tick);
        leaseWatch.scheduleWithFixedDelay(this::checkLease, LEASE_CHECK.toMillis(), LEASE_CHECK.toMillis(),
                TimeUnit.MILLISECONDS);
        statusReader.scheduleWithFixedDelay(this::readStatus, 0, MAX_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One keepalive and reconciliation, then schedules the next. */
    private void tick() {
        if (closed) {
            return;
        }
        try {
            long sentAt = System.nanoTime();
            KeepaliveResponse answer = master.keepalive(new KeepaliveRequest(name, address, subtasks.reports()));
            long leaseOfAnswer = answer.leaseMs() > 0 ? answer.leaseMs() : leaseMs;
            if (TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentAt) >= leaseOfAnswer) {
                LOG.warn("worker {}: the master's answer came after the lease it renewed had ended: ignored", name);
                return;
            }
            boolean regained;
            synchronized (lease) {
                lastKeepaliveNanos = sentAt;
                leaseMs = leaseOfAnswer;
                regained = !leaseHeld;
                leaseHeld = true;
            }
            if (regained || masterUnreachableLogged) {
                LOG.info("worker {}: keepalive accepted by {}, lease {} ms", name, master.master(), leaseMs);
            }
            masterUnreachableLogged = false;
            boundSource = answer.source() == null ? null : answer.source().sourceId();
            if (!closed) {
                subtasks.reconcile(answer.source(), answer.subtasks());
            }
        } catch (GodwitException e) {
            if (!masterUnreachableLogged) {
                LOG.warn("worker {}: {}", name, e.oneLine());
                masterUnreachableLogged = true;
            }
        } catch (RuntimeException e) {
            LOG.error("worker {}: keepalive round failed", name, e);
        } finally {
            if (!closed) {
                loop.schedule(this::tick, interval(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /**
     * Stops everything once a whole lease passed since the last accepted keepalive was sent. Counting
     * from the sending, not the answer, keeps this worker's deadline no later than the master's.
     */
    private void checkLease() {
        long silentMs;
        synchronized (lease) {
            silentMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastKeepaliveNanos);
            if (!leaseHeld || silentMs < leaseMs) {
                return;
            }
            leaseHeld = false;
            boundSource = null;
        }
        LOG.warn("worker {}: no keepalive reached the master for {} ms (lease {} ms): stopping every subtask,"
                + " the master may have given the source to another worker", name, silentMs, leaseMs);
        subtasks.stopAll();
    }

    private long interval() {
        return Math.max(1, Math.min(MAX_INTERVAL.toMillis(), leaseMs / 3));
    }

    private void readStatus() {
        for (SubtaskRunner r : subtasks.runners()) {
            try {
                r.refreshStatus();
            } catch (RuntimeException e) {
                LOG.debug("status of {} not read", r.spec().key(), e);
            }
        }
    }

    /** Whether the last keepalive was accepted within the lease. */
    public boolean leaseHeld() {
        synchronized (lease) {
            return leaseHeld;
        }
    }

    /** The subtask reports as the next keepalive sends them. */
    public List<SubtaskReport> reports() {
        return subtasks.reports();
    }

    /** {@code GET /api/v1/status}: the worker's name, bound source (null: none) and subtask reports. */
    public Map<String, Object> status() {
        return status(name, boundSource, reports());
    }

    /** DM's binlog skip|replace and binlog-schema commands on this worker's subtasks. */
    public SubtaskBinlogCommands binlogCommands() {
        return binlogCommands;
    }

    /** The status of a worker that runs nothing yet. */
    public static Map<String, Object> idleStatus(String name) {
        return status(name, null, List.of());
    }

    private static Map<String, Object> status(String name, String source, List<SubtaskReport> reports) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("source", source);
        out.put("subtasks", reports);
        return out;
    }

    /**
     * Stops the loop and every subtask, waiting up to {@code wait} for them to reach their batch
     * boundary (SIGTERM); returns whether all did.
     */
    public boolean stop(Duration wait) {
        closed = true;
        loop.shutdown();
        try {
            loop.awaitTermination(MAX_INTERVAL.toMillis() * 5, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        statusReader.shutdownNow();
        leaseWatch.shutdownNow();
        subtasks.stopAll();
        boolean allEnded = subtasks.awaitAllEnded(wait);
        stopper.shutdown();
        LOG.info("worker {} stopped{}", name,
                allEnded ? "" : "; some subtask did not reach its batch boundary in time");
        return allEnded;
    }

    @Override public void close() {
        stop(Duration.ofSeconds(60));
    }

    private static ThreadFactory daemon(String threadName) {
        return r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        };
    }
}
