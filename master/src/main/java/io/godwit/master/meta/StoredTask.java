package io.godwit.master.meta;

/**
 * A task as the operator gave it: the task.yaml text unchanged, and start-task's
 * {@code --remove-meta} flag (the worker clears the target's checkpoints before the first run).
 */
public record StoredTask(String taskYaml, boolean removeMeta) {
}
