package io.godwit.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.TableId;
import io.godwit.core.testkit.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tables created without their secondary indexes, the record of them, and the build after the rows. */
class DeferredIndexesIT {
    static final String DB = TestDatabases.schema(DeferredIndexesIT.class, "t");
    static final String META = TestDatabases.schema(DeferredIndexesIT.class, "meta");
    static final String SOURCE = "mysql-01";
    static final String SOURCE_DDL = "CREATE TABLE `%s` (\n  `id` int NOT NULL,\n  `k` int NOT NULL DEFAULT 0,\n"
            + "  `c` varchar(40) NOT NULL DEFAULT '',\n  PRIMARY KEY (`id`),\n  UNIQUE KEY `uc` (`c`),\n"
            + "  KEY `k_1` (`k`),\n  KEY `c, k` (`c`(8),`k`) USING BTREE COMMENT 'a, (b)'\n) ENGINE=InnoDB";
    static HikariDataSource pool;
    static TargetSchemaCreator schemas;
    static DeferredIndexes indexes;

    @BeforeAll
    static void start() {
        pool = TargetDb.pool("deferred-indexes-it", 2);
        TargetDb.endpoint().execute("CREATE DATABASE " + DB);
        new LoadCheckpoints(pool, META, "task").ensureTables();
        indexes = new DeferredIndexes(pool, META, "task");
        indexes.ensureTable();
        schemas = new TargetSchemaCreator(pool);
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    @Test
    void recordsBeforeCreatingAndBuildsOnlyWhatIsMissing() {
        TableId t = TableId.of(DB, "built");
        TableId source = TableId.of("src", "built");
        List<String> seen = new ArrayList<>();
        schemas.createTable(t, SOURCE_DDL.formatted("built"), List.of(), alter -> {
            seen.add(alter);
            assertThat(TargetDb.count("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + DB
                    + "' AND TABLE_NAME = 'built'")).as("recorded before the table exists").isZero();
            indexes.record(SOURCE, source, t, alter);
        });
        assertThat(seen).containsExactly("ALTER TABLE `" + DB + "`.`built` ADD KEY `k_1` (`k`),"
                + " ADD KEY `c, k` (`c`(8),`k`) USING BTREE COMMENT 'a, (b)'");
        assertThat(indexNames(t)).containsExactlyInAnyOrder("PRIMARY", "uc");
        TargetDb.endpoint().execute("INSERT INTO " + t.quoted() + " VALUES (1, 5, 'x'), (2, 5, 'y')",
                "ALTER TABLE " + t.quoted() + " ADD KEY `k_1` (`k`)"); // as if a killed run got that far

        DeferredIndexes.Pending pending = indexes.pending(SOURCE).get(source);
        assertThat(pending.target()).isEqualTo(t);
        indexes.build(pending);
        assertThat(indexNames(t)).containsExactlyInAnyOrder("PRIMARY", "c, k", "k_1", "uc");
        assertThat(TargetDb.rows("SELECT INDEX_NAME, SEQ_IN_INDEX, COLUMN_NAME, SUB_PART, INDEX_COMMENT"
                + " FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = '" + DB + "' AND TABLE_NAME = 'built'"
                + " AND INDEX_NAME = 'c, k' ORDER BY SEQ_IN_INDEX"))
                .containsExactly("c, k|1|c|8|a, (b)", "c, k|2|k|NULL|a, (b)");
        assertThat(indexes.pending(SOURCE)).doesNotContainKey(source);

        indexes.build(pending); // a rerun that finds the row gone does not call it, but even so: nothing to add
        assertThat(indexNames(t)).containsExactlyInAnyOrder("PRIMARY", "c, k", "k_1", "uc");
    }

    @Test
    void anExistingTableIsNeitherRecordedNorChanged() {
        TableId t = TableId.of(DB, "precreated");
        TargetDb.endpoint().execute("CREATE TABLE " + t.quoted() + " (id int PRIMARY KEY, k int NOT NULL DEFAULT 0,"
                + " c varchar(40) NOT NULL DEFAULT '')");
        TargetTable created = schemas.createTable(t, SOURCE_DDL.formatted("precreated"), List.of(),
                alter -> { throw new AssertionError("recorded for an existing table: " + alter); });
        assertThat(created.created()).isFalse();
        assertThat(indexNames(t)).containsExactlyInAnyOrder("PRIMARY");
    }

    @Test
    void aFailingAlterNamesTheTableAndStatementAndKeepsTheRecord() {
        TableId t = TableId.of(DB, "failing");
        TableId source = TableId.of("src", "failing");
        schemas.createTable(t, SOURCE_DDL.formatted("failing"), List.of(), alter -> indexes.record(SOURCE, source, t, alter));
        TargetDb.endpoint().execute("ALTER TABLE " + t.quoted() + " DROP COLUMN `k`");

        assertThatThrownBy(() -> indexes.build(indexes.pending(SOURCE).get(source)))
                .isInstanceOfSatisfying(GodwitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LOAD_SCHEMA_FAILED))
                .hasMessageContaining(t.quoted()).hasMessageContaining("ALTER TABLE " + t.quoted() + " ADD KEY `k_1` (`k`)");
        assertThat(indexes.pending(SOURCE)).containsKey(source);
    }

    @Test
    void forgetDeletesTheRecord() {
        TableId source = TableId.of("src", "forgotten");
        indexes.record(SOURCE, source, TableId.of(DB, "forgotten"), "ALTER TABLE `x`.`y` ADD KEY `k` (`k`)");
        assertThat(indexes.pending(SOURCE)).containsKey(source);
        indexes.forget(SOURCE, source);
        assertThat(indexes.pending(SOURCE)).doesNotContainKey(source);
    }

    private static List<String> indexNames(TableId t) {
        return TargetDb.rows("SELECT DISTINCT INDEX_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = '"
                + t.schema() + "' AND TABLE_NAME = '" + t.table() + "' ORDER BY INDEX_NAME");
    }
}
