package io.godwit.core.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every example under task-configs/ validates, and DM's documented examples parse with only the features not supported yet. */
class TaskConfigsTest {
    static final Path EXAMPLES = Path.of("..", "task-configs");

    static Stream<Path> taskFiles() throws IOException {
        try (Stream<Path> files = Files.walk(EXAMPLES)) {
            return files.filter(p -> p.getFileName().toString().equals("task.yaml")).sorted().toList().stream();
        }
    }

    @Test
    void thereAreExamples() throws IOException {
        assertThat(taskFiles().map(p -> EXAMPLES.relativize(p).toString())).contains("full-migration/task.yaml",
                "dump-only/task.yaml", "load-only/task.yaml", "dm-reference/task.yaml");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("taskFiles")
    void exampleValidatesWithTheSourceFilesBesideIt(Path task) throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.list(task.getParent())) {
            sources = files.filter(p -> p.toString().endsWith(".yaml") && !p.equals(task)).sorted().toList();
        }
        assertThat(ConfigChecker.check(task, sources)).isEmpty();
        ConfigLoader.loadTask(task);
        sources.forEach(ConfigLoader::loadSource);
    }

    @Test
    void everyYamlFileIsATaskOrASource() throws IOException {
        try (Stream<Path> files = Files.walk(EXAMPLES)) {
            assertThat(files.filter(p -> p.toString().endsWith(".yaml")))
                    .allSatisfy(p -> assertThat(p.getFileName().toString()).matches("task\\.yaml|source\\d*\\.yaml"));
        }
    }

    @Test
    void dmsDocumentedTaskExampleHasOnlyNotSupportedProblems() throws IOException {
        Path example = Path.of("src/test/resources/config/dm-docs-full-example.yaml");
        List<ConfigProblem> problems = ConfigChecker.check(example, List.of());
        assertThat(problems).allMatch(ConfigProblem::isNotSupported);
        assertThat(problems).extracting(ConfigProblem::path).containsExactly("online-ddl", "online-ddl-scheme",
                "syncers.global.enable-ansi-quotes", "validators.global.mode");
    }

    @Test
    void dmsDocumentedExtraArgsSetTheDumpConsistency() throws IOException {
        String yaml = Files.readString(Path.of("src/test/resources/config/dm-docs-full-example.yaml"));
        MydumperConfig global = ConfigLoader.readTask(yaml, "task.yaml").value().mydumpers().get("global");
        assertThat(global.extraArgs()).isEqualTo("--consistency none");
        assertThat(global.consistency()).isEqualTo(DumpConsistency.NONE);
    }

    @Test
    void dmsDocumentedSourceExampleLoads() {
        SourceConfig s = ConfigLoader.loadSource(Path.of("src/test/resources/config/dm-docs-source-example.yaml"));
        assertThat(s.sourceId()).isEqualTo("mysql-replica-01");
        assertThat(s.filters()).hasSize(1);
    }
}
