package io.godwit.filters;

import io.godwit.core.config.rules.ExtractRule;
import io.godwit.core.config.rules.RouteRule;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.TableId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TableRouterTest {

    private static RouteRule schemaRule(String schemaPattern, String targetSchema) {
        return new RouteRule(schemaPattern, null, targetSchema, null, null, null, null);
    }

    private static RouteRule tableRule(String schemaPattern, String tablePattern, String targetSchema, String targetTable) {
        return new RouteRule(schemaPattern, tablePattern, targetSchema, targetTable, null, null, null);
    }

    /** DM's documented sharding example: rule-1 merges the shards, rule-2 routes CREATE/DROP DATABASE. */
    private static TableRouter shardMerge() {
        Map<String, RouteRule> rules = new LinkedHashMap<>();
        rules.put("rule-1", new RouteRule("test_*", "t_*", "test", "t",
                new ExtractRule("t_(.*)", "c_table"), new ExtractRule("test_(.*)", "c_schema"),
                new ExtractRule("(.*)", "c_source")));
        rules.put("rule-2", schemaRule("test_*", "test"));
        return new TableRouter(rules, false);
    }

    @ParameterizedTest(name = "[{index}] {0}.{1} -> {2}.{3}")
    @CsvSource({
            "test_11, t_1,    test, t",        // table-level rule wins over the schema-level one
            "test_12, t_2,    test, t",
            "test_11, other,  test, other",    // only the schema-level rule matches: table name kept
            "TEST_11, T_1,    test, t",        // case-insensitive by default
            "shop,    orders, shop, orders",   // no rule: unchanged
    })
    void routesTableLevelBeforeSchemaLevel(String schema, String table, String targetSchema, String targetTable) {
        TableRouter.Route route = shardMerge().route(TableId.of(schema, table), "mysql-01");
        assertThat(route.target()).isEqualTo(TableId.of(targetSchema, targetTable));
    }

    @Test
    void extractsCaptureGroupsInDmOrder() {
        TableRouter.Route route = shardMerge().route(TableId.of("test_11", "t_2"), "mysql-01");
        assertThat(route.extractColumns()).containsExactly(
                Map.entry("c_table", "2"), Map.entry("c_schema", "11"), Map.entry("c_source", "mysql-01"));
    }

    @Test
    void concatenatesAllCaptureGroups() {
        TableRouter router = new TableRouter(List.of(new RouteRule("db_*", "t_*", "db", "t",
                new ExtractRule("t_(\\d+)_(\\d+)", "c_table"), null, null)), true);
        assertThat(router.route(TableId.of("db_1", "t_2024_07"), "s").extractColumns())
                .containsExactly(Map.entry("c_table", "202407"));
    }

    @Test
    void extractsEmptyStringWhenRegexpDoesNotMatch() {
        TableRouter router = new TableRouter(List.of(new RouteRule("db_*", "*", "db", "t",
                new ExtractRule("^shard_(\\d+)$", "c_table"), new ExtractRule("(x)?db", "c_schema"), null)), true);
        assertThat(router.route(TableId.of("db_1", "orders"), "s").extractColumns())
                .containsExactly(Map.entry("c_table", ""), Map.entry("c_schema", ""));
    }

    @Test
    void extractRegexpsAreCaseSensitiveAndSeeOriginalNames() {
        TableRouter router = new TableRouter(List.of(new RouteRule("shard_*", "*", "db", "t",
                null, new ExtractRule("shard_([A-Z]+)", "c_schema"), null)), false);
        assertThat(router.route(TableId.of("SHARD_EU", "x"), "s").extractColumns()).containsEntry("c_schema", "");
        assertThat(router.route(TableId.of("shard_EU", "x"), "s").extractColumns()).containsEntry("c_schema", "EU");
    }

    @Test
    void schemaLevelRuleMayCarryExtractColumns() {
        TableRouter router = new TableRouter(List.of(new RouteRule("shard_*", null, "db", null,
                null, new ExtractRule("shard_(.*)", "c_shard"), null)), false);
        TableRouter.Route route = router.route(TableId.of("shard_3", "orders"), "s");
        assertThat(route.target()).isEqualTo(TableId.of("db", "orders"));
        assertThat(route.extractColumns()).containsExactly(Map.entry("c_shard", "3"));
    }

    @Test
    void schemaLevelQuestionUsesOnlySchemaRulesAndExtractsNothing() {
        TableRouter router = shardMerge();
        TableRouter.Route route = router.route(TableId.of("test_11", ""), "mysql-01");
        assertThat(route.target()).isEqualTo(TableId.of("test", ""));
        assertThat(route.extractColumns()).isEmpty();

        TableRouter onlyTableRule = new TableRouter(List.of(tableRule("test_*", "*", "test", "t")), false);
        assertThat(onlyTableRule.route(TableId.of("test_11", ""), "s").target()).isEqualTo(TableId.of("test_11", ""));
    }

    @Test
    void conflictingTableRulesNameBothRulesAndTheTable() {
        Map<String, RouteRule> rules = new LinkedHashMap<>();
        rules.put("rule-1", tableRule("test_*", "t_*", "test", "t"));
        rules.put("rule-2", tableRule("test_1_bak", "t_1_bak", "test", "t_bak"));
        TableRouter router = new TableRouter(rules, false);
        assertThat(router.route(TableId.of("test_1", "t_1"), "s").target()).isEqualTo(TableId.of("test", "t"));
        assertThatThrownBy(() -> router.route(TableId.of("test_1_bak", "t_1_bak"), "s"))
                .isInstanceOfSatisfying(GodwitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
                    assertThat(e.getMessage())
                            .contains("`test_1_bak`.`t_1_bak`")
                            .contains("rule-1 (schema-pattern \"test_*\", table-pattern \"t_*\")")
                            .contains("rule-2 (schema-pattern \"test_1_bak\", table-pattern \"t_1_bak\")")
                            .doesNotContain("\n");
                });
    }

    @Test
    void conflictingSchemaRulesFailOnlyWhenNoTableRuleDecides() {
        TableRouter router = new TableRouter(List.of(
                schemaRule("shop*", "a"), schemaRule("shop_?", "b"), tableRule("shop_1", "orders", "c", "o")), false);
        assertThat(router.route(TableId.of("shop_1", "orders"), "s").target()).isEqualTo(TableId.of("c", "o"));
        assertThat(router.route(TableId.of("shop_12", "orders"), "s").target()).isEqualTo(TableId.of("a", "orders"));
        assertThatThrownBy(() -> router.route(TableId.of("shop_1", "carts"), "s"))
                .isInstanceOf(GodwitException.class)
                .hasMessageContaining("schema-level routes routes[0]")
                .hasMessageContaining("routes[1]");
    }

    @Test
    void routesByRegexPatterns() {
        TableRouter router = new TableRouter(List.of(tableRule("~^shard_\\d+$", "~^orders_(eu|us)$", "all", "orders")), false);
        assertThat(router.route(TableId.of("shard_7", "orders_eu"), "s").target()).isEqualTo(TableId.of("all", "orders"));
        assertThat(router.route(TableId.of("shard_7", "orders_asia"), "s").target()).isEqualTo(TableId.of("shard_7", "orders_asia"));
        assertThat(router.route(TableId.of("shard_x", "orders_eu"), "s").target()).isEqualTo(TableId.of("shard_x", "orders_eu"));
    }

    @Test
    void caseSensitiveTaskMatchesExactlyButKeepsTargetSpelling() {
        RouteRule rule = tableRule("Shop", "Orders", "Target", "All_Orders");
        assertThat(new TableRouter(List.of(rule), true).route(TableId.of("shop", "orders"), "s").target())
                .isEqualTo(TableId.of("shop", "orders"));
        assertThat(new TableRouter(List.of(rule), false).route(TableId.of("shop", "orders"), "s").target())
                .isEqualTo(TableId.of("Target", "All_Orders"));
    }

    @Test
    void reportsEveryInvalidRuleAtConstruction() {
        Map<String, RouteRule> rules = new LinkedHashMap<>();
        rules.put("no-target", schemaRule("a", ""));
        rules.put("bad-wildcard", schemaRule("a*b", "x"));
        rules.put("bad-regex", new RouteRule("a", "t", "x", null, new ExtractRule("t_(", "c"), null, null));
        rules.put("no-column", new RouteRule("a", "t2", "x", null, null, new ExtractRule("(.*)", ""), null));
        rules.put("same-column", new RouteRule("a", "t3", "x", null,
                new ExtractRule("(.*)", "c"), null, new ExtractRule("(.*)", "C")));
        rules.put("dup-1", tableRule("d", "t", "x", "y"));
        rules.put("dup-2", tableRule("D", "T", "x", "z"));
        assertThatThrownBy(() -> new TableRouter(rules, false))
                .isInstanceOfSatisfying(GodwitException.class, e -> assertThat(e.getMessage())
                        .contains("route no-target: target-schema must not be empty")
                        .contains("route bad-wildcard schema-pattern: pattern \"a*b\"")
                        .contains("route bad-regex extract-table table-regexp: regular expression \"t_(\" does not compile")
                        .contains("route no-column extract-schema: target-column must not be empty")
                        .contains("route same-column: extract-table and extract-source both write column \"C\"")
                        .contains("routes dup-1 and dup-2 have the same schema-pattern and table-pattern")
                        .doesNotContain("\n"));
    }

    @Test
    void listsExtraColumnsOfEachTargetTable() {
        TableRouter router = shardMerge();
        assertThat(router.extraColumns(TableId.of("test", "t"))).containsExactly("c_table", "c_schema", "c_source");
        assertThat(router.extraColumns(TableId.of("TEST", "T"))).containsExactly("c_table", "c_schema", "c_source");
        assertThat(router.extraColumns(TableId.of("test", "other"))).isEmpty();
        assertThat(router.extraColumns(TableId.of("shop", "t"))).isEmpty();

        TableRouter schemaLevel = new TableRouter(List.of(new RouteRule("shard_*", null, "db", null,
                null, new ExtractRule("shard_(.*)", "c_shard"), null)), false);
        assertThat(schemaLevel.extraColumns(TableId.of("db", "anything"))).containsExactly("c_shard");
    }
}
