package io.godwit.master.cluster;

import io.godwit.core.checkpoint.TaskCheckpointTable;
import io.godwit.core.config.ConfigLoader;
import io.godwit.core.config.MySqlInstance;
import io.godwit.core.config.SourceConfig;
import io.godwit.core.config.TaskConfig;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.master.meta.ExpectedStage;
import io.godwit.master.meta.StoredTask;
import io.godwit.master.meta.SubtaskTarget;
import io.godwit.master.precheck.CheckReport;
import io.godwit.master.precheck.CheckResult;
import io.godwit.master.precheck.TaskPrecheck;
import io.godwit.shardmerge.ShardGroupId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DM's start-task, pause-task, resume-task, stop-task, query-status and config task, and the
 * OpenAPI's start and stop of a task, on the master's state. The master only records the expected
 * stage of each subtask; the workers reconcile toward it.
 */
public final class TaskService {
    private static final Logger LOG = LoggerFactory.getLogger(TaskService.class);
    private final ClusterState state;

    public TaskService(ClusterState state) {
        this.state = state;
    }

    /**
     * DM's check-task: the prechecks of a task.yaml against its sources (which must exist) and its
     * target. Connects to the servers, outside the state's lock.
     */
    public CheckReport check(String taskYaml) {
        TaskConfig config = parseRequest(taskYaml);
        Map<String, SourceConfig> configs = new LinkedHashMap<>();
        synchronized (state) {
            requireSources(config);
            for (MySqlInstance inst : config.mysqlInstances()) {
                configs.put(inst.sourceId(), ConfigLoader.parseSource(state.meta().sources().get(inst.sourceId()),
                        "source " + inst.sourceId(), ConfigLoader.DEFAULT_CIPHER));
            }
        }
        return new TaskPrecheck(config, configs).run();
    }

    /**
     * Validates a task.yaml, checks that its sources exist, runs the prechecks (a failure refuses the
     * task, naming the items; warnings are logged) and sets its subtasks Running.
     */
    public String create(String taskYaml, boolean removeMeta) {
        TaskConfig config = parseRequest(taskYaml);
        CheckReport report = check(taskYaml);
        if (!report.passed()) {
            throw new GodwitException(ErrorCode.CLUSTER_BAD_REQUEST, "task " + config.name() + " failed its prechecks: "
                    + String.join("; ", report.failures().stream().map(CheckResult::oneLine).toList())
                    + " (or list the items in ignore-checking-items)");
        }
        report.warnings().forEach(w -> LogContext.with("task", config.name(),
                () -> LOG.warn("task {} precheck warning: {}", config.name(), w.oneLine())));
        List<String> sources = config.mysqlInstances().stream().map(MySqlInstance::sourceId).toList();
        if (removeMeta || config.removeMeta()) {
            // once, here, before any worker runs the task: a worker that takes a source over later
            // must resume from the checkpoints, not forget them again
            synchronized (state) {
                requireNew(config.name());
            }
            List<String> cleared = TaskCheckpointTable.removeSources(config, sources);
            LogContext.with("task", config.name(), () -> LOG.info("task {}: remove-meta deleted the checkpoints of"
                    + " source(s) {} from {}", config.name(), sources, cleared.isEmpty() ? "no table" : cleared));
        }
        synchronized (state) {
            requireNew(config.name());
            requireSources(config);
            state.commit(state.meta().withTask(config.name(), new StoredTask(taskYaml, removeMeta), sources,
                    ExpectedStage.RUNNING));
            LogContext.with("task", config.name(), () -> LOG.info("task {} started on source(s) {}{}", config.name(),
                    sources, removeMeta ? " (remove-meta)" : ""));
            return config.name();
        }
    }

    /** Holding the state's lock: no task of that name exists yet. */
    private void requireNew(String task) {
        if (state.meta().tasks().containsKey(task)) {
            throw new GodwitException(ErrorCode.CLUSTER_CONFLICT, "task " + task + " already exists");
        }
    }

    private static TaskConfig parseRequest(String taskYaml) {
        if (taskYaml == null || taskYaml.isBlank()) {
            throw new GodwitException(ErrorCode.CLUSTER_BAD_REQUEST,
                    "the request needs \"task_yaml\": the task.yaml text");
        }
        return ConfigLoader.parseTask(taskYaml, "task.yaml", ConfigLoader.DEFAULT_CIPHER);
    }

    /** Holding the state's lock: every source of the task exists. */
    private void requireSources(TaskConfig config) {
        List<String> missing = config.mysqlInstances().stream().map(MySqlInstance::sourceId)
                .filter(s -> !state.meta().sources().containsKey(s)).toList();
        if (!missing.isEmpty()) {
            throw new GodwitException(ErrorCode.CLUSTER_BAD_REQUEST, "task " + config.name()
                    + " uses source(s) not created yet: " + String.join(", ", missing)
                    + " (create them with operate-source create)");
        }
    }

    public List<TaskView> list() {
        synchronized (state) {
            List<TaskView> views = new ArrayList<>();
            state.meta().tasks().keySet().forEach(name -> views.add(view(name)));
            return views;
        }
    }

