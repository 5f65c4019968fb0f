package io.godwit.core.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * {@code mydumpers.<name>.extra-args}: the dumpling flags Godwit implements ({@code --consistency}) are
 * read into {@link MydumperConfig#consistency()}; any other flag is not supported yet, by name.
 */
class ExtraArgsTest {
    static final String MODES = "one of \"auto\", \"flush\", \"lock\", \"snapshot\", \"none\"";

    /** A task whose instance uses mydumpers.g; {@code yamlValue} lands on line 12. */
    static String named(String yamlValue) {
        return TaskValidationTest.BASE + "    mydumper-config-name: g\nmydumpers:\n  g:\n    extra-args: " + yamlValue + "\n";
    }

    /** A task whose instance has an inline mydumper; {@code yamlValue} lands on line 10. */
    static String inline(String yamlValue) {
        return TaskValidationTest.BASE + "    mydumper:\n      extra-args: " + yamlValue + "\n";
    }

    static List<ConfigProblem> problems(String yaml) {
        return ConfigLoader.readTask(yaml, "task.yaml").problems();
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                arguments("\"--consistency none\"", DumpConsistency.NONE),
                arguments("\"--consistency=none\"", DumpConsistency.NONE),
                arguments("--consistency flush", DumpConsistency.FLUSH),
                arguments("--consistency=lock", DumpConsistency.LOCK),
                arguments("\"--consistency snapshot\"", DumpConsistency.SNAPSHOT),
                arguments("\"--consistency auto\"", DumpConsistency.AUTO),
                arguments("\"--consistency 'none'\"", DumpConsistency.NONE),
                arguments("'--consistency \"flush\"'", DumpConsistency.FLUSH),
                arguments("'--consistency=\"lock\"'", DumpConsistency.LOCK),
                arguments("\"--consistency=\\\"none\\\"\"", DumpConsistency.NONE),
                arguments("\"  --consistency \\t none  \"", DumpConsistency.NONE),
                arguments("\"--consistency flush --consistency none\"", DumpConsistency.NONE),
                arguments("\"\"", DumpConsistency.AUTO),
                arguments("\"   \"", DumpConsistency.AUTO));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void readsTheConsistencyOfANamedMydumper(String yamlValue, DumpConsistency expected) {
        TaskConfig t = ConfigDefaultsTest.task("    mydumper-config-name: g\nmydumpers:\n  g:\n    extra-args: " + yamlValue + "\n");
        MydumperConfig m = t.mydumpers().get("g");
        assertThat(m.consistency()).isEqualTo(expected);
        assertThat(new TaskPlan(t).mydumper(t.mysqlInstances().get(0)).consistency()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void readsTheConsistencyOfAnInlineMydumper(String yamlValue, DumpConsistency expected) {
        TaskConfig t = ConfigDefaultsTest.task("    mydumper:\n      extra-args: " + yamlValue + "\n");
        assertThat(t.mysqlInstances().get(0).mydumper().consistency()).isEqualTo(expected);
        assertThat(new TaskPlan(t).mydumper(t.mysqlInstances().get(0)).consistency()).isEqualTo(expected);
    }

    static Stream<Arguments> otherFlags() {
        return Stream.of(
                arguments("--no-locks", List.of("--no-locks")),
                arguments("\"-F 64MiB\"", List.of("-F")),
                arguments("--filesize=64MiB", List.of("--filesize")),
                arguments("\"--where 'id > 10'\"", List.of("--where")),
                arguments("\"-r 200000 --consistency none\"", List.of("-r")),
                arguments("\"--consistency none --no-locks\"", List.of("--no-locks")),
                arguments("\"--snapshot 434343 --consistency snapshot\"", List.of("--snapshot")),
                arguments("\"--no-locks -F 64MiB --where 'a = 1' --no-locks\"", List.of("--no-locks", "-F", "--where")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherFlags")
    void namesEveryOtherFlagAsNotSupportedYet(String yamlValue, List<String> flags) {
        assertThat(problems(named(yamlValue))).extracting(ConfigProblem::toString).containsExactlyElementsOf(
                flags.stream().map(f -> "task.yaml:12: not supported yet: mydumpers.g.extra-args: " + f).toList());
        assertThat(problems(inline(yamlValue))).extracting(ConfigProblem::toString).containsExactlyElementsOf(
                flags.stream().map(f -> "task.yaml:10: not supported yet: mysql-instances[0].mydumper.extra-args: " + f).toList());
        assertThat(problems(named(yamlValue))).allMatch(ConfigProblem::isNotSupported);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                arguments("\"--consistency NONE\"", "--consistency \"NONE\" is not " + MODES + "; did you mean \"none\"?"),
                arguments("\"--consistency=Flush\"", "--consistency \"Flush\" is not " + MODES + "; did you mean \"flush\"?"),
                arguments("\"--consistency consistent\"", "--consistency \"consistent\" is not " + MODES),
                arguments("\"--consistency=\"", "--consistency \"\" is not " + MODES),
                arguments("\"--consistency ''\"", "--consistency \"\" is not " + MODES),
                arguments("--consistency", "--consistency needs a value: " + MODES),
                arguments("none", "\"none\" is not a flag; dumpling takes only flags here"),
                arguments("\"--consistency none extra\"", "\"extra\" is not a flag; dumpling takes only flags here"),
                arguments("'--consistency \"none'", "unclosed double quote (\") at character 15"),
                arguments("\"--where 'id > 1\"", "unclosed single quote (') at character 9"),
                arguments("\"--consistency none \\\\\"", "ends with a backslash that escapes nothing"),
                arguments("[--consistency, none]", "expected dumpling flags, got a list"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejectsAnInvalidValueWithItsLine(String yamlValue, String message) {
        assertThat(problems(named(yamlValue))).extracting(ConfigProblem::toString)
                .containsExactly("task.yaml:12: mydumpers.g.extra-args: " + message);
        assertThat(problems(inline(yamlValue))).extracting(ConfigProblem::toString)
                .containsExactly("task.yaml:10: mysql-instances[0].mydumper.extra-args: " + message);
        assertThat(problems(named(yamlValue))).noneMatch(ConfigProblem::isNotSupported);
    }
}
