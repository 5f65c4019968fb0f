package io.godwit.dist;

import io.godwit.core.config.ConfigChecker;
import io.godwit.core.config.ConfigException;
import io.godwit.core.config.ConfigLoader;
import io.godwit.core.config.ConfigProblem;
import io.godwit.core.config.SourceConfig;
import io.godwit.core.config.TaskConfig;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The `--task` and `--source` options shared by the commands that run a task, and their validation. */
final class TaskFilesOptions {
    @Option(names = "--task", paramLabel = "task.yaml", description = "the DM task file")
    Path task;

    @Option(names = "--source", paramLabel = "source.yaml", description = "a DM source file; repeat for each source")
    List<Path> sources = List.of();

    /** Validates everything without connecting (as check-config does), then loads the files. */
    Loaded load() {
        requireTask();
        List<ConfigProblem> problems = ConfigChecker.check(task, sources);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        TaskConfig t = ConfigLoader.loadTask(task);
        Map<String, SourceConfig> byId = new LinkedHashMap<>();
        for (Path p : sources) {
            SourceConfig s = ConfigLoader.loadSource(p);
            byId.put(s.sourceId(), s);
        }
        return new Loaded(t, byId);
    }

    /** The task file; a config error when --task was not given. */
    Path requireTask() {
        if (task == null) {
            throw new GodwitException(ErrorCode.CONFIG_INVALID, "--task is missing: give the DM task file, --task task.yaml");
        }
        return task;
    }

    record Loaded(TaskConfig task, Map<String, SourceConfig> sources) {}
}
