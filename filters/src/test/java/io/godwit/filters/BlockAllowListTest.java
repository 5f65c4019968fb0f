package io.godwit.filters;

import io.godwit.core.config.rules.BlockAllowListRule;
import io.godwit.core.config.rules.TablePattern;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.TableId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BlockAllowListTest {

    private static BlockAllowList list(List<String> doDbs, List<String> ignoreDbs,
                                       List<TablePattern> doTables, List<TablePattern> ignoreTables) {
        return new BlockAllowList(new BlockAllowListRule(doDbs, ignoreDbs, doTables, ignoreTables), false,
                BlockAllowList.DEFAULT_META_SCHEMA);
    }

    private static TablePattern tp(String db, String tbl) { return new TablePattern(db, tbl); }

    @Test
    void allowsEverythingButSystemSchemasWithoutRules() {
        BlockAllowList ba = new BlockAllowList(null, false, "dm_meta");
        assertThat(ba.allowsSchema("shop")).isTrue();
        assertThat(ba.allowsTable(TableId.of("shop", "orders"))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "information_schema", "PERFORMANCE_SCHEMA", "sys", "metrics_schema",
            "INSPECTION_SCHEMA", "dm_heartbeat", "my_task_meta", "MY_TASK_META"})
    void neverMigratesSystemAndMetaSchemasEvenWhenAllowedExplicitly(String schema) {
        BlockAllowList ba = new BlockAllowList(new BlockAllowListRule(List.of("*", schema), null,
                List.of(tp("*", "*")), null), true, "my_task_meta");
        assertThat(ba.isExcludedSchema(schema)).isTrue();
        assertThat(ba.allowsSchema(schema)).isFalse();
        assertThat(ba.allowsTable(TableId.of(schema, "t"))).isFalse();
    }

    @Test
    void excludesOnlyTheTasksOwnMetaSchema() {
        BlockAllowList ba = new BlockAllowList(null, false, BlockAllowList.DEFAULT_META_SCHEMA);
        assertThat(ba.allowsSchema("DM_Meta")).isFalse();
        assertThat(ba.allowsSchema("my_task_meta")).isTrue();
    }

    @ParameterizedTest(name = "[{index}] {0}.{1} -> {2}")
    @CsvSource({
            // do-dbs decides alone: ignore-dbs is not consulted when do-dbs is set
            "test1, t, true",
            "test2, t, true",
            "other, t, false",
            "test_skip, t, true",
    })
    void doDbsWinOverIgnoreDbs(String schema, String table, boolean allowed) {
        BlockAllowList ba = list(List.of("test*"), List.of("test_skip"), null, null);
        assertThat(ba.allowsTable(TableId.of(schema, table))).isEqualTo(allowed);
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource({"shop, true", "log_1, false", "LOG_2, false", "catalog, true"})
    void ignoreDbsBlockMatchingSchemasWhenNoDoDbs(String schema, boolean allowed) {
        BlockAllowList ba = list(null, List.of("log_*"), null, null);
        assertThat(ba.allowsSchema(schema)).isEqualTo(allowed);
        assertThat(ba.allowsTable(TableId.of(schema, "t"))).isEqualTo(allowed);
    }

    @ParameterizedTest(name = "[{index}] {0}.{1} -> {2}")
    @CsvSource({
            "test1, t1, true",    // do-tables wildcard pair
            "test3, t5, true",
            "test4, t1, false",   // schema outside do-tables
            "test1, t6, false",   // table outside do-tables: with do-tables set, unmatched tables are blocked
            "test, t, true",      // second do-tables entry
            "test, log, false",
    })
    void doTablesAllowOnlyTheirTables(String schema, String table, boolean allowed) {
        BlockAllowList ba = list(null, null, List.of(tp("test[123]", "t[1-5]"), tp("test", "t")), null);
        assertThat(ba.allowsTable(TableId.of(schema, table))).isEqualTo(allowed);
    }

    @Test
    void doTablesWinOverIgnoreTablesForTheSameTable() {
        BlockAllowList ba = list(null, null, List.of(tp("shop", "orders")), List.of(tp("shop", "*")));
        assertThat(ba.allowsTable(TableId.of("shop", "orders"))).isTrue();
        assertThat(ba.allowsTable(TableId.of("shop", "carts"))).isFalse();
    }

    @Test
    void ignoreTablesBlockOnlyTheirTablesWhenNoDoTables() {
        BlockAllowList ba = list(null, null, null, List.of(tp("shop", "log")));
        assertThat(ba.allowsTable(TableId.of("shop", "log"))).isFalse();
        assertThat(ba.allowsTable(TableId.of("shop", "orders"))).isTrue();
        assertThat(ba.allowsTable(TableId.of("crm", "log"))).isTrue();
    }

    @Test
    void schemaRulesApplyBeforeTableRules() {
        // MySQL's order: a table allowed by do-tables is still blocked when its schema fails do-dbs.
        BlockAllowList ba = list(List.of("shop"), null, List.of(tp("crm", "customers")), null);
        assertThat(ba.allowsTable(TableId.of("crm", "customers"))).isFalse();
        assertThat(ba.allowsTable(TableId.of("shop", "customers"))).isFalse();
    }

    @Test
    void schemaLevelQuestionsSkipTableRules() {
        BlockAllowList ba = list(null, null, List.of(tp("shop", "orders")), null);
        assertThat(ba.allowsSchema("shop")).isTrue();
        assertThat(ba.allowsTable(TableId.of("shop", ""))).isTrue();
    }

    @ParameterizedTest(name = "[{index}] {0}.{1} -> {2}")
    @CsvSource({
            "test_1, t_9, true",
            "TEST_1, T_9, true",      // regexes are case-insensitive by default
            "my_test, t_1, false",    // ^ anchors
            "test_1, x_1, false",
            "test, t, true",          // wildcard entry next to the regex one
    })
    void regexAndWildcardEntriesMix(String schema, String table, boolean allowed) {
        BlockAllowList ba = list(List.of("~^test.*", "test"), null,
                List.of(tp("~^test.*", "~^t_\\d+$"), tp("test", "t")), null);
        assertThat(ba.allowsTable(TableId.of(schema, table))).isEqualTo(allowed);
    }

    @Test
    void mixesRegexSchemaWithWildcardTableInOneEntry() {
        BlockAllowList ba = list(null, null, List.of(tp("~^shard_\\d+$", "orders_*"), tp("crm", "~^cust")), null);
        assertThat(ba.allowsTable(TableId.of("shard_07", "orders_2024"))).isTrue();
        assertThat(ba.allowsTable(TableId.of("shard_07", "carts"))).isFalse();
        assertThat(ba.allowsTable(TableId.of("crm", "customers"))).isTrue();
        assertThat(ba.allowsTable(TableId.of("crm2", "customers"))).isFalse();
    }

    @Test
    void caseSensitiveTaskComparesExactly() {
        BlockAllowList sensitive = new BlockAllowList(new BlockAllowListRule(List.of("Shop"), null, null, null),
                true, "dm_meta");
        BlockAllowList insensitive = new BlockAllowList(new BlockAllowListRule(List.of("Shop"), null, null, null),
                false, "dm_meta");
        assertThat(sensitive.allowsSchema("Shop")).isTrue();
        assertThat(sensitive.allowsSchema("shop")).isFalse();
        assertThat(insensitive.allowsSchema("shop")).isTrue();
        assertThat(insensitive.allowsSchema("SHOP")).isTrue();
    }

    @Test
    void reportsEveryInvalidPatternInOneLine() {
        assertThatThrownBy(() -> list(List.of("te*st"), List.of("~a("), List.of(tp("db", "")),
                List.of(tp(null, "t"))))
                .isInstanceOfSatisfying(GodwitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
                    assertThat(e.getMessage())
                            .contains("block-allow-list do-dbs[0]: pattern \"te*st\"")
                            .contains("block-allow-list ignore-dbs[0]: regular expression \"a(\"")
                            .contains("block-allow-list do-tables[0].tbl-name: pattern must not be empty")
                            .contains("block-allow-list ignore-tables[0].db-name: pattern must not be empty")
                            .doesNotContain("\n");
                });
    }
}
