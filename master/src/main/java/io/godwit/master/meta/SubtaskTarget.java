package io.godwit.master.meta;

/**
 * The desired state of one subtask (task, source): its expected stage and the meta revision at
 * which that stage was set, so a reader can tell a newer decision from an older one.
 */
public record SubtaskTarget(ExpectedStage stage, long revision) {
}
