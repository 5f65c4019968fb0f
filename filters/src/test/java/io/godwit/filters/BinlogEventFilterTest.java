package io.godwit.filters;

import io.godwit.core.config.rules.EventFilterRule;
import io.godwit.core.config.rules.EventFilterRule.Action;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.TableId;
import io.godwit.filters.BinlogEventFilter.Decision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.godwit.filters.BinlogEventFilter.Decision.DO;
import static io.godwit.filters.BinlogEventFilter.Decision.IGNORE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BinlogEventFilterTest {

    private static EventFilterRule rule(String schema, String table, List<String> events, List<String> sql, Action action) {
        return new EventFilterRule(schema, table, events, sql, action);
    }

    private static BinlogEventFilter filter(EventFilterRule... rules) {
        return new BinlogEventFilter(List.of(rules), false);
    }

    private static EventType type(String dmName) {
        return dmName == null || dmName.isEmpty() ? null : EventType.fromDmName(dmName);
    }

    @Test
    void doesEverythingWithoutRules() {
        assertThat(filter().decide(TableId.of("a", "b"), EventType.DELETE, null)).isEqualTo(DO);
    }

    /** DM's "filter all sharding deletion operations" example. */
    @ParameterizedTest(name = "[{index}] {0}.{1} {2} -> {3}")
    @CsvSource({
            "test_1, t_1,   truncate table, IGNORE",
            "test_1, t_1,   drop table,     IGNORE",
            "test_1, t_1,   delete,         IGNORE",
            "test_1, t_1,   insert,         DO",
            "test_1, other, delete,         DO",
            "test_1, '',    drop database,  IGNORE",   // the schema-level rule
            "test_1, t_1,   drop database,  IGNORE",   // schema-level rules also apply to the schema's tables
            "test_1, '',    create database, DO",
            "shop,   t_1,   delete,         DO",
    })
    void ignoreRulesDropWhatTheyList(String schema, String table, String event, Decision expected) {
        BinlogEventFilter f = filter(
                rule("test_*", "t_*", List.of("truncate table", "drop table", "delete"), null, Action.IGNORE),
                rule("test_*", null, List.of("drop database"), null, Action.IGNORE));
        assertThat(f.decide(TableId.of(schema, table), type(event), null)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}.{1} {2} -> {3}")
    @CsvSource({
            "test_1, t_1, insert,          DO",
            "test_1, t_1, update,          DO",
            "test_1, t_1, create table,    DO",
            "test_1, t_1, alter table,     IGNORE",
            "test_1, t_1, drop table,      IGNORE",
            "test_1, x_1, drop table,      DO",
            "other,  t_1, drop table,      DO",
            "test_1, '',  drop database,   DO",    // a table-level rule does not see schema events
    })
    void doRulesDropWhatTheyDoNotList(String schema, String table, String event, Decision expected) {
        BinlogEventFilter f = filter(rule("test_*", "t_*", List.of("create table", "all dml"), null, Action.DO));
        assertThat(f.decide(TableId.of(schema, table), type(event), null)).isEqualTo(expected);
    }

    @Test
    void schemaLevelDoRuleAlsoJudgesEveryTableOfTheSchema() {
        // DM's rule selector returns schema-level rules for table events too, so DM's documented pair
        // "do-table-rule (all dml) + do-schema-rule (create database)" ignores the tables' DML.
        BinlogEventFilter f = filter(
                rule("test_*", "t_*", List.of("create table", "all dml"), null, Action.DO),
                rule("test_*", null, List.of("create database"), null, Action.DO));
        assertThat(f.decide(TableId.of("test_1", ""), EventType.CREATE_DATABASE, "CREATE DATABASE test_1")).isEqualTo(DO);
        assertThat(f.decide(TableId.of("test_1", ""), EventType.DROP_DATABASE, "DROP DATABASE test_1")).isEqualTo(IGNORE);
        assertThat(f.decide(TableId.of("test_1", "t_1"), EventType.INSERT, null)).isEqualTo(IGNORE);
    }

    @Test
    void ignoreWinsOverDoWhateverTheRuleOrder() {
        EventFilterRule doAll = rule("shop", "orders", List.of("all"), null, Action.DO);
        EventFilterRule ignoreDelete = rule("shop", null, List.of("delete"), null, Action.IGNORE);
        TableId orders = TableId.of("shop", "orders");
        assertThat(filter(doAll, ignoreDelete).decide(orders, EventType.DELETE, null)).isEqualTo(IGNORE);
        assertThat(filter(ignoreDelete, doAll).decide(orders, EventType.DELETE, null)).isEqualTo(IGNORE);
        assertThat(filter(ignoreDelete, doAll).decide(orders, EventType.INSERT, null)).isEqualTo(DO);
    }

    @ParameterizedTest(name = "[{index}] events {0} cover {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "all                      | drop table     | true",
            "all ddl                  | create table   | true",
            "all ddl                  | drop table     | true",
            "all ddl                  | insert         | false",
            "all dml                  | update         | true",
            "all dml                  | alter table    | false",
            "incompatible ddl changes | truncate table | true",
            "incompatible ddl changes | create table   | false",
            "none                     | insert         | false",
            "none,insert              | insert         | false",
            "insert,none              | insert         | true",
            "none ddl,all             | create table   | false",
            "none ddl,all             | insert         | true",
            "none dml,insert          | insert         | false",
            "create schema            | create database | true",
    })
    void groupNamesAndListOrderDecideCoverage(String events, String event, boolean covered) {
        BinlogEventFilter f = filter(rule("*", null, List.of(events.split(",")), null, Action.IGNORE));
        Decision expected = covered ? IGNORE : DO;
        assertThat(f.decide(TableId.of("db", "t"), type(event), null)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "CREATE PROCEDURE p() BEGIN END     | IGNORE",
            "create   procedure p() begin end   | IGNORE",   // sql-pattern is always case-insensitive
            "DROP PROCEDURE p                   | IGNORE",
            "ALTER TABLE t ADD c INT            | DO",
            "/* x */ CREATE PROCEDURE p()       | DO",       // ^ anchors at the statement's start
    })
    void ignoreSqlPatternDropsMatchingStatements(String sql, Decision expected) {
        BinlogEventFilter f = filter(rule("test_*", "t_*", null,
                List.of("^DROP\\s+PROCEDURE", "^CREATE\\s+PROCEDURE"), Action.IGNORE));
        assertThat(f.decide(TableId.of("test_1", "t_1"), null, sql)).isEqualTo(expected);
    }

    @Test
    void doSqlPatternDropsStatementsThatDoNotMatch() {
        BinlogEventFilter f = filter(rule("db", null, List.of("all"), List.of("^ALTER"), Action.DO));
        assertThat(f.decide(TableId.of("db", "t"), EventType.ALTER_TABLE, "ALTER TABLE t ADD c INT")).isEqualTo(DO);
        assertThat(f.decide(TableId.of("db", "t"), EventType.CREATE_TABLE, "CREATE TABLE t (a INT)")).isEqualTo(IGNORE);
        // row events carry no SQL, so sql-pattern does not judge them
        assertThat(f.decide(TableId.of("db", "t"), EventType.INSERT, null)).isEqualTo(DO);
    }

    @Test
    void doRuleWithOnlySqlPatternIgnoresEveryTypedEventLikeDm() {
        BinlogEventFilter f = filter(rule("db", null, null, List.of("^ALTER"), Action.DO));
        assertThat(f.decide(TableId.of("db", "t"), EventType.ALTER_TABLE, "ALTER TABLE t ADD c INT")).isEqualTo(IGNORE);
        assertThat(f.decide(TableId.of("db", "t"), null, "ALTER TABLE t ADD c INT")).isEqualTo(DO);
    }

    @Test
    void unparsableStatementIsJudgedByGlobalSqlPatternOnly() {
        // DM passes an empty schema and table for a statement it cannot parse: only "*" patterns apply.
        BinlogEventFilter f = filter(
                rule("*", null, null, List.of("ALTER\\s+TABLE[\\s\\S]*ADD\\s+PARTITION"), Action.IGNORE),
                rule("shop", null, List.of("all"), List.of("^ALTER"), Action.IGNORE));
        TableId unknown = TableId.of("", "");
        assertThat(f.decide(unknown, null, "ALTER TABLE t ADD PARTITION (PARTITION p1)")).isEqualTo(IGNORE);
        assertThat(f.decide(unknown, null, "ALTER TABLE t ADD COLUMN c INT")).isEqualTo(DO);
    }

    @Test
    void tableLevelRuleAppliesToSchemaEventsOnlyThroughStar() {
        BinlogEventFilter star = filter(rule("db", "*", List.of("drop database"), null, Action.IGNORE));
        BinlogEventFilter named = filter(rule("db", "t*", List.of("drop database"), null, Action.IGNORE));
        assertThat(star.decide(TableId.of("db", ""), EventType.DROP_DATABASE, "DROP DATABASE db")).isEqualTo(IGNORE);
        assertThat(named.decide(TableId.of("db", ""), EventType.DROP_DATABASE, "DROP DATABASE db")).isEqualTo(DO);
    }

    @Test
    void caseSensitivityAppliesToPatterns() {
        EventFilterRule r = rule("Shop", "Orders", List.of("delete"), null, Action.IGNORE);
        TableId lower = TableId.of("shop", "orders");
        assertThat(new BinlogEventFilter(List.of(r), false).decide(lower, EventType.DELETE, null)).isEqualTo(IGNORE);
        assertThat(new BinlogEventFilter(List.of(r), true).decide(lower, EventType.DELETE, null)).isEqualTo(DO);
        assertThat(new BinlogEventFilter(List.of(r), true).decide(TableId.of("Shop", "Orders"), EventType.DELETE, null))
                .isEqualTo(IGNORE);
    }

    @Test
    void rejectsGroupNamesAsAnEventsType() {
        assertThatThrownBy(() -> filter().decide(TableId.of("a", "b"), EventType.ALL_DML, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reportsEveryInvalidRuleAtConstruction() {
        Map<String, EventFilterRule> rules = new LinkedHashMap<>();
        rules.put("bad-event", rule("db", null, List.of("insert", "upsert"), null, Action.IGNORE));
        rules.put("bad-sql", rule("db", "t", null, List.of("^DROP ("), Action.IGNORE));
        rules.put("regex-schema", rule("~^db", null, List.of("all"), null, Action.IGNORE));
        rules.put("no-schema", rule("", null, List.of("all"), null, Action.IGNORE));
        rules.put("no-action", rule("db", "t2", List.of("all"), null, null));
        rules.put("dup-1", rule("db", "x", List.of("insert"), null, Action.IGNORE));
        rules.put("dup-2", rule("DB", "X", List.of("delete"), null, Action.IGNORE));
        assertThatThrownBy(() -> new BinlogEventFilter(rules, false))
                .isInstanceOfSatisfying(GodwitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
                    assertThat(e.getMessage())
                            .contains("binlog event filter bad-event events: unknown binlog event type \"upsert\"")
                            .contains("binlog event filter bad-sql sql-pattern: regular expression \"^DROP (\"")
                            .contains("binlog event filter regex-schema schema-pattern: pattern \"~^db\" is a regular expression")
                            .contains("binlog event filter no-schema schema-pattern: pattern must not be empty")
                            .contains("binlog event filter no-action: action must be Do or Ignore")
                            .contains("binlog event filters dup-1 and dup-2 have the same schema-pattern and table-pattern")
                            .doesNotContain("\n");
                });
    }
}
