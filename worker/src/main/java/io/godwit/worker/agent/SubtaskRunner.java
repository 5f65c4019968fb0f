package io.godwit.worker.agent;

import io.godwit.core.error.GodwitException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one subtask on a thread of its own and says which stage it is in:
 * <ul>
 *   <li>New: not started;</li>
 *   <li>Running: {@link Subtask#run()} is going on and the subtask has not paused itself;</li>
 *   <li>Paused: asked to pause ({@link #requestStop} with Paused), or failed, as DM pauses a subtask on an
 *       error: {@code run()} threw, or the sync paused itself; {@link #error()} says why;</li>
 *   <li>Stopped: asked to stop and {@code run()} returned;</li>
 *   <li>Finished: {@code run()} returned on its own (task modes full, dump, load).</li>
 * </ul>
 * A runner runs once; to run a subtask again the agent makes a new runner. A stop is reported only
 * once {@code run()} returned: until then the subtask may still write.
 */
public final class SubtaskRunner {
    private static final Logger LOG = LoggerFactory.getLogger(SubtaskRunner.class);

    private final SubtaskSpec spec;
    private final Subtask.Factory factory;
    private Thread thread;
    private Subtask subtask;
    /** The stage to report once ended, set by a stop request; null while none was asked. */
    private SubtaskStage stopAs;
    private boolean ended;
    private boolean finished;
    private String runError;
    private volatile Subtask.Observation observation = Subtask.Observation.NONE;

    public SubtaskRunner(SubtaskSpec spec, Subtask.Factory factory) {
        this.spec = spec;
        this.factory = factory;
    }

    public SubtaskSpec spec() {
        return spec;
    }

    /** Starts the subtask on its own thread, unless a stop was asked already; returns at once. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("subtask " + spec.key() + " was started already");
        }
        if (stopAs != null) {
            return;
        }
        thread = new Thread(this::runSubtask, "godwit-subtask-" + spec.task() + "-" + spec.source());
        thread.start();
    }

    private void runSubtask() {
        MDC.put("task", spec.task());
        MDC.put("source", spec.source());
        try {
            Subtask opened = factory.open(spec);
            synchronized (this) {
                if (stopAs != null) {
                    return;
                }
                subtask = opened;
            }
            LOG.info("subtask {} started", spec.key());
            opened.run();
            synchronized (this) {
                finished = stopAs == null;
            }
            LOG.info("subtask {} {}", spec.key(), finished ? "finished" : "stopped");
        } catch (RuntimeException e) {
            String line = e instanceof GodwitException g ? g.oneLine() : e.toString();
            synchronized (this) {
                runError = line;
            }
            LOG.error("subtask {} paused: {}", spec.key(), line);
            LOG.debug("subtask {} failure", spec.key(), e);
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
            MDC.clear();
        }
    }

    /**
     * Marks the subtask to stop and to be reported as {@code as} (Paused or Stopped) once ended; the
     * last request wins. Cheap and non-blocking: {@link #stop} does the stopping. A finished subtask
     * stays Finished.
     */
    public synchronized void requestStop(SubtaskStage as) {
        if (as != SubtaskStage.PAUSED && as != SubtaskStage.STOPPED) {
            throw new IllegalArgumentException("a subtask stops as Paused or Stopped, not " + as);
        }
        if (!finished) {
            stopAs = as;
        }
    }

    /**
     * Stops the subtask ({@link Subtask#stop()}: the sync stops at a batch boundary with everything
     * checkpointed) and waits up to {@code wait} for {@link Subtask#run()} to return.
     *
     * @return whether it ended within the wait
     */
    public boolean stop(SubtaskStage as, Duration wait) {
        requestStop(as);
        Subtask running;
        synchronized (this) {
            running = subtask;
        }
        if (running != null) {
            running.stop();
        }
        boolean endedInTime = awaitEnd(wait);
        if (!endedInTime) {
            LOG.warn("subtask {} did not stop within {} s; it stops at its next safe point", spec.key(),
                    wait.toSeconds());
        }
        return endedInTime;
    }

    /** Waits up to {@code wait} for the subtask's thread to end (at once when it never started). */
    public synchronized boolean awaitEnd(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (thread != null && !ended) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, left / 1_000_000));
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether the subtask's thread runs: started and {@code run()} has not returned. */
    public synchronized boolean alive() {
        return thread != null && !ended;
    }

    /** The subtask while its {@code run()} goes on; empty before it started and once it ended. */
    public synchronized Optional<Subtask> live() {
        return ended ? Optional.empty() : Optional.ofNullable(subtask);
    }

    /** Whether a stop or pause was asked of it. */
    public synchronized boolean stopRequested() {
        return stopAs != null;
    }

    /** The stage a stop or pause was asked with; null when none was. */
    public synchronized SubtaskStage requestedStop() {
        return stopAs;
    }

    public synchronized SubtaskStage stage() {
        if (thread == null) {
            return stopAs != null ? stopAs : SubtaskStage.NEW;
        }
        if (ended) {
            if (finished) {
                return SubtaskStage.FINISHED;
            }
            if (stopAs != null) {
                return stopAs;
            }
            return SubtaskStage.PAUSED; // run() threw
        }
        return observation.pausedError() != null ? SubtaskStage.PAUSED : SubtaskStage.RUNNING;
    }

    /** The one-line error the subtask paused or failed with; null when none. */
    public synchronized String error() {
        return runError != null ? runError : observation.pausedError();
    }

    /** Reads the subtask's status; may query the databases, so it runs off the keepalive thread. */
    public void refreshStatus() {
        Subtask current;
        synchronized (this) {
            current = ended ? null : subtask;
        }
        if (current == null) {
            return;
        }
        try {
            observation = current.observe();
        } catch (RuntimeException e) {
            LOG.debug("subtask {}: status not available", spec.key(), e);
        }
    }

    /** The last status read; an empty map before the subtask started. */
    public Map<String, Object> status() {
        return observation.status();
    }

    /** This subtask's report for the keepalive. */
    public SubtaskReport report() {
        return new SubtaskReport(spec.task(), spec.source(), stage(), error(), status());
    }
}