    /** The task with its task.yaml, every password in it masked (DM's get-config / config task). */
    public TaskDetailView get(String task) {
        synchronized (state) {
            requireTask(task);
            TaskView view = view(task);
            return new TaskDetailView(view.name(), view.taskMode(), view.sourceNameList(), view.stage(),
                    YamlPasswordMask.mask(state.meta().tasks().get(task).taskYaml()));
        }
    }

    /** The number of tasks (the master's metrics). */
    public int count() {
        synchronized (state) {
            return state.meta().tasks().size();
        }
    }

    /** Holding the lock: the list entry of an existing task. */
    private TaskView view(String name) {
        TaskConfig config = parse(name, state.meta().tasks().get(name));
        Map<String, SubtaskTarget> subtasks = state.meta().subtasks().get(name);
        return new TaskView(name, config.taskMode().yamlName(), List.copyOf(subtasks.keySet()),
                taskStage(subtasks).displayName());
    }

    /** Paused when any subtask is to be paused, else Running when any is to run, else Stopped. */
    private static ExpectedStage taskStage(Map<String, SubtaskTarget> subtasks) {
        boolean anyRunning = false;
        for (SubtaskTarget t : subtasks.values()) {
            if (t.stage() == ExpectedStage.PAUSED) {
                return ExpectedStage.PAUSED;
            }
            anyRunning |= t.stage() == ExpectedStage.RUNNING;
        }
        return anyRunning ? ExpectedStage.RUNNING : ExpectedStage.STOPPED;
    }

    /** One row per subtask, with what its worker last reported. */
    public List<SubtaskStatusView> status(String task) {
        synchronized (state) {
            Map<String, SubtaskTarget> subtasks = requireTask(task);
            List<SubtaskStatusView> views = new ArrayList<>();
            subtasks.forEach((source, target) -> {
                String worker = state.meta().bindings().getOrDefault(source, "");
                Optional<SubtaskReport> report = state.workers().report(worker, task, source);
                views.add(new SubtaskStatusView(task, source, worker,
                        report.map(r -> r.stage() == null ? "" : r.stage().displayName()).orElse(""), target.stage(),
                        report.map(SubtaskReport::error).orElse(null),
                        report.map(SubtaskReport::status).orElse(Map.of())));
            });
            return views;
        }
    }

    /** Sets the named sources' subtasks (all when {@code sources} is null or empty) Paused. */
    public void pause(String task, List<String> sources) {
        setStage(task, sources, ExpectedStage.PAUSED);
    }

    /** Sets the named sources' subtasks (all when {@code sources} is null or empty) Running. */
    public void resume(String task, List<String> sources) {
        setStage(task, sources, ExpectedStage.RUNNING);
    }

    /**
     * DM's OpenAPI start: sets the named sources' subtasks (all when {@code sources} is null or empty)
     * Running, whatever stage they had. The prechecks ran when the task was created.
     */
    public void start(String task, List<String> sources) {
        setStage(task, sources, ExpectedStage.RUNNING);
    }

    /**
     * DM's OpenAPI stop: sets the named sources' subtasks (all when {@code sources} is null or empty)
     * Stopped. The task stays, with its checkpoints in the target, so a start resumes it; delete
     * removes it (dmctl stop-task).
     */
    public void stop(String task, List<String> sources) {
        setStage(task, sources, ExpectedStage.STOPPED);
    }

    /**
     * Removes the task and releases its shard DDL locks, in one save: its workers stop its subtasks when the next
     * keepalive no longer lists them.
     */
    public void delete(String task) {
        synchronized (state) {
            requireTask(task);
            List<ShardGroupId> released = state.shardDdl().removeTask(task,
                    groups -> state.commit(state.meta().withoutTask(task)));
            LogContext.with("task", task, () -> LOG.info("task {} stopped and removed{}", task,
                    released.isEmpty() ? "" : ", releasing shard DDL lock(s) " + released));
        }
    }

    private void setStage(String task, List<String> sources, ExpectedStage stage) {
        synchronized (state) {
            Map<String, SubtaskTarget> subtasks = requireTask(task);
            List<String> chosen = sources == null || sources.isEmpty() ? List.copyOf(subtasks.keySet()) : sources;
            List<String> foreign = chosen.stream().filter(s -> !subtasks.containsKey(s)).toList();
            if (!foreign.isEmpty()) {
                throw new GodwitException(ErrorCode.CLUSTER_BAD_REQUEST, "task " + task
                        + " has no subtask on source(s) "
                        + String.join(", ", foreign));
            }
            state.commit(state.meta().withStage(task, chosen, stage));
            LogContext.with("task", task, () -> LOG.info("task {} on source(s) {}: expected stage {}", task, chosen,
                    stage.displayName()));
        }
    }

    private Map<String, SubtaskTarget> requireTask(String task) {
        Map<String, SubtaskTarget> subtasks = state.meta().subtasks().get(task);
        if (subtasks == null) {
            throw new GodwitException(ErrorCode.CLUSTER_NOT_FOUND, "task " + task + " not found");
        }
        return subtasks;
    }

    private static TaskConfig parse(String name, StoredTask task) {
        return ConfigLoader.parseTask(task.taskYaml(), "task " + name, ConfigLoader.DEFAULT_CIPHER);
    }
}
