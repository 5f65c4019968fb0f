package io.godwit.worker.sync;

import static io.godwit.worker.sync.Rows.row;
import static io.godwit.worker.sync.TestTables.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.godwit.core.config.ExpressionFilterConfig;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.TableInfo;
import io.godwit.filters.BinlogEventFilter;
import io.godwit.filters.ExpressionFilter;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DM's expression-filter end to end: hand-built binlog row events applied to the real target through the sync. */
class ExpressionFilterIT {

    @Test
    void dropsInsertsUpdatesAndDeletesWhoseExpressionIsTrue() throws Exception {
        try (SyncHarness h = new SyncHarness(ExpressionFilterIT.class, "rows")) {
            TableInfo t = h.table("t", "CREATE TABLE %s (`id` bigint NOT NULL, `qty` int, `note` varchar(20),"
                    + " `created` date, PRIMARY KEY (`id`))", List.of("id"),
                    col("id", "bigint"), col("qty", "int"), col("note", "varchar(20)"), col("created", "date"));
            TableInfo other = h.table("other", "CREATE TABLE %s (`id` bigint NOT NULL, `qty` int, PRIMARY KEY (`id`))",
                    List.of("id"), col("id", "bigint"), col("qty", "int"));
            Map<String, ExpressionFilterConfig> rules = new LinkedHashMap<>();
            // The rule names the table in upper case: the task is not case-sensitive.
            rules.put("skip_even_or_tmp", new ExpressionFilterConfig(h.db, "T",
                    "qty % 2 = 0 OR note LIKE 'tmp%'", "", "", ""));
            rules.put("skip_negative_to_skip", new ExpressionFilterConfig(h.db, "t",
                    "", "qty < 0", "note = 'skip'", ""));
            rules.put("keep_old_deletes", new ExpressionFilterConfig(h.db, "t",
                    "", "", "", "created < '2024-01-01'"));
            ExpressionFilter filter = new ExpressionFilter(rules, false);

            EventScript s = new EventScript();
            BinlogLocation start = s.here();
            s.insert(t.id(),
                    row(1L, 1L, "a", LocalDate.of(2023, 5, 1)),
                    row(2L, 2L, "b", LocalDate.of(2024, 2, 1)),       // even: dropped
                    row(3L, 3L, "tmp1", LocalDate.of(2024, 2, 1)),    // LIKE 'tmp%': dropped
                    row(4L, 5L, null, LocalDate.of(2024, 3, 1)),      // NULL OR FALSE is NULL: kept
                    row(5L, -1L, "x", LocalDate.of(2024, 3, 1)),
                    row(6L, -3L, "y", LocalDate.of(2023, 1, 1)),
                    row(7L, 7L, "z", LocalDate.of(2023, 1, 1)));
            s.insert(other.id(), row(2L, 2L)).commit();               // no rule on this table: kept
            s.update(t.id(), row(5L, -1L, "x", LocalDate.of(2024, 3, 1)), row(5L, -1L, "skip", LocalDate.of(2024, 3, 1)));
            s.update(t.id(), row(6L, -3L, "y", LocalDate.of(2023, 1, 1)), row(6L, 9L, "y2", LocalDate.of(2023, 1, 1)));
            s.update(t.id(), row(1L, 1L, "a", LocalDate.of(2023, 5, 1)), row(1L, 1L, "skip", LocalDate.of(2023, 5, 1)));
            s.commit();
            s.delete(t.id(), row(1L, 1L, "skip", LocalDate.of(2023, 5, 1)));   // created before 2024: dropped
            s.delete(t.id(), row(4L, 5L, null, LocalDate.of(2024, 3, 1)));
            s.delete(t.id(), row(7L, 7L, "z", LocalDate.of(2023, 1, 1))).commit(); // dropped

            try (HikariDataSource pool = h.pool(3)) {
                SyncCoordinator c = coordinator(h, pool, s, start, filter);
                SyncHarness.runToEnd(c, s.end());
                assertThat(c.status().lastError()).isNull();
                assertThat(c.status().rowsFiltered()).as("2 inserts, 1 update, 2 deletes").isEqualTo(5);
                assertThat(c.status().rowsNotFound()).isZero();
            }
            assertThat(SyncHarness.rows("SELECT id, qty, note, created FROM " + t.id().quoted() + " ORDER BY id"))
                    .containsExactly(
                            "1|1|skip|2023-05-01",   // update applied (old qty not < 0), delete dropped
                            "5|-1|x|2024-03-01",     // update dropped: old qty < 0 and new note = 'skip'
                            "6|9|y2|2023-01-01",     // update applied: new note is not 'skip'
                            "7|7|z|2023-01-01");     // delete dropped
            assertThat(SyncHarness.rows("SELECT id, qty FROM " + other.id().quoted())).containsExactly("2|2");
        }
    }

    @Test
    void stopsWithTheRuleAndExpressionWhenAColumnIsUnknown() throws Exception {
        try (SyncHarness h = new SyncHarness(ExpressionFilterIT.class, "badcol")) {
            TableInfo t = h.table("t", "CREATE TABLE %s (`id` bigint NOT NULL, PRIMARY KEY (`id`))", List.of("id"),
                    col("id", "bigint"));
            ExpressionFilter filter = new ExpressionFilter(Map.of("by_price",
                    new ExpressionFilterConfig(h.db, "t", "price > 10", "", "", "")), false);
            EventScript s = new EventScript();
            BinlogLocation start = s.here();
            s.insert(t.id(), row(1L)).commit();
            try (HikariDataSource pool = h.pool(3)) {
                SyncCoordinator c = coordinator(h, pool, s, start, filter);
                Throwable failure = SyncHarness.runUntil(c, s.end());
                assertThat(failure).isInstanceOfSatisfying(GodwitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
                    assertThat(e.getMessage()).contains("expression-filter by_price: insert-value-expr \"price > 10\"",
                            "unknown column `price`");
                });
            }
            assertThat(SyncHarness.rows("SELECT COUNT(*) FROM " + t.id().quoted())).containsExactly("0");
        }
    }

    private static SyncCoordinator coordinator(SyncHarness h, HikariDataSource pool, EventScript s, BinlogLocation start,
                                               ExpressionFilter filter) {
        SyncOptions o = h.options(2, 10);
        return new SyncCoordinator(o, pool, new ScriptedSource(s), h.tables, SyncHarness.allTables(h.meta),
                new BinlogEventFilter(List.of(), false), filter, ddl -> List.of(ddl.sql()), () -> "{}", start,
                SlotCommitter.COMMIT);
    }
}
