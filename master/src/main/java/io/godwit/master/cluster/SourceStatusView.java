package io.godwit.master.cluster;

import io.godwit.master.meta.ExpectedStage;
import java.util.List;

/**
 * A source's status: the worker it is bound to ("" when none) and whether that worker holds its
 * lease, and every subtask on the source with its expected stage and the stage the worker last
 * reported ("" when it has not).
 */
public record SourceStatusView(String sourceName, boolean enable, String workerName, boolean workerAlive,
                               List<Subtask> subtasks) {
    public SourceStatusView {
        subtasks = List.copyOf(subtasks);
    }

    /** {@code errorMsg} is the one-line error the worker reported, null when none. */
    public record Subtask(String taskName, ExpectedStage expectedStage, String stage, String errorMsg) {
    }
}
