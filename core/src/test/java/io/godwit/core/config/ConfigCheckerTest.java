package io.godwit.core.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** check-config across a task file and its source files. */
class ConfigCheckerTest {
    @TempDir Path dir;

    static final String TWO_INSTANCES = TaskValidationTest.BASE + "  - source-id: s2\n";

    Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    Path source(String name, String id, boolean gtid) throws IOException {
        return file(name, ConfigDefaultsTest.MINIMAL_SOURCE.replace("source-id: s1", "source-id: " + id)
                + "enable-gtid: " + gtid + "\n");
    }

    List<String> check(Path task, Path... sources) {
        return ConfigChecker.check(task, List.of(sources)).stream().map(p -> p.toString().replace(dir + "/", "")).toList();
    }

    @Test
    void validFilesHaveNoProblems() throws IOException {
        assertThat(check(file("task.yaml", TWO_INSTANCES), source("a.yaml", "s1", false), source("b.yaml", "s2", true))).isEmpty();
    }

    @Test
    void sourceFilesAreOptional() throws IOException {
        assertThat(check(file("task.yaml", TWO_INSTANCES))).isEmpty();
    }

    @Test
    void everyInstanceNeedsASourceFileWhenSourceFilesAreGiven() throws IOException {
        assertThat(check(file("task.yaml", TWO_INSTANCES), source("a.yaml", "s1", false))).containsExactly(
                "task.yaml:9: mysql-instances[1].source-id: no source file has source-id \"s2\" (source-ids given: s1)");
    }

    @Test
    void sourceIdsAreUniqueAcrossSourceFiles() throws IOException {
        assertThat(check(file("task.yaml", TaskValidationTest.BASE), source("a.yaml", "s1", false), source("b.yaml", "s1", false)))
                .containsExactly("b.yaml:1: source-id: source-id \"s1\" is also the source-id of a.yaml");
    }

    @Test
    void problemsOfAllFilesAreReportedTogether() throws IOException {
        List<String> problems = check(file("task.yaml", TaskValidationTest.BASE + "colour: red\n"),
                file("a.yaml", "source-id: s1\nfrom: {host: h, port: 1, user: u}\nenable-relay: true\n"),
                file("b.yaml", "source-id: s2\nfrom: [x]\n"));
        assertThat(problems).containsExactly(
                "task.yaml:9: colour: unknown key \"colour\"",
                "a.yaml:3: not supported yet: enable-relay (set to true)",
                "b.yaml:2: from: expected a mapping of keys, got a list");
    }

    @Test
    void anUnreadableFileIsAProblem() throws IOException {
        assertThat(check(file("task.yaml", TaskValidationTest.BASE), dir.resolve("missing.yaml")))
                .anySatisfy(p -> assertThat(p).startsWith("missing.yaml: cannot read the file: java.nio.file.NoSuchFileException"));
    }

    @Test
    void incrementalWithoutMetaIsAProblemForCheckConfig() throws IOException {
        String task = TaskValidationTest.BASE.replace("task-mode: full", "task-mode: incremental");
        assertThat(check(file("task.yaml", task))).containsExactly("task.yaml:8: mysql-instances[0]: task-mode incremental needs "
                + "mysql-instances[0].meta (binlog-name/binlog-pos or binlog-gtid) when the task has no checkpoint yet");
    }

    @Test
    void incrementalMetaMustMatchTheSourcesGtidMode() throws IOException {
        String task = TaskValidationTest.BASE.replace("task-mode: full", "task-mode: incremental")
                + "    meta: {binlog-name: mysql-bin.000003, binlog-pos: 4}\n"
                + "  - source-id: s2\n    meta: {binlog-name: mysql-bin.000009}\n";
        assertThat(check(file("task.yaml", task), source("a.yaml", "s1", false), source("b.yaml", "s2", true))).containsExactly(
                "task.yaml:11: mysql-instances[1].meta: source \"s2\" has enable-gtid: true, so the meta needs binlog-gtid");
    }

    @Test
    void theRuntimeChecksStartPositionsOnlyWithoutCheckpoint() {
        TaskConfig t = ConfigLoader.parseTask(TaskValidationTest.BASE.replace("task-mode: full", "task-mode: incremental"),
                "task.yaml", PasswordCipher.PLAIN);
        assertThat(ConfigChecker.checkStartPositions(t, "task.yaml", Map.of(), true)).isEmpty();
        assertThatThrownBy(() -> ConfigChecker.requireStartPositions(t, "task.yaml", Map.of(), false))
                .isInstanceOf(ConfigException.class)
                .hasMessage("task.yaml: mysql-instances[0]: task-mode incremental needs mysql-instances[0].meta "
                        + "(binlog-name/binlog-pos or binlog-gtid) when the task has no checkpoint yet");
        TaskConfig full = ConfigDefaultsTest.MINIMAL_TASK;
        assertThat(ConfigChecker.checkStartPositions(full, "task.yaml", Map.of(), false)).isEmpty();
    }

    @Test
    void loadersThrowOneExceptionWithEveryProblem() throws IOException {
        Path task = file("task.yaml", "name: t\ntask-mode: nope\n");
        assertThatThrownBy(() -> ConfigLoader.loadTask(task)).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.problems()).hasSize(3));
        assertThatThrownBy(() -> ConfigLoader.loadSource(dir.resolve("nope.yaml")))
                .isInstanceOfSatisfying(io.godwit.core.error.GodwitException.class,
                        e -> assertThat(e.code()).isEqualTo(io.godwit.core.error.ErrorCode.CONFIG_UNREADABLE));
    }
}
