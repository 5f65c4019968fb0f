package io.godwit.master.meta;

/**
 * A task as the operator gave it: the task.yaml text unchanged, and start-task's
 * {@code --remove-meta} flag, kept for the record: the master removed the task's checkpoints in the
 * target when it created the task, once, before any worker ran it.
 */
public record StoredTask(String taskYaml, boolean removeMeta) {
}
