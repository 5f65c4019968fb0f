package io.godwit.worker.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godwit.core.config.rules.BlockAllowListRule;
import io.godwit.core.config.rules.EventFilterRule;
import io.godwit.core.config.rules.EventFilterRule.Action;
import io.godwit.core.config.rules.ExtractRule;
import io.godwit.core.config.rules.RouteRule;
import io.godwit.core.config.rules.TablePattern;
import io.godwit.core.db.ServerFlavor;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.event.DdlEvent;
import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.TableId;
import io.godwit.filters.BinlogEventFilter;
import io.godwit.filters.BlockAllowList;
import io.godwit.filters.TableFilterChain;
import io.godwit.filters.TableRouter;
import io.godwit.loader.TargetDialect;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DDL events of one source through the task's filters and routes, to the statements the target runs. The task:
 * databases {@code shop}, {@code shard_*}, {@code legacy} migrated, {@code shop.tmp_*} not; {@code shard_*.orders_*}
 * merged into {@code shop.orders} with extract-table/-schema/-source columns; {@code legacy} routed to
 * {@code legacy_v2}; the event filter ignores DROP/TRUNCATE of {@code shop.audit_*}, every statement of
 * {@code legacy} matching {@code DROP\s+INDEX}, and CREATE/DROP DATABASE of {@code shard_*}.
 */
class TaskDdlRewriterTest {
    static final String SOURCE_ID = "replica-01";
    static final BinlogLocation AT = new BinlogLocation("mysql-bin.000042", 4711, "");
    static final String EXTRA = " VARCHAR(255) NOT NULL DEFAULT ''";

    static TableFilterChain chain() {
        BlockAllowList bal = new BlockAllowList(new BlockAllowListRule(List.of("shop", "shard_*", "legacy"), null, null,
                List.of(new TablePattern("shop", "tmp_*"))), false, BlockAllowList.DEFAULT_META_SCHEMA);
        TableRouter routes = new TableRouter(List.of(
                new RouteRule("shard_*", "orders_*", "shop", "orders", new ExtractRule("orders_(.*)", "c_table"),
                        new ExtractRule("shard_(.*)", "c_schema"), new ExtractRule("(.*)", "c_source")),
                new RouteRule("legacy", null, "legacy_v2", null, null, null, null)), false);
        return new TableFilterChain(bal, routes);
    }

    static BinlogEventFilter eventFilter() {
        return new BinlogEventFilter(List.of(
                new EventFilterRule("shop", "audit_*", List.of("drop table", "truncate table"), null, Action.IGNORE),
                new EventFilterRule("legacy", null, null, List.of("DROP\\s+INDEX"), Action.IGNORE),
                new EventFilterRule("shard_*", null, List.of("create database", "drop database"), null, Action.IGNORE)),
                false);
    }

    static TaskDdlRewriter rewriter(TargetDialect dialect) {
        return new TaskDdlRewriter(SOURCE_ID, chain(), eventFilter(), dialect);
    }

    static TaskDdlRewriter mariaDb() {
        return rewriter(new TargetDialect(ServerFlavor.MARIADB, Set.of()));
    }

    static DdlEvent ddl(String schema, String sql) {
        return new DdlEvent(AT, 0, schema, sql, new BinlogLocation(AT.file(), AT.position() + 100, ""));
    }

