package io.godwit.worker.sync;

import static io.godwit.worker.sync.Rows.K;
import static io.godwit.worker.sync.Rows.T;
import static io.godwit.worker.sync.Rows.del;
import static io.godwit.worker.sync.Rows.ins;
import static io.godwit.worker.sync.Rows.row;
import static io.godwit.worker.sync.Rows.upd;
import static io.godwit.worker.sync.TestTables.col;
import static io.godwit.worker.sync.TestTables.generated;
import static org.assertj.core.api.Assertions.assertThat;

import io.godwit.core.db.ServerFlavor;
import io.godwit.core.model.TableId;
import io.godwit.core.model.TableInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatementPlannerTest {
    private final StatementPlanner multi = new StatementPlanner(ServerFlavor.MARIADB, true, 100);
    private final StatementPlanner single = new StatementPlanner(ServerFlavor.MARIADB, false, 100);

    @Test
    void consecutiveInsertsBecomeOneMultiRowStatement() {
        List<BoundStatement> s = multi.plan(List.of(ins(T, 1L, "a", null), ins(T, 2L, "b", "x"), del(T, 3L, "c", null)), false);
        assertThat(s).extracting(BoundStatement::sql).containsExactly(
                "INSERT INTO `db`.`t` (`id`, `v`, `u`) VALUES (?, ?, ?), (?, ?, ?)",
                "DELETE FROM `db`.`t` WHERE `id` = ?");
        assertThat(s.get(0).params()).containsExactly(1L, "a", null, 2L, "b", "x");
        assertThat(s.get(1).expectedMatches()).isEqualTo(1);
    }

    @Test
    void withoutMultipleRowsEveryRowIsAStatement() {
        assertThat(single.plan(List.of(ins(T, 1L, "a", null), ins(T, 2L, "b", null)), false)).hasSize(2);
    }

    @Test
    void multiRowStatementsStopAtTheRowLimit() {
        StatementPlanner two = new StatementPlanner(ServerFlavor.MARIADB, true, 2);
        assertThat(two.plan(List.of(ins(T, 1L, "a", null), ins(T, 2L, "b", null), ins(T, 3L, "c", null)), false))
                .extracting(BoundStatement::rows).containsExactly(2, 1);
    }

    @Test
    void consecutiveDeletesOfAKeyedTableBecomeOneInList() {
        List<BoundStatement> s = multi.plan(List.of(del(T, 1L, "a", null), del(T, 2L, "b", null)), false);
        assertThat(s).singleElement().satisfies(b -> {
            assertThat(b.sql()).isEqualTo("DELETE FROM `db`.`t` WHERE `id` IN (?, ?)");
            assertThat(b.params()).containsExactly(1L, 2L);
            assertThat(b.expectedMatches()).isEqualTo(2);
        });
    }

    @Test
    void updateSetsEveryWrittenColumnByTheOldKey() {
        BoundStatement u = single.plan(List.of(upd(T, row(1L, "a", null), row(2L, "b", "x"))), false).get(0);
        assertThat(u.sql()).isEqualTo("UPDATE `db`.`t` SET `id` = ?, `v` = ?, `u` = ? WHERE `id` = ?");
        assertThat(u.params()).containsExactly(2L, "b", "x", 1L);
    }

    @Test
    void safeModeWritesReplaceAndDeletePlusReplace() {
        List<BoundStatement> s = single.plan(List.of(ins(T, 1L, "a", null), upd(T, row(1L, "a", null), row(1L, "b", null))), true);
        assertThat(s).extracting(BoundStatement::sql).containsExactly(
                "REPLACE INTO `db`.`t` (`id`, `v`, `u`) VALUES (?, ?, ?)",
                "DELETE FROM `db`.`t` WHERE `id` = ?",
                "REPLACE INTO `db`.`t` (`id`, `v`, `u`) VALUES (?, ?, ?)");
        assertThat(s).extracting(BoundStatement::expectedMatches).containsOnly(0);
    }

    @Test
    void safeModeWithMultipleRowsReplacesUpdatesThatKeepTheirKeyAlongWithTheInserts() {
        List<BoundStatement> s = multi.plan(List.of(ins(T, 1L, "a", null), upd(T, row(1L, "a", null), row(1L, "b", null)),
                upd(T, row(2L, "a", null), row(3L, "a", null))), true);
        assertThat(s).extracting(BoundStatement::sql).containsExactly(
                "REPLACE INTO `db`.`t` (`id`, `v`, `u`) VALUES (?, ?, ?), (?, ?, ?)",
                "DELETE FROM `db`.`t` WHERE `id` = ?",
                "REPLACE INTO `db`.`t` (`id`, `v`, `u`) VALUES (?, ?, ?)");
        assertThat(s.get(0).params()).containsExactly(1L, "a", null, 1L, "b", null);
        assertThat(s.get(1).params()).containsExactly(2L);
    }

    @Test
    void updatesKeepingTheirKeyOnATableWithOnlyThatKeyBecomeOneUpsert() {
        TableInfo info = TestTables.info(TableId.of("db", "p"),
                "CREATE TABLE %s (`id` bigint NOT NULL, `n` int, PRIMARY KEY (`id`))", List.of("id"),
                col("id", "bigint"), col("n", "int"));
        RoutedTable p = TestTables.routed(info);
        List<BoundStatement> s = multi.plan(List.of(upd(p, row(1L, 1), row(1L, 2)), upd(p, row(2L, 1), row(2L, 5)),
                upd(p, row(1L, 2), row(1L, 3)), upd(p, row(3L, 0), row(4L, 0)), upd(p, row(5L, 0), row(5L, 1))), false);
        assertThat(s).extracting(BoundStatement::sql).containsExactly(
                "INSERT INTO `db`.`p` (`id`, `n`) VALUES (?, ?), (?, ?), (?, ?)"
                        + " ON DUPLICATE KEY UPDATE `id` = VALUES(`id`), `n` = VALUES(`n`)",
                "UPDATE `db`.`p` SET `id` = ?, `n` = ? WHERE `id` = ?",
                "INSERT INTO `db`.`p` (`id`, `n`) VALUES (?, ?) ON DUPLICATE KEY UPDATE `id` = VALUES(`id`), `n` = VALUES(`n`)");
        // the same row twice in one statement: applied in order, the later image wins as it would in two UPDATEs
        assertThat(s.get(0).params()).containsExactly(1L, 2, 2L, 5, 1L, 3);
        assertThat(s.get(1).params()).containsExactly(4L, 0, 3L);
        // without multiple-rows the same changes are five UPDATEs
        assertThat(single.plan(List.of(upd(p, row(1L, 1), row(1L, 2)), upd(p, row(2L, 1), row(2L, 5))), false))
                .extracting(BoundStatement::sql).containsOnly("UPDATE `db`.`p` SET `id` = ?, `n` = ? WHERE `id` = ?");
    }

    @Test
    void updatesOnATableWithASecondUniqueKeyStayUpdates() {
        // an upsert could find the other unique key's duplicate and change that row instead
        List<BoundStatement> s = multi.plan(List.of(upd(T, row(1L, "a", "x"), row(1L, "b", "x")),
                upd(T, row(2L, "a", "y"), row(2L, "b", "y"))), false);
        assertThat(s).extracting(BoundStatement::sql)
                .containsOnly("UPDATE `db`.`t` SET `id` = ?, `v` = ?, `u` = ? WHERE `id` = ?").hasSize(2);
    }

    @Test
    void changesAreGroupedByTargetTableKeepingTheirOrderWithinEachTable() {
        List<BoundStatement> s = multi.plan(List.of(ins(T, 1L, "a", null), ins(K, 1L, "x"), ins(T, 2L, "b", null),
                del(T, 1L, "a", null), ins(K, 2L, "y"), ins(T, 3L, "c", null)), false);
        assertThat(s).extracting(BoundStatement::sql).containsExactly(
                "INSERT INTO `db`.`t` (`id`, `v`, `u`) VALUES (?, ?, ?), (?, ?, ?)",
                "DELETE FROM `db`.`t` WHERE `id` = ?",
                "INSERT INTO `db`.`t` (`id`, `v`, `u`) VALUES (?, ?, ?)",
                "INSERT INTO `db`.`k` (`a`, `b`) VALUES (?, ?), (?, ?)");
        assertThat(s.get(0).params()).containsExactly(1L, "a", null, 2L, "b", null);
        assertThat(s.get(3).params()).containsExactly(1L, "x", 2L, "y");
        // without multiple-rows nothing moves
        assertThat(single.plan(List.of(ins(T, 1L, "a", null), ins(K, 1L, "x"), ins(T, 2L, "b", null)), false))
                .extracting(b -> b.first().table().target().table()).containsExactly("t", "k", "t");
    }

    @Test
    void keylessRowsAreMatchedOnEveryColumnOnce() {
        List<BoundStatement> s = multi.plan(List.of(del(K, 1L, null), del(K, 1L, null), upd(K, row(2L, "a"), row(2L, "b"))), false);
        assertThat(s).extracting(BoundStatement::sql).containsExactly(
                "DELETE FROM `db`.`k` WHERE `a` <=> ? AND `b` <=> ? LIMIT 1",
                "DELETE FROM `db`.`k` WHERE `a` <=> ? AND `b` <=> ? LIMIT 1",
                "UPDATE `db`.`k` SET `a` = ?, `b` = ? WHERE `a` <=> ? AND `b` <=> ? LIMIT 1");
        assertThat(s.get(2).params()).containsExactly(2L, "b", 2L, "a");
    }

    @Test
    void generatedColumnsAreNeverWrittenAndExtractColumnsAlways() {
        TableInfo info = TestTables.info(TableId.of("shard_1", "orders_7"),
                "CREATE TABLE %s (`id` int NOT NULL, `f` float, `g` int GENERATED ALWAYS AS (`id` * 2) STORED, `j` json, PRIMARY KEY (`id`))",
                List.of("id"), col("id", "int"), col("f", "float"), generated("g", "int"), col("j", "json"));
        Map<String, String> extract = new LinkedHashMap<>();
        extract.put("c_table", "7");
        extract.put("c_source", "s1");
        RoutedTable routed = RoutedTable.of(info.id(), info, TableId.of("all", "orders"), extract);
        List<BoundStatement> s = multi.plan(List.of(
                RowChange.insert(routed, row(1L, 1.1f, 2L, "{}"), Rows.AT, Rows.AT),
                RowChange.update(routed, row(1L, 1.1f, 2L, "{}"), row(1L, 2.5f, 2L, "[]"), Rows.AT, Rows.AT),
                RowChange.delete(routed, row(1L, 2.5f, 2L, "[]"), Rows.AT, Rows.AT)), false);
        assertThat(s).extracting(BoundStatement::sql).containsExactly(
                "INSERT INTO `all`.`orders` (`id`, `f`, `j`, `c_table`, `c_source`) VALUES (?, ?, ?, ?, ?)",
                "UPDATE `all`.`orders` SET `id` = ?, `f` = ?, `j` = ? WHERE `id` = ? AND `c_table` = ? AND `c_source` = ?",
                "DELETE FROM `all`.`orders` WHERE `id` = ? AND `c_table` = ? AND `c_source` = ?");
        assertThat(s.get(0).params()).containsExactly(1L, 1.1f, "{}", "7", "s1");
        assertThat(s.get(1).params()).containsExactly(1L, 2.5f, "[]", 1L, "7", "s1");
    }

    @Test
    void keylessComparisonsUseExactFloatsAndJsonCastsOnMySql() {
        TableInfo info = TestTables.info(TableId.of("db", "m"), "CREATE TABLE %s (`f` float, `j` json)", List.of(),
                col("f", "float"), col("j", "json"));
        RoutedTable t = TestTables.routed(info);
        BoundStatement d = new StatementPlanner(ServerFlavor.MYSQL, true, 10)
                .plan(List.of(RowChange.delete(t, row(1.1f, "{\"a\": 1}"), Rows.AT, Rows.AT)), false).get(0);
        assertThat(d.sql()).isEqualTo("DELETE FROM `db`.`m` WHERE `f` <=> ? AND `j` <=> CAST(? AS JSON) LIMIT 1");
        assertThat(d.params()).containsExactly((double) 1.1f, "{\"a\": 1}");
        assertThat(d.params().get(0)).isNotEqualTo(1.1d);
    }

    @Test
    void describeElidesLongValues() {
        List<RowChange> many = new java.util.ArrayList<>();
        for (long i = 0; i < 100; i++) {
            many.add(ins(T, i, "x".repeat(200), null));
        }
        String text = multi.plan(many, false).get(0).describe();
        assertThat(text).startsWith("INSERT INTO `db`.`t`").contains("-- values: 0, 'xxxx").contains("more)");
        assertThat(text.length()).isLessThan(3000);
    }
}
