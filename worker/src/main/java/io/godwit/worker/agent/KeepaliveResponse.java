package io.godwit.worker.agent;

import java.util.List;

/**
 * The master's answer to a keepalive: the lease, the source bound to this worker (null: none) and the
 * expected stage of each subtask to run; a subtask absent here is to be stopped.
 */
public record KeepaliveResponse(long leaseMs, SourceBinding source, List<ExpectedSubtask> subtasks) {
    public KeepaliveResponse {
        subtasks = subtasks == null ? List.of() : List.copyOf(subtasks);
    }

    /** The source bound to this worker and its {@code source.yaml}. */
    public record SourceBinding(String sourceId, String configYaml) {}

    /** A subtask the master wants here, Running or Paused, with its {@code task.yaml}. */
    public record ExpectedSubtask(String task, String source, SubtaskStage stage, String taskYaml) {}
}
