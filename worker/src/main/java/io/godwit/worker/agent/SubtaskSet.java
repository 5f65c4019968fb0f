package io.godwit.worker.agent;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.worker.agent.KeepaliveResponse.ExpectedSubtask;
import io.godwit.worker.agent.KeepaliveResponse.SourceBinding;
import io.godwit.worker.agent.SubtaskSpec.SubtaskKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subtasks of one worker, reconciled toward the master's desired state without ever blocking the
 * caller: stopping, which waits for a batch boundary, runs on the {@code stopper} executor.
 *
 * <p>Rules, per subtask the master lists for the bound source:
 * <ol>
 *   <li>Running, no runner, or the runner ended after a stop or pause was asked: start a new runner.
 *       This is also how a subtask paused by an error runs again: the master flips it to Paused
 *       (DM's pause-task) and back to Running (resume-task). A subtask that failed is not restarted
 *       while the master keeps it Running: it stays Paused with its error, as in DM.</li>
 *   <li>Running, the runner ended on its own (Finished, or failed) with a task or source file that
 *       has changed since: start a new runner with the new files.</li>
 *   <li>Running or Paused, the files changed while the runner runs: stop it; rule 1 or 2 starts the
 *       new one once it ended.</li>
 *   <li>Paused: stop the runner as Paused (a subtask never started is reported Paused at once).</li>
 * </ol>
 * A subtask not listed, or of another source than the bound one, is stopped and forgotten once
 * ended. Nothing starts while a subtask of another source still runs (one source per worker), nor
 * while the previous runner of the same subtask still runs (one writer per subtask in this process).
 */
final class SubtaskSet {
    private static final Logger LOG = LoggerFactory.getLogger(SubtaskSet.class);

    private final Subtask.Factory factory;
    private final Executor stopper;
    private final Duration stopWait;
    private final Map<SubtaskKey, SubtaskRunner> runners = new LinkedHashMap<>();
    /** Subtasks an operator's command works on now ({@link #whileHeld}): no new runner of them starts. */
    private final Set<SubtaskKey> held = new HashSet<>();

    /**
     * @param stopWait how long a stop waits for a subtask to reach its batch boundary before it is
     *                 left to get there on its own (it is then still reported as running)
     */
    SubtaskSet(Subtask.Factory factory, Executor stopper, Duration stopWait) {
        this.factory = factory;
        this.stopper = stopper;
        this.stopWait = stopWait;
    }

    /** Moves the subtasks toward what the master expects; returns at once. */
    synchronized void reconcile(SourceBinding source, List<ExpectedSubtask> expected) {
        Map<SubtaskKey, ExpectedSubtask> wanted = new LinkedHashMap<>();
        for (ExpectedSubtask e : expected) {
            if (source != null && source.sourceId().equals(e.source())) {
                wanted.put(new SubtaskKey(e.task(), e.source()), e);
            } else {
                LOG.warn("the master expects subtask {}/{} but binds source {} here: ignored", e.task(), e.source(),
                        source == null ? "none" : source.sourceId());
            }
        }
        retireUnwanted(wanted);
        boolean otherSourceRuns = runners.values().stream()
                .anyMatch(r -> r.alive() && !r.spec().source().equals(source == null ? null : source.sourceId()));
        for (Map.Entry<SubtaskKey, ExpectedSubtask> e : wanted.entrySet()) {
            ExpectedSubtask want = e.getValue();
            SubtaskSpec spec = new SubtaskSpec(want.task(), want.source(), want.taskYaml(), source.configYaml());
            if (want.stage() == SubtaskStage.PAUSED) {
                pause(spec);
            } else if (want.stage() == SubtaskStage.RUNNING) {
                run(spec, otherSourceRuns);
            } else {
                LOG.warn("the master expects subtask {} to be {}: only Running and Paused are expected stages",
                        e.getKey(), want.stage().wireName());
            }
        }
    }

    /** Stops every subtask (the lease is lost, or the worker shuts down); returns at once. */
    synchronized void stopAll() {
        runners.values().forEach(r -> stopLater(r, SubtaskStage.STOPPED));
    }

    /** Waits up to {@code wait} in all for every subtask to end; returns whether all did. */
    boolean awaitAllEnded(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        for (SubtaskRunner r : runners()) {
            if (!r.awaitEnd(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Runs {@code command} on the runner of subtask {@code key} while no new runner of it can start, so that
     * a subtask found paused stays paused until the command is done (a resume meanwhile waits for the next
     * reconciliation). One command per subtask at a time.
     *
     * @throws GodwitException CLUSTER_NOT_FOUND when this worker has no such subtask, CLUSTER_CONFLICT when
     *                         another command works on it
     */
    <T> T whileHeld(SubtaskKey key, Function<SubtaskRunner, T> command) {
        SubtaskRunner runner;
        synchronized (this) {
            runner = runners.get(key);
            if (runner == null) {
                throw new GodwitException(ErrorCode.CLUSTER_NOT_FOUND, "this worker runs no subtask " + key);
            }
            if (!held.add(key)) {
                throw new GodwitException(ErrorCode.CLUSTER_CONFLICT, "another binlog command on subtask " + key
                        + " is still running; try again when it is done");
            }
        }
        try {
            return command.apply(runner);
        } finally {
            synchronized (this) {
                held.remove(key);
            }
        }
    }

    synchronized List<SubtaskRunner> runners() {
        return List.copyOf(runners.values());
    }

    synchronized List<SubtaskReport> reports() {
        List<SubtaskReport> out = new ArrayList<>();
        runners.values().forEach(r -> out.add(r.report()));
        return out;
    }

    private void retireUnwanted(Map<SubtaskKey, ExpectedSubtask> wanted) {
        for (Iterator<SubtaskRunner> it = runners.values().iterator(); it.hasNext(); ) {
            SubtaskRunner r = it.next();
            if (wanted.containsKey(r.spec().key())) {
                continue;
            }
            if (r.alive()) {
                if (r.requestedStop() != SubtaskStage.STOPPED) {
                    LOG.info("subtask {} is no longer expected here: stopping it", r.spec().key());
                    stopLater(r, SubtaskStage.STOPPED);
                }
            } else {
                it.remove();
            }
        }
    }

    private void pause(SubtaskSpec spec) {
        SubtaskRunner r = runners.get(spec.key());
        if (r == null || (!r.alive() && !r.spec().equals(spec))) {
            SubtaskRunner paused = new SubtaskRunner(spec, factory);
            paused.requestStop(SubtaskStage.PAUSED);
            runners.put(spec.key(), paused);
            return;
        }
        if (!r.spec().equals(spec)) {
            stopLater(r, SubtaskStage.STOPPED);
        } else if (r.requestedStop() != SubtaskStage.PAUSED && r.stage() != SubtaskStage.FINISHED) {
            LOG.info("subtask {} is expected Paused: pausing it", spec.key());
            stopLater(r, SubtaskStage.PAUSED);
        }
    }

    private void run(SubtaskSpec spec, boolean otherSourceRuns) {
        SubtaskRunner r = runners.get(spec.key());
        if (r != null && r.alive()) {
            if (!r.spec().equals(spec) && r.requestedStop() == null) {
                LOG.info("subtask {}: its task or source file changed, restarting it", spec.key());
                stopLater(r, SubtaskStage.STOPPED);
            }
            return;
        }
        boolean startable = r == null || r.stopRequested() || !r.spec().equals(spec);
        if (!startable) {
            return; // finished, or failed and kept Paused until the master pauses and resumes it
        }
        if (held.contains(spec.key())) {
            LOG.info("subtask {} starts after the binlog command working on it", spec.key());
            return;
        }
        if (otherSourceRuns) {
            LOG.info("subtask {} waits for the subtasks of the previous source to stop", spec.key());
            return;
        }
        SubtaskRunner fresh = new SubtaskRunner(spec, factory);
        runners.put(spec.key(), fresh);
        fresh.start();
    }

    private void stopLater(SubtaskRunner r, SubtaskStage as) {
        r.requestStop(as);
        stopper.execute(() -> r.stop(as, stopWait));
    }
}
