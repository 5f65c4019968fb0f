package io.godwit.worker.agent;

import io.godwit.core.model.BinlogLocation;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
     * Whether the subtask's sync stopped on an error and waits for an operator while {@link #run()} goes
     * on (DM's Paused with an error); nothing but {@link #resolvePausedDdl} starts it again.
     */
    boolean syncPaused();

    /**
     * DM's {@code binlog skip} ({@code replacement} empty) or {@code binlog replace}: the DDL the paused
     * sync stopped at runs {@code replacement} instead, and the sync resumes.
     *
     * @return where the DDL is in the binlog
     * @throws io.godwit.core.error.GodwitException CLUSTER_CONFLICT when the sync is not paused at a DDL
     */
    String resolvePausedDdl(List<String> replacement);

    /**
     * Where the paused sync stopped: the start of the DDL (or transaction) it could not apply; empty
     * while it runs or when it stopped on an error outside applying.
     */
    Optional<BinlogLocation> pausedAt();

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
