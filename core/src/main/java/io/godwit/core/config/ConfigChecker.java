package io.godwit.core.config;

import io.godwit.core.config.ConfigLoader.Parsed;
import io.godwit.core.error.GodwitException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/**
 * {@code godwit check-config}: validates a task file and its source files together, without
 * connecting to anything, and returns every problem found (none means the files are good).
 */
public final class ConfigChecker {
    private ConfigChecker() {}

    /**
     * Checks each file on its own, then across files: source-ids unique across source files, every
     * mysql-instance backed by a source file (when source files are given), and the start position of
     * an incremental task, assuming it has no checkpoint yet.
     */
    public static List<ConfigProblem> check(Path task, List<Path> sources) {
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, SourceConfig> byId = new LinkedHashMap<>();
        Map<String, String> fileOfId = new LinkedHashMap<>();
        Parsed<TaskConfig> parsedTask = read(task, true, problems);
        for (Path file : sources) {
            Parsed<SourceConfig> p = read(file, false, problems);
            if (p == null || p.value() == null || p.value().sourceId().isEmpty()) {
                continue;
            }
            String id = p.value().sourceId();
            String other = fileOfId.putIfAbsent(id, file.toString());
            if (other != null) {
                problems.add(new ConfigProblem(file.toString(), p.walk().lineOf("source-id"), "source-id",
                        "source-id \"" + id + "\" is also the source-id of " + other));
            } else {
                byId.put(id, p.value());
            }
        }
        if (parsedTask == null || parsedTask.value() == null) {
            return inFileAndLineOrder(problems);
        }
        TaskConfig t = parsedTask.value();
        String file = task.toString();
        if (!sources.isEmpty()) {
            for (int i = 0; i < t.mysqlInstances().size(); i++) {
                String id = t.mysqlInstances().get(i).sourceId();
                if (!id.isEmpty() && !byId.containsKey(id)) {
                    String path = "mysql-instances[" + i + "].source-id";
                    problems.add(new ConfigProblem(file, parsedTask.walk().lineOf(path), path,
                            "no source file has source-id \"" + id + "\" (source-ids given: "
                                    + String.join(", ", fileOfId.keySet()) + ")"));
                }
            }
        }
        problems.addAll(startPositions(t, file, byId, parsedTask.walk()::lineOf, false));
        return inFileAndLineOrder(problems);
    }

    // cross-file problems are found last but belong among their file's others
    private static List<ConfigProblem> inFileAndLineOrder(List<ConfigProblem> problems) {
        List<String> files = problems.stream().map(ConfigProblem::file).distinct().toList();
        List<ConfigProblem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparingInt((ConfigProblem p) -> files.indexOf(p.file())).thenComparingInt(ConfigProblem::line));
        return sorted;
    }

    /**
     * DM starts an incremental task without checkpoint at the source's current position when an
     * instance has no {@code meta}, silently skipping what happened before; Godwit refuses instead.
     * The runtime calls this when it finds no checkpoint for the task.
     *
     * @param sources the task's sources by source-id, to check GTID vs file/position; may be empty
     */
    public static List<ConfigProblem> checkStartPositions(TaskConfig task, String file, Map<String, SourceConfig> sources,
                                                          boolean checkpointExists) {
        return startPositions(task, file, sources, path -> 0, checkpointExists);
    }

    /** {@link #checkStartPositions} that throws. */
    public static void requireStartPositions(TaskConfig task, String file, Map<String, SourceConfig> sources,
                                             boolean checkpointExists) {
        List<ConfigProblem> problems = checkStartPositions(task, file, sources, checkpointExists);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    private static List<ConfigProblem> startPositions(TaskConfig task, String file, Map<String, SourceConfig> sources,
                                                      ToIntFunction<String> lineOf, boolean checkpointExists) {
        List<ConfigProblem> out = new ArrayList<>();
        if (task.taskMode() != TaskMode.INCREMENTAL || checkpointExists) {
            return out;
        }
        for (int i = 0; i < task.mysqlInstances().size(); i++) {
            MySqlInstance inst = task.mysqlInstances().get(i);
            String at = "mysql-instances[" + i + "]";
            BinlogMeta meta = inst.meta();
            if (meta == null) {
                out.add(new ConfigProblem(file, lineOf.applyAsInt(at), at, "task-mode incremental needs " + at
                        + ".meta (binlog-name/binlog-pos or binlog-gtid) when the task has no checkpoint yet"));
                continue;
            }
            SourceConfig source = sources.get(inst.sourceId());
            if (source == null) {
                continue;
            }
            String metaPath = at + ".meta";
            if (source.enableGtid() && !meta.hasGtid()) {
                out.add(new ConfigProblem(file, lineOf.applyAsInt(metaPath), metaPath, "source \"" + inst.sourceId()
                        + "\" has enable-gtid: true, so the meta needs binlog-gtid"));
            } else if (!source.enableGtid() && !meta.hasPosition()) {
                out.add(new ConfigProblem(file, lineOf.applyAsInt(metaPath), metaPath, "source \"" + inst.sourceId()
                        + "\" has enable-gtid: false, so the meta needs binlog-name and binlog-pos"));
            }
        }
        return out;
    }

    private static <T> Parsed<T> read(Path file, boolean task, List<ConfigProblem> problems) {
        String text;
        try {
            text = ConfigLoader.read(file);
        } catch (GodwitException e) {
            problems.add(new ConfigProblem(file.toString(), 0, "", "cannot read the file: "
                    + (e.getCause() == null ? e.getMessage() : e.getCause().toString())));
            return null;
        }
        @SuppressWarnings("unchecked")
        Parsed<T> p = (Parsed<T>) (task ? ConfigLoader.readTask(text, file.toString())
                : ConfigLoader.readSource(text, file.toString()));
        problems.addAll(p.problems());
        return p;
    }

    /** The problems as an operator reads them, one per line. */
    public static String render(List<ConfigProblem> problems) {
        return problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n"));
    }
}
