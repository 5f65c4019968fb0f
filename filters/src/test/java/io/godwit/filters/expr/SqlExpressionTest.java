package io.godwit.filters.expr;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class SqlExpressionTest {

    static final List<String> COLUMNS = List.of("a", "n", "s", "d", "f", "dt", "ts", "bin", "big", "zd", "Name", "c");

    /** One row of every value kind of the row contract. */
    static final Object[] ROW = {
            7L, null, "Hello", new BigDecimal("2.50"), 0.5d, LocalDate.of(2024, 3, 1),
            LocalDateTime.of(2024, 3, 1, 12, 30, 15), "abc".getBytes(StandardCharsets.UTF_8),
            new BigInteger("18446744073709551615"), "0000-00-00", "Alice", 4L};

    static Stream<Arguments> truths() {
        return Stream.of(
                // literals and columns
                arguments("1", true), arguments("0", false), arguments("NULL", null), arguments("TRUE", true),
                arguments("FALSE", false), arguments("'1abc'", true), arguments("'abc'", false),
                arguments("a", true), arguments("n", null),
                // comparison of numbers, across Long / BigDecimal / Double / BigInteger
                arguments("a = 7", true), arguments("a = 7.0", true), arguments("a <> 7", false), arguments("a != 8", true),
                arguments("a < 8", true), arguments("a <= 7", true), arguments("a > 7", false), arguments("a >= 7.5", false),
                arguments("d = 2.5", true), arguments("f = 0.5", true), arguments("f < d", true),
                arguments("big > 9223372036854775807", true), arguments("big = 18446744073709551615", true),
                arguments("a = '7'", true), arguments("a = ' 7abc'", true),
                // strings: default collation is case-insensitive and ignores trailing spaces
                arguments("s = 'hello'", true), arguments("s = 'HELLO  '", true), arguments("s < 'world'", true),
                arguments("`Name` = 'alice'", true), arguments("name = 'ALICE'", true), arguments("bin = 'abc'", true),
                arguments("bin = 'ABC'", false),
                // temporal values by value
                arguments("dt = '2024-03-01'", true), arguments("dt < '2024-03-02'", true),
                arguments("ts > '2024-03-01 12:00:00'", true), arguments("ts = '2024-03-01 12:30:15'", true),
                arguments("dt < ts", true), arguments("zd = '0000-00-00'", true),
                // NULL logic
                arguments("n = 1", null), arguments("n <> 1", null), arguments("NOT n", null), arguments("n <=> NULL", true),
                arguments("a <=> NULL", false), arguments("n IS NULL", true), arguments("n IS NOT NULL", false),
                arguments("a IS NULL", false), arguments("n AND FALSE", false), arguments("n AND TRUE", null),
                arguments("n OR TRUE", true), arguments("n OR FALSE", null), arguments("n XOR TRUE", null),
                arguments("TRUE XOR FALSE", true), arguments("TRUE XOR TRUE", false), arguments("n IS UNKNOWN", true),
                arguments("(a = 7) IS TRUE", true), arguments("(n = 7) IS NOT FALSE", true),
                // AND / OR / NOT precedence
                arguments("a = 7 OR a = 8 AND a = 9", true), arguments("(a = 7 OR a = 8) AND a = 9", false),
                arguments("NOT a = 8", true), arguments("! (a = 7)", false), arguments("a = 7 && s = 'hello'", true),
                arguments("a = 1 || s = 'x'", false),
                // arithmetic
                arguments("c % 2 = 0", true), arguments("a % 2 = 0", false), arguments("a MOD 4 = 3", true),
                arguments("a + 1 = 8", true), arguments("a - 10 = -3", true), arguments("a * d = 17.5", true),
                arguments("a / 2 = 3.5", true), arguments("a DIV 2 = 3", true), arguments("-a = -7", true),
                arguments("1 + 2 * 3 = 7", true), arguments("(1 + 2) * 3 = 9", true), arguments("a / 0", null),
                arguments("a % 0 IS NULL", true), arguments("n + 1", null), arguments("f * 2 = 1", true),
                arguments("1e2 = 100", true),
                // IN, BETWEEN, LIKE
                arguments("a IN (1, 7, 9)", true), arguments("a IN (1, 2)", false), arguments("a IN (1, NULL)", null),
                arguments("a IN (7, NULL)", true), arguments("a NOT IN (1, 2)", true), arguments("a NOT IN (1, NULL)", null),
                arguments("s IN ('x', 'HELLO')", true), arguments("n IN (1)", null),
                arguments("a BETWEEN 1 AND 7", true), arguments("a BETWEEN 8 AND 9", false),
                arguments("a NOT BETWEEN 8 AND 9", true), arguments("a BETWEEN n AND 9", null),
                arguments("a BETWEEN n AND 5", false), arguments("dt BETWEEN '2024-01-01' AND '2024-12-31'", true),
                arguments("s LIKE 'he%'", true), arguments("s LIKE 'H_llo'", true), arguments("s LIKE 'h_lo'", false),
                arguments("s LIKE '%LL%'", true), arguments("s NOT LIKE 'x%'", true), arguments("n LIKE '%'", null),
                arguments("'a_b' LIKE 'a\\_b'", true), arguments("'axb' LIKE 'a\\_b'", false),
                arguments("'a%b' LIKE 'a|%b' ESCAPE '|'", true), arguments("s LIKE '%'", true),
                arguments("'abcabd' LIKE '%ab_'", true), arguments("'aaaaaaaaaaaaaaaaaaaaaaaaaaaaab' LIKE '%a%a%a%a%a%c'", false),
                arguments("'ab' LIKE 'a%%b%'", true), arguments("'' LIKE '%'", true), arguments("'a\\\\' LIKE 'a\\\\'", true),
                arguments("1e308 * 10 > 0", null), arguments("1e2 DIV 3 = 33", true), arguments("-7 DIV 2 = -3", true),
                // functions
                arguments("LENGTH(s) = 5", true), arguments("LENGTH('é') = 2", true), arguments("CHAR_LENGTH('é') = 1", true),
                arguments("lower(s) = 'hello'", true), arguments("UPPER(s) LIKE 'HEL%'", true), arguments("ABS(a - 10) = 3", true),
                arguments("COALESCE(n, a) = 7", true), arguments("COALESCE(n, n)", null), arguments("IFNULL(n, 0) = 0", true),
                arguments("CONCAT(s, '-', a) = 'hello-7'", true), arguments("CONCAT(s, n) IS NULL", true),
                arguments("IF(n, 1, 0) = 0", true), arguments("ISNULL(n)", true), arguments("TRIM('  x ') = 'x'", true),
                arguments("CHARACTER_LENGTH(name) = 5", true));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("truths")
    void evaluatesWithMySqlSemantics(String expression, Boolean expected) {
        SqlExpression e = SqlExpression.bind(expression, COLUMNS);
        assertThat(e.evaluate(ROW)).as(expression).isEqualTo(expected);
        assertThat(e.isTrue(ROW)).as("only TRUE filters").isEqualTo(Boolean.TRUE.equals(expected));
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                arguments("a = ", "unexpected end of expression"),
                arguments("a = 1)", "unexpected ')'"),
                arguments("(a = 1", "expected ) but found ''"),
                arguments("a == 1", "unexpected '='"),
                arguments("'abc", "unterminated string"),
                arguments("`a = 1", "unterminated `name`"),
                arguments("a # 1", "unexpected character '#'"),
                arguments("SLEEP(1) = 0", "unknown or unsupported function SLEEP"),
                arguments("LENGTH(a, s) = 1", "LENGTH takes 1 arguments, not 2"),
                arguments("a IS 5", "expected NULL, TRUE, FALSE or UNKNOWN after IS"),
                arguments("a BETWEEN 1", "expected AND"),
                arguments("a LIKE 'x' ESCAPE 'ab'", "ESCAPE takes a one-character string"),
                arguments("1.2.3 = 1", "malformed number 1.2.3"),
                arguments("a AND", "unexpected end of expression"),
                arguments("missing = 1", "unknown column `missing`"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void rejectsWhatItCannotEvaluate(String expression, String message) {
        assertThatThrownBy(() -> SqlExpression.bind(expression, COLUMNS))
                .isInstanceOfSatisfying(GodwitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
                    assertThat(e.getMessage()).contains(message).doesNotContain("\n");
                });
    }

    @Test
    void checkAcceptsAnyColumnButStillRejectsUnknownFunctions() {
        SqlExpression.check("whatever_column > 1 AND `other col` IS NULL");
        assertThatThrownBy(() -> SqlExpression.check("nope(x)")).isInstanceOf(GodwitException.class)
                .hasMessageContaining("unknown or unsupported function NOPE");
    }

    @Test
    void columnNamesResolveCaseInsensitivelyToTheirPosition() {
        SqlExpression e = SqlExpression.bind("`ID` = 2 AND Kind = 'x'", List.of("kind", "id"));
        assertThat(e.isTrue(new Object[]{"X", 2L})).isTrue();
        assertThat(e.isTrue(new Object[]{"y", 2L})).isFalse();
    }
}
