package io.godwit.master.meta;

import io.godwit.shardmerge.ShardGroupState;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Everything the master must remember across a restart, as one immutable value: sources
 * (source-id to source.yaml text), tasks, bindings (source-id to worker name) and the desired
 * stage of every subtask (task to source-id to target), the sources an operator disabled
 * (never bound while disabled) and the shard-DDL groups' states (DM's shard DDL locks, by lock ID
 * {@code task-`db`.`tbl`}, pending versions included). Worker liveness is not here: it is rebuilt from keepalives after a
 * restart.
 *
 * <p>Changes return a new snapshot with {@code revision} one higher; the maps are sorted so the
 * file on disk and every listing come out in a stable order.
 */
public record MetaSnapshot(long revision, Map<String, String> sources, Map<String, StoredTask> tasks,
                           Map<String, String> bindings, Map<String, Map<String, SubtaskTarget>> subtasks,
                           Set<String> disabledSources, Map<String, ShardGroupState> shardGroups) {
    public static final MetaSnapshot EMPTY = new MetaSnapshot(0, Map.of(), Map.of(), Map.of(), Map.of(), Set.of(),
            Map.of());

    public MetaSnapshot {
        sources = sorted(sources);
        tasks = sorted(tasks);
        bindings = sorted(bindings);
        TreeMap<String, Map<String, SubtaskTarget>> stages = new TreeMap<>();
        if (subtasks != null) {
            subtasks.forEach((task, perSource) -> stages.put(task, sorted(perSource)));
        }
        subtasks = Collections.unmodifiableSortedMap(stages);
        // absent in a meta.json written before sources could be disabled
        disabledSources = Collections.unmodifiableSortedSet(
                disabledSources == null ? new TreeSet<>() : new TreeSet<>(disabledSources));
        // absent (null) in a meta.json written before shard groups were kept here
        shardGroups = sorted(shardGroups);
    }

    public MetaSnapshot withSource(String sourceId, String sourceYaml) {
        return change(s -> s.sources.put(sourceId, sourceYaml));
    }

    /** Removes the source, its binding and its disabled mark. */
    public MetaSnapshot withoutSource(String sourceId) {
        return change(s -> {
            s.sources.remove(sourceId);
            s.bindings.remove(sourceId);
            s.disabledSources.remove(sourceId);
        });
    }

    /** Marks the source disabled and drops its binding, so no worker runs it until it is enabled again. */
    public MetaSnapshot withSourceDisabled(String sourceId) {
        return change(s -> {
            s.disabledSources.add(sourceId);
            s.bindings.remove(sourceId);
        });
    }

    public MetaSnapshot withSourceEnabled(String sourceId) {
        return change(s -> s.disabledSources.remove(sourceId));
    }

    public MetaSnapshot withBinding(String sourceId, String workerName) {
        return change(s -> s.bindings.put(sourceId, workerName));
    }

    public MetaSnapshot withoutBinding(String sourceId) {
        return change(s -> s.bindings.remove(sourceId));
    }

    /** Adds or replaces a task and sets the given sources' subtasks to {@code stage}. */
    public MetaSnapshot withTask(String name, StoredTask task, Iterable<String> sourceIds, ExpectedStage stage) {
        return change(s -> {
            s.tasks.put(name, task);
            Map<String, SubtaskTarget> perSource = new TreeMap<>();
            for (String sourceId : sourceIds) {
                perSource.put(sourceId, new SubtaskTarget(stage, s.revision));
            }
            s.subtasks.put(name, perSource);
        });
    }

    /** Sets the expected stage of the named subtasks of an existing task. */
    public MetaSnapshot withStage(String task, Iterable<String> sourceIds, ExpectedStage stage) {
        return change(s -> {
            Map<String, SubtaskTarget> perSource = new TreeMap<>(s.subtasks.get(task));
            for (String sourceId : sourceIds) {
                perSource.put(sourceId, new SubtaskTarget(stage, s.revision));
            }
            s.subtasks.put(task, perSource);
        });
    }

    /** Removes a task, all its subtasks and its shard groups (DM's stop-task). */
    public MetaSnapshot withoutTask(String name) {
        return change(s -> {
            s.tasks.remove(name);
            s.subtasks.remove(name);
            s.shardGroups.values().removeIf(g -> g.group().task().equals(name));
        });
    }

    /** Adds or replaces the state of one shard group, under its lock ID. */
    public MetaSnapshot withShardGroup(ShardGroupState group) {
        return change(s -> s.shardGroups.put(group.group().toString(), group));
    }

    /** Removes every shard group of {@code task} (DM's stop-task releases its locks). */
    public MetaSnapshot withoutShardGroups(String task) {
        return change(s -> s.shardGroups.values().removeIf(g -> g.group().task().equals(task)));
    }

    private MetaSnapshot change(Consumer<Draft> edit) {
        Draft draft = new Draft(revision + 1, new TreeMap<>(sources), new TreeMap<>(tasks), new TreeMap<>(bindings),
                new TreeMap<>(subtasks), new TreeSet<>(disabledSources), new TreeMap<>(shardGroups));
        edit.accept(draft);
        return new MetaSnapshot(draft.revision, draft.sources, draft.tasks, draft.bindings, draft.subtasks,
                draft.disabledSources, draft.shardGroups);
    }

    /** The mutable copy one change works on; never escapes {@link #change}. */
    private record Draft(long revision, Map<String, String> sources, Map<String, StoredTask> tasks,
                         Map<String, String> bindings, Map<String, Map<String, SubtaskTarget>> subtasks,
                         Set<String> disabledSources, Map<String, ShardGroupState> shardGroups) {
    }

    private static <V> Map<String, V> sorted(Map<String, V> map) {
        return Collections.unmodifiableSortedMap(map == null ? new TreeMap<>() : new TreeMap<>(map));
    }
}
