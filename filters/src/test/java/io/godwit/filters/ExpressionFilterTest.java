package io.godwit.filters;

import io.godwit.core.config.ConfigLoader;
import io.godwit.core.config.ExpressionFilterConfig;
import io.godwit.core.config.TaskPlan;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.ColumnInfo;
import io.godwit.core.model.TableId;
import io.godwit.core.model.TableInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class ExpressionFilterTest {
    static final TableId T = TableId.of("shop", "orders");
    static final TableInfo INFO = new TableInfo(T, "CREATE TABLE %s (id INT PRIMARY KEY, qty INT, note VARCHAR(10))",
            List.of(col("id"), col("qty"), col("note")), List.of("id"));

    static ColumnInfo col(String name) {
        return new ColumnInfo(name, "int", "int", true, false, null);
    }

    static ExpressionFilterConfig rule(String insert, String old, String updated, String delete) {
        return new ExpressionFilterConfig("shop", "orders", insert, old, updated, delete);
    }

    static Object[] row(long id, Long qty) {
        return new Object[]{id, qty, "n"};
    }

    static Stream<Arguments> updates() {
        return Stream.of(
                // old-value only: the old row decides
                arguments("qty > 10", "", row(1, 11L), row(1, 1L), true),
                arguments("qty > 10", "", row(1, 1L), row(1, 11L), false),
                // new-value only: the new row decides
                arguments("", "qty > 10", row(1, 1L), row(1, 11L), true),
                arguments("", "qty > 10", row(1, 11L), row(1, 1L), false),
                // both: dropped only when the old row meets the old expression and the new row the new one
                arguments("qty > 10", "qty < 5", row(1, 11L), row(1, 1L), true),
                arguments("qty > 10", "qty < 5", row(1, 11L), row(1, 7L), false),
                arguments("qty > 10", "qty < 5", row(1, 9L), row(1, 1L), false),
                // NULL is not TRUE: the update is kept
                arguments("qty > 10", "", row(1, null), row(1, 11L), false),
                arguments("qty > 10", "qty IS NULL", row(1, 11L), row(1, null), true));
    }

    @ParameterizedTest(name = "old [{0}] new [{1}]")
    @MethodSource("updates")
    void dropsAnUpdateWhenEveryExpressionOfTheRuleIsTrue(String old, String updated, Object[] before, Object[] after,
                                                         boolean dropped) {
        RowFilter f = new ExpressionFilter(Map.of("u", rule("", old, updated, "")), false).forTable(T, INFO);
        assertThat(f.dropsUpdate(before, after)).isEqualTo(dropped);
        assertThat(f.dropsInsert(after)).isFalse();
        assertThat(f.dropsDelete(before)).isFalse();
    }

    @Test
    void dropsInsertsAndDeletesByTheirOwnRules() {
        Map<String, ExpressionFilterConfig> rules = new LinkedHashMap<>();
        rules.put("even", rule("qty % 2 = 0", "", "", ""));
        rules.put("small", rule("", "", "", "qty < 3"));
        RowFilter f = new ExpressionFilter(rules, false).forTable(T, INFO);
        assertThat(f.dropsInsert(row(1, 4L))).isTrue();
        assertThat(f.dropsInsert(row(1, 5L))).isFalse();
        assertThat(f.dropsInsert(row(1, null))).isFalse();
        assertThat(f.dropsDelete(row(1, 2L))).isTrue();
        assertThat(f.dropsDelete(row(1, 4L))).isFalse();
        assertThat(f.dropsUpdate(row(1, 4L), row(1, 2L))).isFalse();
    }

    @Test
    void anyMatchingRuleDropsTheRow() {
        Map<String, ExpressionFilterConfig> rules = new LinkedHashMap<>();
        rules.put("big", rule("qty > 100", "", "", ""));
        rules.put("tagged", rule("note = 'x'", "", "", ""));
        RowFilter f = new ExpressionFilter(rules, false).forTable(T, INFO);
        assertThat(f.dropsInsert(new Object[]{1L, 500L, "n"})).isTrue();
        assertThat(f.dropsInsert(new Object[]{1L, 5L, "X"})).isTrue();
        assertThat(f.dropsInsert(new Object[]{1L, 5L, "n"})).isFalse();
    }

    @Test
    void matchesTheTableByExactNameWithTheTasksCaseSensitivity() {
        Map<String, ExpressionFilterConfig> rules = Map.of("r",
                new ExpressionFilterConfig("Shop", "ORDERS", "qty > 0", "", "", ""));
        assertThat(new ExpressionFilter(rules, false).forTable(T, INFO).dropsInsert(row(1, 1L))).isTrue();
        assertThat(new ExpressionFilter(rules, true).forTable(T, INFO).keepsAll()).isTrue();
        assertThat(new ExpressionFilter(rules, false).forTable(TableId.of("shop", "orders_2"), INFO).keepsAll()).isTrue();
        assertThat(new ExpressionFilter(Map.of("r", new ExpressionFilterConfig("shop", "ord*", "qty > 0", "", "", "")),
                false).forTable(T, INFO).keepsAll()).as("names are not patterns, as in DM").isTrue();
    }

    @Test
    void rejectsEveryUnparsableExpressionAtConstructionNamingRuleAndExpression() {
        Map<String, ExpressionFilterConfig> rules = new LinkedHashMap<>();
        rules.put("bad_fn", rule("SLEEP(qty) = 0", "", "", ""));
        rules.put("bad_syntax", rule("", "qty >", "", ""));
        assertThatThrownBy(() -> new ExpressionFilter(rules, false))
                .isInstanceOfSatisfying(GodwitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
                    assertThat(e.getMessage()).contains(
                            "expression-filter bad_fn: insert-value-expr \"SLEEP(qty) = 0\": unknown or unsupported function SLEEP",
                            "expression-filter bad_syntax: update-old-value-expr \"qty >\": unexpected end of expression");
                });
    }

    @Test
    void rejectsAColumnTheTableDoesNotHaveWhenBinding() {
        ExpressionFilter f = new ExpressionFilter(Map.of("r", rule("", "", "", "price > 1")), false);
        assertThatThrownBy(() -> f.forTable(T, INFO)).isInstanceOf(GodwitException.class)
                .hasMessageContaining("expression-filter r: delete-value-expr \"price > 1\" on")
                .hasMessageContaining("(columns id, qty, note): unknown column `price`");
    }

    @Test
    void buildsTheRulesAnInstanceNames() {
        TaskPlan plan = new TaskPlan(ConfigLoader.parseTask("""
                name: t
                task-mode: incremental
                target-database: {host: 127.0.0.1, port: 4000, user: root}
                mysql-instances:
                  - source-id: s1
                    expression-filters: [even]
                    meta: {binlog-name: mysql-bin.000001, binlog-pos: 4}
                  - source-id: s2
                    meta: {binlog-name: mysql-bin.000001, binlog-pos: 4}
                expression-filter:
                  even: {schema: shop, table: orders, insert-value-expr: "qty % 2 = 0"}
                """, "task.yaml", ConfigLoader.DEFAULT_CIPHER));
        assertThat(ExpressionFilter.of(plan, plan.instance("s1")).forTable(T, INFO).dropsInsert(row(1, 2L))).isTrue();
        assertThat(ExpressionFilter.of(plan, plan.instance("s2")).isEmpty()).isTrue();
    }
}
