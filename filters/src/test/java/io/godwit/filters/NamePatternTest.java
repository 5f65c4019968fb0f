package io.godwit.filters;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NamePatternTest {

    @ParameterizedTest(name = "[{index}] \"{0}\" vs \"{1}\" (case-sensitive={2}) -> {3}")
    @CsvSource(delimiter = '|', value = {
            // literal
            "test      | test     | true  | true",
            "test      | test1    | true  | false",
            "test      | tes      | true  | false",
            // trailing star: zero or more characters
            "test*     | test     | true  | true",
            "test*     | test_123 | true  | true",
            "test*     | tes      | true  | false",
            "*         | ''       | true  | true",
            "*         | anything | true  | true",
            // ? is exactly one character
            "t?        | t1       | true  | true",
            "t?        | t        | true  | false",
            "t?        | t12      | true  | false",
            "t?*       | t1xyz    | true  | true",
            // character classes
            "test[123] | test2    | true  | true",
            "test[123] | test4    | true  | false",
            "t[1-5]    | t5       | true  | true",
            "t[1-5]    | t6       | true  | false",
            "t[!1-5]   | t6       | true  | true",
            "t[!1-5]   | t3       | true  | false",
            "t[a-cx]   | tx       | true  | true",
            "t[a-]     | t-       | true  | true",
            "t[!]      | t!       | true  | true",
            "t[^a]     | t^       | true  | true",
            // an unclosed [ is a literal
            "t[1       | t[1      | true  | true",
            // case folding
            "Test*     | TEST_1   | false | true",
            "Test*     | TEST_1   | true  | false",
            "T[A-C]    | tb       | false | true",
            // regular expressions: searched, not anchored
            "~^test    | test_1   | true  | true",
            "~^test    | my_test  | true  | false",
            "~test     | my_test  | true  | true",
            "~^t\\d+$  | t12      | true  | true",
            "~^t\\d+$  | t12a     | true  | false",
            "~^Test$   | TEST     | false | true",
            "~^Test$   | TEST     | true  | false",
            "~(?P<n>a)b | ab      | true  | true",
            "~         | anything | true  | true",
    })
    void matchesLikeDm(String pattern, String name, boolean caseSensitive, boolean expected) {
        NamePattern p = NamePattern.parse(pattern, caseSensitive, true, "test");
        assertThat(p.matches(name)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "te*st  | `*` is allowed only as the last character",
            "t**    | `*` is allowed only as the last character",
            "t[]    | empty character class",
            "t[9-0] | range 9-0 is reversed",
            "~t(    | does not compile",
            "''     | must not be empty",
    })
    void rejectsInvalidPatternsWithOneLine(String pattern, String problem) {
        assertThatThrownBy(() -> NamePattern.parse(pattern, true, true, "routes r1 schema-pattern"))
                .isInstanceOfSatisfying(GodwitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
                    assertThat(e.getMessage()).startsWith("routes r1 schema-pattern: ").contains(problem).doesNotContain("\n");
                });
    }

    @Test
    void rejectsRegexWhereOnlyWildcardsAreSupported() {
        assertThatThrownBy(() -> NamePattern.parse("~^a", true, false, "binlog event filter f"))
                .isInstanceOf(GodwitException.class)
                .hasMessageContaining("only wildcards");
    }
}
