package io.godwit.master.cluster;

import java.util.Map;

/**
 * One subtask as a worker reports it in its keepalive: the current stage, the last error as one
 * line (null when none) and whatever status object the worker keeps for it (progress, positions).
 */
public record SubtaskReport(String task, String source, ReportedStage stage, String error, Map<String, Object> status) {
    public SubtaskReport {
        status = status == null ? Map.of() : Map.copyOf(status);
    }
}
