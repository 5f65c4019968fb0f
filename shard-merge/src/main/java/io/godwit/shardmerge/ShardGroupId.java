package io.godwit.shardmerge;

import io.godwit.core.model.TableId;

import java.util.Objects;

/**
 * One shard group: the tables of every source that a task's routes merge into one target table
 * (DM's shard DDL lock ID is the same pair).
 */
public record ShardGroupId(String task, TableId target) {
    public ShardGroupId {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(target, "target");
    }

    public static ShardGroupId of(String task, TableId target) { return new ShardGroupId(task, target); }

    /** As DM names its locks: {@code task-`db`.`tbl`}. */
    @Override public String toString() { return task + "-" + target.quoted(); }
}
