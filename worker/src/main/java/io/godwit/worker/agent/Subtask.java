package io.godwit.worker.agent;

import java.util.Map;

/**
 * One task run for one source, as a {@link SubtaskRunner} drives it: {@link StandaloneSubtask} in
 * the worker; the seam lets the agent's reconciliation be tested without databases.
 */
public interface Subtask {

    /** Runs until done (modes full, dump, load) or until {@link #stop()} (all, incremental); throws what failed. */
    void run();

    /** Asks {@link #run()} to return at the next safe point with everything applied checkpointed; returns at once. */
    void stop();

    /** The subtask's status now; may query the databases, so never called on the keepalive thread. */
    Observation observe();

    /**
     * @param status      the status object reported to the master (DM's task status shape)
     * @param pausedError the one-line error of a subtask that paused itself while {@link #run()} goes on
     *                    (a sync unit that met an error it cannot retry), else null
     */
    record Observation(Map<String, Object> status, String pausedError) {
        public static final Observation NONE = new Observation(Map.of(), null);

        public Observation {
            status = status == null ? Map.of() : status;
        }
    }

    /** Builds the subtask a spec describes; parsing errors surface as the subtask's error. */
    @FunctionalInterface
    interface Factory {
        Subtask open(SubtaskSpec spec);
    }
}
