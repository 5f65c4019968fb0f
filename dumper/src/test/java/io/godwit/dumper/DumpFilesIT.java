package io.godwit.dumper;

import static io.godwit.dumper.ItSupport.config;
import static org.assertj.core.api.Assertions.assertThat;

import io.godwit.core.db.Databases;
import io.godwit.core.db.Endpoint;
import io.godwit.core.model.TableId;
import io.godwit.core.testkit.DbEndpoint;
import io.godwit.core.testkit.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** task-mode dump: dumpling's files, which load back into an identical copy. */
class DumpFilesIT {
    private static final DbEndpoint SOURCE = TestDatabases.source1();
    private static final DbEndpoint TARGET = TestDatabases.target();

    @TempDir
    Path dir;

    @Test
    void writesDumplingsLayoutWhoseStatementsReproduceTheTables() throws Exception {
        String db = TestDatabases.schema(getClass(), "files");
        SOURCE.execute("CREATE DATABASE " + db, "USE " + db,
                "CREATE TABLE orders (id INT PRIMARY KEY, who VARCHAR(40), amount DECIMAL(12,2), at DATETIME(6),"
                        + " note TEXT, raw BLOB)",
                "INSERT INTO orders SELECT seq, CONCAT('cust ''', seq, '\\\\ 😀'), seq * 1.25,"
                        + " '2024-01-01' + INTERVAL seq SECOND, IF(seq % 7 = 0, NULL, REPEAT('n\\n', seq % 50)),"
                        + " UNHEX(LPAD(HEX(seq), 8, '0')) FROM seq_1_to_5000",
                "CREATE TABLE `odd.name-schema` (k VARCHAR(10) PRIMARY KEY, v INT, g INT AS (v * 2) VIRTUAL)",
                "INSERT INTO `odd.name-schema` (k, v) VALUES ('a', 1), ('b''', 2), ('c\\\\', NULL)",
                "CREATE TABLE empty_one (id INT PRIMARY KEY)",
                "CREATE TABLE heap (a INT, b VARCHAR(5))",
                "INSERT INTO heap SELECT seq % 3, 'x' FROM seq_1_to_10");

        DumpFileWriter.Summary summary;
        try (SnapshotDumper d = SnapshotDumper.open(DumpOptions.of(config(SOURCE), "files-dump", 3, Consistency.AUTO))) {
            summary = new DumpFileWriter(dir, 64 * 1024).dumpAll(d, id -> id.schema().equals(db), 1000);
            assertThat(summary.point()).isEqualTo(d.consistentPoint());
        }
        assertThat(summary.tables()).isEqualTo(4);
        assertThat(summary.rows()).isEqualTo(5000 + 3 + 10);
        assertThat(summary.dataFiles()).isEqualTo(5 + 1 + 1);

        List<String> names;
        try (Stream<Path> files = Files.list(dir)) {
            names = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(names).containsExactlyInAnyOrder("metadata", db + "-schema-create.sql",
                db + ".orders-schema.sql", db + ".orders.000000000.sql", db + ".orders.000000001.sql",
                db + ".orders.000000002.sql", db + ".orders.000000003.sql", db + ".orders.000000004.sql",
                db + ".odd%2Ename%2Dschema-schema.sql", db + ".odd%2Ename%2Dschema.000000000.sql",
                db + ".empty_one-schema.sql", db + ".heap-schema.sql", db + ".heap.000000000.sql");

        String metadata = Files.readString(dir.resolve("metadata"));
        assertThat(metadata).startsWith("Started dump at: ").contains("SHOW MASTER STATUS:\n\tLog: mysql-bin.")
                .contains("Finished dump at: ");
        assertThat(DumpFileWriter.readMetadata(dir)).isEqualTo(summary.point());

        String first = Files.readString(dir.resolve(db + ".orders.000000000.sql"));
        assertThat(first).startsWith("/*!40101 SET NAMES binary*/;\nINSERT INTO `orders` VALUES\n(1,'cust \\'1\\\\ 😀',")
                .endsWith(");\n");
        assertThat(first.split("INSERT INTO", -1).length - 1).as("statements of ~64 KiB").isGreaterThan(1);
        assertThat(Files.readString(dir.resolve(db + ".odd%2Ename%2Dschema.000000000.sql")))
                .contains("INSERT INTO `odd.name-schema` (`k`,`v`) VALUES\n");
        assertThat(Files.readString(dir.resolve(db + ".orders-schema.sql")))
                .startsWith("/*!40101 SET NAMES binary*/;\nCREATE TABLE `orders` (").endsWith(";\n");

        load(db);
        for (String table : List.of("orders", "odd.name-schema", "empty_one", "heap")) {
            String checksum = "SELECT COUNT(*), IFNULL(SUM(CRC32(CONCAT_WS('|', " + columnsHex(db, table) + "))), 0)"
                    + " FROM " + TableId.of(db, table).quoted();
            try (Connection s = ItSupport.utc(SOURCE); Connection t = ItSupport.utc(TARGET)) {
                assertThat(ItSupport.rows(t, checksum)).as(table).isEqualTo(ItSupport.rows(s, checksum));
            }
        }
    }

    /** Runs the files against the target as a loader would: schemas first, then every data file. */
    private void load(String db) throws Exception {
        try (Connection c = Databases.connect(config(TARGET), Endpoint.TARGET); Statement s = c.createStatement()) {
            execute(s, dir.resolve(db + "-schema-create.sql"));
            s.execute("USE " + db);
            List<Path> files;
            try (Stream<Path> all = Files.list(dir)) {
                files = all.sorted().toList();
            }
            for (Path p : files) {
                if (p.getFileName().toString().endsWith("-schema.sql")) {
                    execute(s, p);
                }
            }
            for (Path p : files) {
                String name = p.getFileName().toString();
                if (name.endsWith(".sql") && !name.contains("-schema")) {
                    execute(s, p);
                }
            }
        }
    }

    /** Statements end with ";" at the end of a line: literals never hold a raw newline. */
    private static void execute(Statement s, Path file) throws Exception {
        for (String sql : Files.readString(file, StandardCharsets.UTF_8).split(";\n")) {
            if (!sql.isBlank()) {
                s.execute(sql);
            }
        }
    }

    private static String columnsHex(String db, String table) throws Exception {
        try (Connection c = SOURCE.connect()) {
            return ItSupport.rows(c, "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '" + db
                            + "' AND TABLE_NAME = '" + table + "' ORDER BY ORDINAL_POSITION").stream()
                    .map(r -> "IFNULL(HEX(" + TableId.quote(r.get(0)) + "), '~')").collect(Collectors.joining(","));
        }
    }
}
