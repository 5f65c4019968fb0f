package io.godwit.shardmerge;

import java.util.List;

/**
 * Where a coordinator writes a group's change before it answers (the master: its meta store). A method that throws
 * refuses the change: the coordinator keeps the group as it was and the exception reaches the caller, so an answer is
 * never given for a state that a restart would not find.
 */
public interface ShardGroupPersistence {
    /** Nothing is kept: standalone mode and tests, where the coordinator lives as long as the syncs. */
    ShardGroupPersistence NONE = new ShardGroupPersistence() {
        @Override public void save(ShardGroupState next) {}

        @Override public void remove(String task, List<ShardGroupId> groups) {}
    };

    /** The group's new state, about to replace the old one (or to be the first). */
    void save(ShardGroupState next);

    /** The task's groups, about to be dropped ({@code stop-task}); not called when the task has none. */
    void remove(String task, List<ShardGroupId> groups);
}
