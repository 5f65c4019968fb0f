package io.godwit.master.cluster;

import io.godwit.master.meta.ExpectedStage;
import java.util.List;

/**
 * The master's answer to a keepalive: how long the lease lasts, the source bound to the worker
 * (null: none) and the subtasks it must run on that source. A subtask the worker runs that is not
 * listed here is to be stopped.
 */
public record KeepaliveResponse(long leaseMs, SourceAssignment source, List<SubtaskAssignment> subtasks) {
    public KeepaliveResponse {
        subtasks = List.copyOf(subtasks);
    }

    /** The bound source; {@code configYaml} is the source.yaml as the operator gave it, password included. */
    public record SourceAssignment(String sourceId, String configYaml) {
    }

    /** A subtask to run (Running) or hold (Paused), with its task.yaml. */
    public record SubtaskAssignment(String task, String source, ExpectedStage stage, String taskYaml) {
    }
}
