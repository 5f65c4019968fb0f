package io.godwit.worker.agent;

import java.util.Map;

/**
 * What the worker says of one subtask in each keepalive: its current stage, the one-line error it
 * paused with (null when none) and its status object (DM's task status shape).
 */
public record SubtaskReport(String task, String source, SubtaskStage stage, String error, Map<String, Object> status) {
    public SubtaskReport {
        status = status == null ? Map.of() : status;
    }
}
