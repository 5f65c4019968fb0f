package io.godwit.binlog.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.ColumnInfo;
import io.godwit.core.model.TableId;
import io.godwit.core.model.TableInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tracker's contract beyond the corpus: atomic statements, filtering, seeding, keys, snapshots, errors. */
class SchemaTrackerTest {
    private static final BinlogLocation AT = new BinlogLocation("mysql-bin.000042", 1234, null);
    private static final TableId T = TableId.of("src", "t");

    private static SchemaTracker tracker(String... ddl) {
        SchemaTracker tracker = new SchemaTracker(SourceDialect.mariaDb("utf8mb4"));
        for (String sql : ddl) {
            tracker.apply("src", sql, AT);
        }
        return tracker;
    }

    @Test
    void aStatementAppliesWholeOrNotAtAll() {
        SchemaTracker tracker = tracker("CREATE TABLE t (id INT PRIMARY KEY)");
        assertThatThrownBy(() -> tracker.apply("src", "ALTER TABLE t ADD COLUMN c INT, DROP COLUMN missing", AT))
                .isInstanceOfSatisfying(GodwitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SCHEMA_MISMATCH);
                    assertThat(e.getMessage()).contains("mysql-bin.000042").contains("1234")
                            .contains("column missing does not exist").contains("DROP COLUMN missing");
                });
        assertThat(tracker.find(T).orElseThrow().columns()).extracting(ColumnInfo::name).containsExactly("id");
    }

    @Test
    void unparsableAndUnsupportedStatementsStopWithTheirPosition() {
        SchemaTracker tracker = tracker();
        assertThatThrownBy(() -> tracker.apply("src", "ALTER TABLE t ADD", AT)).isInstanceOfSatisfying(
                GodwitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DDL_UNPARSABLE);
                    assertThat(e.getMessage()).contains("mysql-bin.000042").contains("ALTER TABLE t ADD");
                });
        assertThatThrownBy(() -> tracker.apply("src", "CREATE TABLE c AS SELECT 1 AS x", AT)).isInstanceOfSatisfying(
                GodwitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DDL_UNSUPPORTED);
                    assertThat(e.getMessage()).contains("mysql-bin.000042").contains("CREATE TABLE ... SELECT");
                });
    }

    @Test
    void defineSetsTheNamedTableFromACreateStatementWhateverNameItWrites() {
        SchemaTracker tracker = tracker("CREATE TABLE t (id INT PRIMARY KEY)");
        tracker.define(T, "CREATE TABLE `other_name` (id INT NOT NULL, c VARCHAR(10), UNIQUE KEY uk (id))");
        assertThat(tracker.tables()).containsExactly(T);
        assertThat(tracker.find(T).orElseThrow().columns()).extracting(ColumnInfo::name).containsExactly("id", "c");
        assertThat(tracker.find(T).orElseThrow().chunkKey()).containsExactly("id");
        assertThat(SchemaTracker.fromJson(tracker.toJson()).createTableSql(T).orElseThrow()).contains("`c`");
    }

    @Test
    void defineRefusesWhatIsNotOnePlainCreateTable() {
        SchemaTracker tracker = tracker("CREATE TABLE t (id INT PRIMARY KEY)");
        String before = tracker.toJson();
        assertThatThrownBy(() -> tracker.define(T, "ALTER TABLE t ADD COLUMN c INT"))
                .isInstanceOfSatisfying(GodwitException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.DDL_UNSUPPORTED));
        assertThatThrownBy(() -> tracker.define(T, "CREATE TABLE t2 LIKE t")).isInstanceOf(GodwitException.class);
        assertThat(tracker.toJson()).isEqualTo(before);
    }

    @Test
    void ignoredStatementsChangeNothing() {
        SchemaTracker tracker = tracker("CREATE TABLE t (id INT PRIMARY KEY)");
        String before = tracker.toJson();
        tracker.apply("src", "GRANT ALL ON *.* TO 'x'@'%'", AT);
        tracker.apply("src", "CREATE TEMPORARY TABLE t (other INT)", AT);
        assertThat(tracker.toJson()).isEqualTo(before);
    }

    @Test
    void tablesOutsideTheFilterArePassedOver() {
        SchemaTracker tracker = new SchemaTracker(SourceDialect.mariaDb("utf8mb4"), id -> !id.schema().equals("skip"));
        tracker.apply("src", "CREATE TABLE skip.x (a INT)", AT);
        tracker.apply("src", "ALTER TABLE skip.x ADD COLUMN b INT", AT);
        tracker.apply("src", "ALTER TABLE skip.never_seen DROP COLUMN b", AT);
        assertThat(tracker.tables()).isEmpty();
        tracker.apply("src", "CREATE TABLE a (id INT)", AT);
        tracker.apply("src", "RENAME TABLE a TO skip.a", AT);
        assertThat(tracker.tables()).isEmpty();
        assertThatThrownBy(() -> tracker.apply("src", "RENAME TABLE skip.x TO src.x", AT))
                .isInstanceOfSatisfying(GodwitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SCHEMA_MISMATCH));
        assertThatThrownBy(() -> tracker.apply("src", "ALTER TABLE src.unknown ADD COLUMN b INT", AT))
                .isInstanceOfSatisfying(GodwitException.class, e -> assertThat(e.getMessage()).contains("src.unknown is not tracked"));
    }

    @Test
    void chunkKeyIsThePrimaryKeyElseTheFirstUsableUniqueKey() {
        SchemaTracker tracker = tracker(
                "CREATE TABLE pk (a INT NOT NULL, b INT NOT NULL, UNIQUE KEY u (a), PRIMARY KEY (b))",
                "CREATE TABLE uk (a INT, b INT NOT NULL, c VARCHAR(20) NOT NULL, d INT NOT NULL,"
                        + " UNIQUE KEY u_null (a), UNIQUE KEY u_prefix (c(5)), UNIQUE KEY u_ignored (d) IGNORED, UNIQUE KEY u_b (b))",
                "CREATE TABLE none (a INT, UNIQUE KEY u (a))");
        assertThat(tracker.find(TableId.of("src", "pk")).orElseThrow().chunkKey()).containsExactly("b");
        assertThat(tracker.find(TableId.of("src", "uk")).orElseThrow().chunkKey()).containsExactly("b");
        assertThat(tracker.find(TableId.of("src", "none")).orElseThrow().chunkKey()).isEmpty();
        tracker.apply("src", "ALTER TABLE uk ALTER INDEX u_ignored NOT IGNORED", AT);
        assertThat(tracker.find(TableId.of("src", "uk")).orElseThrow().chunkKey()).containsExactly("d");
    }

    @Test
    void keysListUniqueKeysPrimaryFirstWithoutExpressionKeys() {
        SchemaTracker tracker = new SchemaTracker(SourceDialect.mysql8("utf8mb4"));
        tracker.apply("src", "CREATE TABLE t (id INT NOT NULL, a INT, c VARCHAR(30) NOT NULL, PRIMARY KEY (id),"
                + " UNIQUE KEY u_a (a), UNIQUE KEY u_c (c(10)), UNIQUE KEY u_expr ((a + 1)), KEY k (a))", AT);
        TableKeys keys = tracker.keys(T).orElseThrow();
        assertThat(keys.uniqueKeys()).containsExactly(
                new TableKeys.UniqueKey("PRIMARY", List.of("id"), true, false, false),
                new TableKeys.UniqueKey("u_c", List.of("c"), false, false, true),
                new TableKeys.UniqueKey("u_a", List.of("a"), false, true, false));
        assertThat(keys.primaryKey()).map(TableKeys.UniqueKey::columns).contains(List.of("id"));
        assertThat(tracker.keys(TableId.of("src", "missing"))).isEmpty();
    }

    @Test
    void seedingReadsColumnsFromTheCatalogAndKeysFromTheCreateStatement() {
        SchemaTracker tracker = new SchemaTracker(SourceDialect.mariaDb("utf8mb4"));
        tracker.seedDatabase("src", "latin1");
        String show = "CREATE TABLE `t` (\n  `id` int(11) NOT NULL,\n  `v` varchar(10) DEFAULT 'x',\n"
                + "  `g` int(11) GENERATED ALWAYS AS (`id` + 1) VIRTUAL,\n  PRIMARY KEY (`id`),\n  UNIQUE KEY `uv` (`v`)\n"
                + ") ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_general_ci";
        List<ColumnInfo> columns = List.of(new ColumnInfo("id", "int", "int(11)", false, false, null),
                new ColumnInfo("v", "varchar", "varchar(10)", true, false, "ascii"),
                new ColumnInfo("g", "int", "int(11)", true, true, null));
        tracker.seed(new TableInfo(T, show, columns, List.of("id")));
        TableInfo found = tracker.find(T).orElseThrow();
        assertThat(found.columns()).isEqualTo(columns);
        assertThat(found.chunkKey()).containsExactly("id");
        assertThat(tracker.keys(T).orElseThrow().uniqueKeys()).extracting(TableKeys.UniqueKey::name)
                .containsExactly("PRIMARY", "uv");
        // The table's own default (ascii), not the database's, applies to columns added later.
        tracker.apply("src", "ALTER TABLE t ADD COLUMN w VARCHAR(3)", AT);
        assertThat(tracker.find(T).orElseThrow().columns().get(3).charset()).isEqualTo("ascii");
        assertThat(found.createTableSql()).contains("`g` int(11) GENERATED ALWAYS AS (`id` + 1) VIRTUAL")
                .contains("DEFAULT 'x'").contains("UNIQUE KEY `uv` (`v`)").contains("DEFAULT CHARSET=ascii");
    }

    @Test
    void seedingWithoutAReadableCreateStatementKeepsTheChunkKeyAsAUniqueKey() {
        SchemaTracker tracker = tracker();
        List<ColumnInfo> columns = List.of(new ColumnInfo("id", "int", "int(11)", false, false, null),
                new ColumnInfo("ip", "inet6", "inet6", true, false, null));
        tracker.seed(new TableInfo(T, "CREATE TABLE t (id INT NOT NULL, ip INET6, PRIMARY KEY (id))", columns,
                List.of("id")));
        assertThat(tracker.find(T).orElseThrow().columns()).isEqualTo(columns);
        assertThat(tracker.find(T).orElseThrow().chunkKey()).containsExactly("id");
        assertThat(tracker.keys(T).orElseThrow().uniqueKeys()).extracting(TableKeys.UniqueKey::columns)
                .containsExactly(List.of("id"));
    }

    @Test
    void dropDatabaseDropsItsTablesAndItsCharset() {
        SchemaTracker tracker = tracker("CREATE DATABASE d CHARACTER SET latin1", "CREATE TABLE d.a (x VARCHAR(1))",
                "CREATE TABLE d.b (x INT)", "CREATE TABLE t (x INT)");
        assertThat(tracker.find(TableId.of("d", "a")).orElseThrow().columns().get(0).charset()).isEqualTo("latin1");
        tracker.apply("src", "DROP DATABASE d", AT);
        assertThat(tracker.tables()).containsExactly(T);
        tracker.apply("src", "CREATE DATABASE d", AT);
        tracker.apply("src", "CREATE TABLE d.a (x VARCHAR(1))", AT);
        assertThat(tracker.find(TableId.of("d", "a")).orElseThrow().columns().get(0).charset()).isEqualTo("utf8mb4");
    }

    @Test
    void snapshotRestoresTablesDatabasesAndDialect() {
        SchemaTracker tracker = new SchemaTracker(SourceDialect.mysql8("latin1"));
        tracker.apply("src", "CREATE DATABASE d CHARACTER SET ascii", AT);
        tracker.apply("src", "CREATE TABLE d.t (id INT PRIMARY KEY, v VARCHAR(5) COMMENT 'c', KEY k (v) INVISIBLE)", AT);
        SchemaTracker restored = SchemaTracker.fromJson(tracker.toJson());
        assertThat(restored.dialect()).isEqualTo(SourceDialect.mysql8("latin1"));
        assertThat(restored.find(TableId.of("d", "t"))).isEqualTo(tracker.find(TableId.of("d", "t")));
        restored.apply("src", "CREATE TABLE d.u (v VARCHAR(5))", AT);
        assertThat(restored.find(TableId.of("d", "u")).orElseThrow().columns().get(0).charset()).isEqualTo("ascii");
    }

    @Test
    void unreadableSnapshotIsAMetaError() {
        assertThatThrownBy(() -> SchemaTracker.fromJson("{not json")).isInstanceOfSatisfying(GodwitException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.META_SCHEMA_UNREADABLE));
        String future = tracker().toJson().replace("\"version\":1", "\"version\":99");
        assertThatThrownBy(() -> SchemaTracker.fromJson(future)).isInstanceOfSatisfying(GodwitException.class,
                e -> assertThat(e.getMessage()).contains("version 99"));
    }

    @Test
    void createTableSqlRendersTheModel() {
        SchemaTracker tracker = tracker("CREATE TABLE t (id INT NOT NULL AUTO_INCREMENT, c VARCHAR(5) CHARACTER SET latin1"
                + " COLLATE latin1_bin DEFAULT 'a', ts TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,"
                + " h INT INVISIBLE, PRIMARY KEY (id), KEY k (c(3) DESC) IGNORED) DEFAULT CHARSET=utf8mb4");
        assertThat(tracker.createTableSql(T)).contains("CREATE TABLE `t` (\n"
                + "  `id` int(11) NOT NULL AUTO_INCREMENT,\n"
                + "  `c` varchar(5) CHARACTER SET latin1 COLLATE latin1_bin NULL DEFAULT 'a',\n"
                + "  `ts` timestamp NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,\n"
                + "  `h` int(11) NULL INVISIBLE,\n"
                + "  PRIMARY KEY (`id`),\n"
                + "  KEY `k` (`c`(3) DESC) IGNORED\n"
                + ") DEFAULT CHARSET=utf8mb4");
    }

    @Test
    void dialectFollowsTheServerVersion() {
        assertThat(SourceDialect.forServer("11.4.5-MariaDB-log", "utf8mb4")).isEqualTo(SourceDialect.mariaDb("utf8mb4"));
        assertThat(SourceDialect.forServer("8.0.36", "utf8mb4")).isEqualTo(SourceDialect.mysql8("utf8mb4"));
        assertThat(SourceDialect.forServer("8.0.18-log", "utf8mb4")).isEqualTo(SourceDialect.mysql57("utf8mb4"));
        assertThat(SourceDialect.forServer("5.7.44", "latin1")).isEqualTo(SourceDialect.mysql57("latin1"));
        assertThat(SourceDialect.forServer("8.4.0", "utf8")).isEqualTo(SourceDialect.mysql8("utf8mb3"));
    }
}
