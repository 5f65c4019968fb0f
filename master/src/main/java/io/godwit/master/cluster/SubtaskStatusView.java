package io.godwit.master.cluster;

import io.godwit.master.meta.ExpectedStage;
import java.util.Map;

/**
 * One subtask in a task's status: the worker its source is bound to ("" when none), the stage that
 * worker last reported ("" when it has not), the expected stage, the reported error and status.
 */
public record SubtaskStatusView(String name, String sourceName, String workerName, String stage,
                                ExpectedStage expectedStage, String error, Map<String, Object> status) {
}