    /** name, current database, statement, expected target statements, expected skipped changes. */
    static Stream<Arguments> rewrites() {
        return Stream.of(
                // block-allow-list
                Arguments.of("database outside do-dbs", "", "CREATE DATABASE other", List.of(), 1),
                Arguments.of("table of a database outside do-dbs", "other", "CREATE TABLE t (id INT)", List.of(), 1),
                Arguments.of("table in ignore-tables", "shop", "CREATE TABLE tmp_import (id INT)", List.of(), 1),
                Arguments.of("DROP of several tables keeps only the migrated one", "shop",
                        "DROP TABLE t, other.u, tmp_1", List.of("DROP TABLE `shop`.`t`"), 2),
                // plain migrated tables: qualified names, idempotent CREATE
                Arguments.of("CREATE TABLE is qualified and idempotent", "shop",
                        "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))",
                        List.of("CREATE TABLE IF NOT EXISTS `shop`.`t` (id INT PRIMARY KEY, v VARCHAR(10))"), 0),
                Arguments.of("CREATE OR REPLACE drops the unmerged table first", "shop",
                        "CREATE OR REPLACE TABLE t (id INT)",
                        List.of("DROP TABLE IF EXISTS `shop`.`t`", "CREATE TABLE IF NOT EXISTS `shop`.`t` (id INT)"), 0),
                Arguments.of("CREATE TABLE LIKE", "shop", "CREATE TABLE t2 LIKE t",
                        List.of("CREATE TABLE IF NOT EXISTS `shop`.`t2` LIKE `shop`.`t`"), 0),
                Arguments.of("DROP TABLE", "", "DROP TABLE shop.t", List.of("DROP TABLE `shop`.`t`"), 0),
                Arguments.of("TRUNCATE TABLE", "shop", "TRUNCATE TABLE t", List.of("TRUNCATE TABLE `shop`.`t`"), 0),
                Arguments.of("CREATE INDEX", "shop", "CREATE INDEX ix_v ON t (v)",
                        List.of("CREATE INDEX ix_v ON `shop`.`t` (v)"), 0),
                Arguments.of("DROP INDEX", "shop", "DROP INDEX ix_v ON t", List.of("DROP INDEX ix_v ON `shop`.`t`"), 0),
                Arguments.of("multi-change ALTER is split into single changes", "shop",
                        "ALTER TABLE t ADD COLUMN a INT, DROP COLUMN b, ADD INDEX ia (a)",
                        List.of("ALTER TABLE `shop`.`t` ADD COLUMN a INT", "ALTER TABLE `shop`.`t` DROP COLUMN b",
                                "ALTER TABLE `shop`.`t` ADD INDEX ia (a)"), 0),
                Arguments.of("RENAME between migrated tables", "shop", "RENAME TABLE a TO b",
                        List.of("RENAME TABLE `shop`.`a` TO `shop`.`b`"), 0),
                Arguments.of("RENAME of two pairs, one through a schema route", "shop",
                        "RENAME TABLE a TO b, legacy.c TO legacy.d",
                        List.of("RENAME TABLE `shop`.`a` TO `shop`.`b`", "RENAME TABLE `legacy_v2`.`c` TO `legacy_v2`.`d`"), 0),
                Arguments.of("RENAME between unmigrated tables", "other", "RENAME TABLE a TO b", List.of(), 1),
                Arguments.of("ALTER TABLE ... RENAME TO", "shop", "ALTER TABLE a RENAME TO b",
                        List.of("ALTER TABLE `shop`.`a` RENAME TO `shop`.`b`"), 0),
                // binlog event filter
                Arguments.of("event filter ignores drop table", "shop", "DROP TABLE audit_2024", List.of(), 1),
                Arguments.of("event filter ignores truncate table", "shop", "TRUNCATE TABLE audit_2024", List.of(), 1),
                Arguments.of("event filter lets other events of the table pass", "shop",
                        "ALTER TABLE audit_2024 ADD COLUMN x INT",
                        List.of("ALTER TABLE `shop`.`audit_2024` ADD COLUMN x INT"), 0),
                Arguments.of("sql-pattern ignores one change of a split ALTER", "legacy",
                        "ALTER TABLE items ADD INDEX idx_b (b), DROP INDEX idx_a",
                        List.of("ALTER TABLE `legacy_v2`.`items` ADD INDEX idx_b (b)"), 1),
                Arguments.of("sql-pattern ignores DROP INDEX", "legacy", "DROP INDEX idx_a ON items", List.of(), 1),
                Arguments.of("event filter ignores create database", "", "CREATE DATABASE shard_1", List.of(), 1),
                // routes
                Arguments.of("schema route of CREATE DATABASE", "", "CREATE DATABASE legacy CHARACTER SET utf8mb4",
                        List.of("CREATE DATABASE IF NOT EXISTS `legacy_v2` DEFAULT CHARACTER SET utf8mb4"), 0),
                Arguments.of("schema route of a table", "legacy", "CREATE TABLE items (id INT, b INT)",
                        List.of("CREATE TABLE IF NOT EXISTS `legacy_v2`.`items` (id INT, b INT)"), 0),
                Arguments.of("DROP DATABASE of a renamed (mergeable) database is skipped", "", "DROP DATABASE legacy",
                        List.of(), 1),
                Arguments.of("DROP DATABASE", "", "DROP DATABASE shop", List.of("DROP DATABASE `shop`"), 0),
                Arguments.of("ALTER DATABASE", "", "ALTER DATABASE shop CHARACTER SET utf8mb4",
                        List.of("ALTER DATABASE `shop` CHARACTER SET utf8mb4"), 0),
                Arguments.of("ALTER DATABASE naming no database takes the current one", "legacy",
                        "ALTER DATABASE CHARACTER SET utf8mb4", List.of("ALTER DATABASE `legacy_v2` CHARACTER SET utf8mb4"), 0),
                // merged table
                Arguments.of("CREATE of a merged table gets the extract columns", "shard_1",
                        "CREATE TABLE orders_01 (id BIGINT NOT NULL, amount DECIMAL(10,2), PRIMARY KEY (id))",
                        List.of("CREATE TABLE IF NOT EXISTS `shop`.`orders` (id BIGINT NOT NULL, amount DECIMAL(10,2),\n"
                                + "  `c_table`" + EXTRA + ",\n  `c_schema`" + EXTRA + ",\n  `c_source`" + EXTRA
                                + ", PRIMARY KEY (id))"), 0),
                Arguments.of("CREATE OR REPLACE of a merged table does not drop it", "shard_2",
                        "CREATE OR REPLACE TABLE orders_02 (id BIGINT)",
                        List.of("CREATE TABLE IF NOT EXISTS `shop`.`orders` (id BIGINT,\n  `c_table`" + EXTRA
                                + ",\n  `c_schema`" + EXTRA + ",\n  `c_source`" + EXTRA + ")"), 0),
                Arguments.of("DROP of a merged table is skipped", "shard_1", "DROP TABLE orders_01", List.of(), 1),
                Arguments.of("TRUNCATE of a merged table is skipped", "shard_1", "TRUNCATE TABLE orders_01", List.of(), 1),
                Arguments.of("ALTER of a merged table is applied to the merged table", "shard_1",
                        "ALTER TABLE orders_01 ADD COLUMN note VARCHAR(20)",
                        List.of("ALTER TABLE `shop`.`orders` ADD COLUMN note VARCHAR(20)"), 0),
                Arguments.of("RENAME of a shard to a name routed to the same merged table", "shard_1",
                        "RENAME TABLE orders_01 TO orders_01_old", List.of(), 1),
                // statements that are not DDL for the target
                Arguments.of("GRANT", "shop", "GRANT SELECT ON shop.* TO 'reader'@'%'", List.of(), 0),
                Arguments.of("CREATE VIEW", "shop", "CREATE VIEW v AS SELECT id FROM t", List.of(), 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rewrites")
    void rewritesForTheTarget(String name, String schema, String sql, List<String> expected, int skipped) {
        TaskDdlRewriter rewriter = mariaDb();
        assertThat(rewriter.targetStatements(ddl(schema, sql))).containsExactlyElementsOf(expected);
        assertThat(rewriter.skippedChanges()).as("skipped changes").isEqualTo(skipped);
    }

    /** name, current database, statement, error code, text the message must contain besides position and statement. */
    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("RENAME out of the block-allow-list", "shop", "RENAME TABLE t TO other.t",
                        ErrorCode.SYNC_DDL_NOT_ROUTABLE, "`other`.`t` is outside the block-allow-list"),
                Arguments.of("RENAME into the block-allow-list", "other", "RENAME TABLE t TO shop.t",
                        ErrorCode.SYNC_DDL_NOT_ROUTABLE, "`other`.`t` is outside the block-allow-list"),
                Arguments.of("RENAME of a merged shard to a name outside its route", "shard_1",
                        "RENAME TABLE orders_01 TO archive", ErrorCode.SYNC_DDL_NOT_ROUTABLE, "`shop`.`orders`"),
                Arguments.of("CREATE TABLE LIKE an unmigrated model", "shop", "CREATE TABLE t2 LIKE other.t",
                        ErrorCode.SYNC_DDL_NOT_ROUTABLE, "model table `other`.`t`"),
                Arguments.of("merged table whose source has a column named like an extract column", "shard_1",
                        "CREATE TABLE orders_03 (id BIGINT, c_table INT)", ErrorCode.SYNC_DDL_NOT_ROUTABLE, "`c_table`"),
                Arguments.of("CREATE TABLE ... SELECT", "shop", "CREATE TABLE c SELECT * FROM t",
                        ErrorCode.DDL_UNSUPPORTED, "CREATE TABLE ... SELECT"),
                Arguments.of("DML logged as a statement", "shop", "DELETE FROM t WHERE id = 1",
                        ErrorCode.DDL_UNSUPPORTED, "binlog_format=ROW"),
                Arguments.of("unqualified table without a current database", "", "CREATE TABLE t (id INT)",
                        ErrorCode.DDL_UNSUPPORTED, "no current database"),
                Arguments.of("unparsable statement", "shop", "CREATE TABLE (", ErrorCode.DDL_UNPARSABLE, "CREATE TABLE ("));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesWithThePositionAndTheStatement(String name, String schema, String sql, ErrorCode code, String detail) {
        assertThatThrownBy(() -> mariaDb().targetStatements(ddl(schema, sql)))
                .isInstanceOfSatisfying(GodwitException.class, e -> assertThat(e.code()).isEqualTo(code))
                .hasMessageContaining(AT.toString())
                .hasMessageContaining(sql)
                .hasMessageContaining(detail);
    }

    @Test
    void leavesOutIndexesTiDbLacksAndMapsCollations() {
        TaskDdlRewriter tidb = rewriter(new TargetDialect(ServerFlavor.TIDB, Set.of("utf8mb4_bin", "utf8mb4_general_ci")));
        assertThat(tidb.targetStatements(ddl("shop", "ALTER TABLE docs ADD FULLTEXT INDEX ft (body)"))).isEmpty();
        assertThat(tidb.targetStatements(ddl("shop", "CREATE FULLTEXT INDEX ft ON docs (body)"))).isEmpty();
        assertThat(tidb.skippedChanges()).isEqualTo(2);
        assertThat(tidb.targetStatements(ddl("shop", "CREATE TABLE docs (id INT, "
                + "body TEXT COLLATE utf8mb4_uca1400_ai_ci, FULLTEXT KEY ft (body)) PAGE_CHECKSUM=1")))
                .containsExactly("CREATE TABLE IF NOT EXISTS `shop`.`docs` (id INT, body TEXT COLLATE utf8mb4_general_ci)");

        TaskDdlRewriter mariaDb = mariaDb();
        assertThat(mariaDb.targetStatements(ddl("shop", "ALTER TABLE docs ADD FULLTEXT INDEX ft (body)")))
                .containsExactly("ALTER TABLE `shop`.`docs` ADD FULLTEXT INDEX ft (body)");
    }

    @Test
    void keepsTheTextOfTheStatementOutsideTheNames() {
        String sql = "ALTER TABLE /* keep */ orders_07\n  ADD COLUMN `memo` TEXT COMMENT 'shop.orders_07 stays'";
        assertThat(mariaDb().targetStatements(ddl("shard_3", sql))).containsExactly(
                "ALTER TABLE /* keep */ `shop`.`orders`\n  ADD COLUMN `memo` TEXT COMMENT 'shop.orders_07 stays'");
    }

    @Test
    void leavesOutChangesOfTablesLoadedFromALaterSnapshot() {
        BinlogLocation before = new BinlogLocation(AT.file(), AT.position() - 10, "");
        BinlogLocation loaded = new BinlogLocation(AT.file(), AT.position() + 1000, "");
        TaskDdlRewriter rewriter = mariaDb().tablesLoadedAt(Map.of(TableId.of("shop", "t"), loaded,
                TableId.of("shop", "t_new"), loaded));
        // one statement, two changes: the loaded table's is left out, the other table's applied
        assertThat(rewriter.targetStatements(ddl("shop", "DROP TABLE t, u"), before))
                .containsExactly("DROP TABLE `shop`.`u`");
        // a rename counts for the name the table was loaded under; the old name must not stay behind
        assertThat(rewriter.targetStatements(ddl("shop", "RENAME TABLE t_old TO t_new"), before))
                .containsExactly("DROP TABLE IF EXISTS `shop`.`t_old`");
        // ... unless the old name was loaded later too
        assertThat(rewriter.targetStatements(ddl("shop", "RENAME TABLE t TO t_new"), before)).isEmpty();
        assertThat(rewriter.skippedChanges()).isEqualTo(2);
        // at or after the snapshot the table was loaded from, its DDL applies again
        assertThat(rewriter.targetStatements(ddl("shop", "ALTER TABLE t ADD COLUMN c INT"), loaded))
                .containsExactly("ALTER TABLE `shop`.`t` ADD COLUMN c INT");
        // without a transaction start (the one-argument form) nothing is left out
        assertThat(rewriter.targetStatements(ddl("shop", "ALTER TABLE t ADD COLUMN c INT")))
                .containsExactly("ALTER TABLE `shop`.`t` ADD COLUMN c INT");
    }
}
