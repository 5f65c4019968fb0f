package io.godwit.core.config.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** extra-args is split into words as a POSIX shell splits them. */
class DumplingArgsTest {

    static Stream<Arguments> words() {
        return Stream.of(
                arguments("", List.of()),
                arguments("  \t\n ", List.of()),
                arguments("--consistency none", List.of("--consistency", "none")),
                arguments("  --consistency\t none \n", List.of("--consistency", "none")),
                arguments("--where 'id > 10'", List.of("--where", "id > 10")),
                arguments("--where \"name = 'a b'\"", List.of("--where", "name = 'a b'")),
                arguments("--where \"a = \\\"x\\\" and b = '\\\\'\"", List.of("--where", "a = \"x\" and b = '\\'")),
                arguments("\"a\\nb\"", List.of("a\\nb")),
                arguments("'a\\\"b'", List.of("a\\\"b")),
                arguments("--consistency=\"none\"", List.of("--consistency=none")),
                arguments("a'b c'\"d e\"f", List.of("ab cd ef")),
                arguments("a\\ b c", List.of("a b", "c")),
                arguments("'' \"\"", List.of("", "")),
                arguments("'--consistency none'", List.of("--consistency none")));
    }

    @ParameterizedTest(name = "[{index}] <{0}>")
    @MethodSource("words")
    void splitsLikeAShell(String text, List<String> expected) {
        assertThat(DumplingArgs.split(text)).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                arguments("--where 'id", "unclosed single quote (') at character 9"),
                arguments("--where \"id", "unclosed double quote (\") at character 9"),
                arguments("\"a\\\"", "unclosed double quote (\") at character 1"),
                arguments("a \\", "ends with a backslash that escapes nothing"));
    }

    @ParameterizedTest(name = "[{index}] <{0}>")
    @MethodSource("malformed")
    void rejectsUnfinishedQuotesAndEscapes(String text, String message) {
        assertThatThrownBy(() -> DumplingArgs.split(text)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }
}
