package io.godwit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.godwit.core.testkit.DbEndpoint;
import io.godwit.core.testkit.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A DM task file with two sources, several schemas, sharded tables merged by routes, a table of
 * every type, a table of 1M rows and a keyless table: after `godwit standalone`, `godwit check-data`
 * finds source and target equal.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FullMigrationIT {
    private final String p = "e2e" + Long.toString(System.nanoTime() % 1_000_000, 36) + "_";
    private DbEndpoint s1;
    private DbEndpoint s2;
    private DbEndpoint target;
    private long loadStatementsDuringRun;
    private Path dir;
    private Path task;
    private Path source1;
    private Path source2;

    @BeforeAll
    void createSourcesAndRunTheTask() throws Exception {
        TestDatabases.startAll();
        s1 = TestDatabases.source1();
        s2 = TestDatabases.source2();
        target = TestDatabases.target();
        SampleData.allTypes(s1, p + "shop");
        s1.execute("CREATE TABLE `" + p + "shop`.keyless (a INT, b VARCHAR(20))",
                "INSERT INTO `" + p + "shop`.keyless VALUES (1, 'x'), (1, 'x'), (2, NULL), (NULL, NULL)",
                "CREATE TABLE `" + p + "shop`.composite (region VARCHAR(20) NOT NULL, id INT NOT NULL,"
                        + " v DECIMAL(10,2), PRIMARY KEY (region, id))");
        SampleData.sbtest(s1, p + "big", "sbtest1", 1_000_000);
        s1.execute("INSERT INTO `" + p + "shop`.composite SELECT CONCAT('r', id % 7), id, id / 3"
                + " FROM `" + p + "big`.sbtest1 WHERE id <= 30000");
        for (String[] shard : new String[][] {{"1", "01"}, {"1", "02"}}) {
            orders(s1, p + "shard_" + shard[0], "orders_" + shard[1], Integer.parseInt(shard[1]));
        }
        for (String[] shard : new String[][] {{"2", "03"}, {"2", "04"}}) {
            orders(s2, p + "shard_" + shard[0], "orders_" + shard[1], Integer.parseInt(shard[1]));
        }
        s2.execute("CREATE DATABASE `" + p + "other`",
                "CREATE TABLE `" + p + "other`.notes (id BIGINT UNSIGNED PRIMARY KEY, body TEXT)",
                "INSERT INTO `" + p + "other`.notes VALUES (1, 'one'), (18446744073709551615, 'max')",
                "CREATE DATABASE `excluded_" + p + "`",
                "CREATE TABLE `excluded_" + p + "`.t (id INT PRIMARY KEY)",
                "INSERT INTO `excluded_" + p + "`.t VALUES (1)");

        dir = Files.createTempDirectory("godwit-e2e-full");
        source1 = TaskFiles.source(dir, "mysql-01", s1);
        source2 = TaskFiles.source(dir, "mysql-02", s2);
        task = TaskFiles.write(dir, "task.yaml", ""
                + "name: \"" + p + "full\"\n"
                + "task-mode: full\n"
                + "meta-schema: \"dm_meta\"\n"
                + TaskFiles.target(target)
                + "mysql-instances:\n"
                + "  - source-id: \"mysql-01\"\n"
                + "    block-allow-list: \"only-test\"\n"
                + "    route-rules: [\"shard-schema\", \"shard-orders\"]\n"
                + "    mydumper-config-name: \"dump\"\n"
                + "    loader-config-name: \"load\"\n"
                + "  - source-id: \"mysql-02\"\n"
                + "    block-allow-list: \"only-test\"\n"
                + "    route-rules: [\"shard-schema\", \"shard-orders\"]\n"
                + "    mydumper-config-name: \"dump\"\n"
                + "    loader-config-name: \"load\"\n"
                + "block-allow-list:\n"
                + "  only-test:\n"
                + "    do-dbs: [\"" + p + "*\"]\n"
                + "routes:\n"
                + "  shard-schema:\n"
                + "    schema-pattern: \"" + p + "shard_*\"\n"
                + "    target-schema: \"" + p + "merged\"\n"
                + "  shard-orders:\n"
                + "    schema-pattern: \"" + p + "shard_*\"\n"
                + "    table-pattern: \"orders_*\"\n"
                + "    target-schema: \"" + p + "merged\"\n"
                + "    target-table: \"orders\"\n"
                + "    extract-table:\n"
                + "      table-regexp: \"orders_(.*)\"\n"
                + "      target-column: \"c_table\"\n"
                + "    extract-source:\n"
                + "      source-regexp: \"(.*)\"\n"
                + "      target-column: \"c_source\"\n"
                + "mydumpers:\n"
                + "  dump:\n"
                + "    threads: 4\n"
                + "    rows: 100000\n"
                + "loaders:\n"
                + "  load:\n"
                + "    pool-size: 4\n");

        long loadsBefore = loadStatements(target);
        GodwitProcess.Result run = GodwitProcess.run(600, "standalone", "--source", source1.toString(),
                "--source", source2.toString(), "--task", task.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        loadStatementsDuringRun = loadStatements(target) - loadsBefore;
    }

    /** LOAD DATA statements the server has run: the chunks of this run take the LOAD DATA LOCAL path. */
    private static long loadStatements(DbEndpoint db) throws Exception {
        return Long.parseLong(single(db, "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'COM_LOAD'"));
    }

    @Test
    void chunksWentAsLoadDataLocal() {
        // 4 order shards + big (10 chunks) + composite + keyless + all_types + ... : at least one per table, other tests load too
        assertThat(loadStatementsDuringRun).isGreaterThanOrEqualTo(14);
    }

    private static void orders(DbEndpoint db, String schema, String table, int shard) {
        db.execute("CREATE DATABASE IF NOT EXISTS `" + schema + "`",
                "CREATE TABLE `" + schema + "`.`" + table + "` (id BIGINT PRIMARY KEY, customer VARCHAR(40) NOT NULL,"
                        + " amount DECIMAL(12,2) NOT NULL, created DATETIME(3) NOT NULL)");
        StringBuilder values = new StringBuilder();
        for (int i = 1; i <= 500; i++) {
            long id = shard * 1_000_000L + i;
            values.append(values.length() == 0 ? "" : ",").append("(").append(id).append(", 'cust-").append(i % 37)
                    .append("', ").append(i * 3).append(".25, '2024-01-").append(1 + i % 28).append(" 10:00:00.123')");
        }
        db.execute("INSERT INTO `" + schema + "`.`" + table + "` VALUES " + values);
    }

    @Test
    void checkDataReportsEqual() throws Exception {
        GodwitProcess.Result check = GodwitProcess.run(300, "check-data", "--source", source1.toString(),
                "--source", source2.toString(), "--task", task.toString());
        assertThat(check.exitCode()).as(check.toString()).isZero();
    }

    @Test
    void shardsAreMergedWithExtractedColumns() throws Exception {
        assertThat(count("SELECT COUNT(*) FROM `" + p + "merged`.orders")).isEqualTo(2000);
        assertThat(count("SELECT COUNT(*) FROM `" + p + "merged`.orders WHERE c_source = 'mysql-02' AND c_table = '03'"))
                .isEqualTo(500);
        assertThat(count("SELECT COUNT(*) FROM `" + p + "merged`.orders WHERE c_source = 'mysql-01' AND c_table = '02'"
                + " AND id BETWEEN 2000001 AND 2000500")).isEqualTo(500);
    }

    @Test
    void bigTableAndKeylessTableArriveWhole() throws Exception {
        assertThat(count("SELECT COUNT(*) FROM `" + p + "big`.sbtest1")).isEqualTo(1_000_000);
        assertThat(count("SELECT COUNT(*) FROM `" + p + "shop`.keyless")).isEqualTo(4);
        assertThat(count("SELECT COUNT(*) FROM `" + p + "shop`.keyless WHERE a = 1 AND b = 'x'")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM `" + p + "shop`.composite")).isEqualTo(30_000);
    }

    @Test
    void everyTypeArrivesExactly() throws Exception {
        String[] exprs = {"HEX(ti)", "HEX(tiu)", "HEX(si)", "siu", "mi", "miu", "i", "iu", "bi", "biu", "dec65",
                "HEX(CAST(f AS BINARY))", "f = f", "CAST(d AS CHAR)", "b1 + 0", "b64 + 0", "dt", "dtm",
                "CAST(ts AS CHAR)", "tm", "y", "c", "HEX(vc)", "HEX(tx)", "HEX(lat)", "HEX(bn)", "HEX(vb)",
                "MD5(bl)", "LENGTH(bl)", "e", "st", "HEX(j)", "gv", "gs"};
        for (String e : exprs) {
            String q = "SELECT GROUP_CONCAT(COALESCE(" + e + ", 'NULL') ORDER BY id SEPARATOR '|') FROM `" + p + "shop`.all_types";
            assertThat(single(target, q)).as(e).isEqualTo(single(s1, q));
        }
        assertThat(count("SELECT COUNT(*) FROM `" + p + "shop`.all_types")).isEqualTo(4);
    }

    @Test
    void unlistedSchemasAreNotMigrated() throws Exception {
        assertThat(count("SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = 'excluded_" + p + "'"))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE '" + p + "shard%'"))
                .as("sharded schemas are routed, not copied").isZero();
    }

    @Test
    void checkDataFindsAChangedRow() throws Exception {
        String other = "`" + p + "other`.notes";
        target.execute("UPDATE " + other + " SET body = 'changed' WHERE id = 1");
        try {
            GodwitProcess.Result check = GodwitProcess.run(300, "check-data", "--source", source1.toString(),
                    "--source", source2.toString(), "--task", task.toString());
            assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
            assertThat(check.stdout()).contains(p + "other.notes");
        } finally {
            target.execute("UPDATE " + other + " SET body = 'one' WHERE id = 1");
        }
    }

    private long count(String sql) throws Exception {
        return Long.parseLong(single(target, sql));
    }

    private static String single(DbEndpoint db, String sql) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("SET SESSION group_concat_max_len = 1073741824");
            try (ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
