package io.godwit.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.TableId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DumpDirectoryTest {
    static final Path BASIC = Path.of("src/test/resources/dumps/basic");

    @Test
    void readsDumplingLayout() throws Exception {
        DumpDirectory dump = DumpDirectory.open(BASIC);
        assertThat(dump.consistentPoint()).contains(new BinlogLocation("mysql-bin.000003", 1234, "0-101-42"));
        assertThat(dump.schemas()).containsExactly(new DumpDirectory.DumpSchema("shop",
                "CREATE DATABASE `shop` /*!40100 DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci */"));
        assertThat(dump.tables()).extracting(DumpTable::id)
                .containsExactly(TableId.of("shop", "items"), TableId.of("shop", "odd.name"));
        assertThat(dump.otherFiles()).extracting(p -> p.getFileName().toString()).containsExactly("shop.v1-schema-view.sql");

        DumpTable items = dump.tables().get(0);
        assertThat(items.createTableSql()).startsWith("CREATE TABLE `items` (").endsWith("COLLATE=utf8mb4_general_ci");
        assertThat(items.chunks()).extracting(c -> c.index() + "/" + c.count() + " " + c.predicate())
                .containsExactly("0/2 file:shop.items.000000000.sql", "1/2 file:shop.items.000000001.sql");
        assertThat(items.dataColumns()).containsExactly("id", "name", "data", "price", "note");
        DumpDataFile first = items.dataFiles().get(0);
        assertThat(first.columns()).containsExactly("id", "name", "data", "price", "note");
        assertThat(rows(first)).containsExactly(
                "1,'plain',x'00ff',1.50,NULL",
                "2,'it''s',0x0000,-2.00,'line1\nline2'",
                "3,'back\\\\slash\\'q',NULL,0.00,'),(,''),(\\''",
                "4,'ünïcödé 😀',x'',NULL,'-- not a comment /* nor this */'",
                "5,'tab\\there',b'01000001',3.14,\"dq 'quoted' \\\" ok\"");

        DumpTable odd = dump.tables().get(1);
        DumpDataFile oddFile = odd.dataFiles().get(0);
        assertThat(oddFile.columns()).as("no column list: the table's data columns").containsExactly("k", "v");
        assertThat(rows(oddFile)).containsExactly("'a',1", "'b',NULL", "'c',-9223372036854775808");
    }

    @Test
    void ordersDataFilesNumericallyAndReadsGzip(@TempDir Path dir) throws Exception {
        gzip(dir.resolve("d.t-schema.sql.gz"), "/*!40101 SET NAMES binary*/;\nCREATE TABLE `t` (`a` int);");
        for (String n : List.of("10", "9", "0000000002")) {
            Files.writeString(dir.resolve("d.t." + n + ".sql"), "INSERT INTO `t` VALUES (" + n + ");");
        }
        gzip(dir.resolve("d.t.11.sql.gz"), "INSERT INTO `t` VALUES (11);");
        DumpDirectory dump = DumpDirectory.open(dir);
        assertThat(dump.tables().get(0).createTableSql()).isEqualTo("CREATE TABLE `t` (`a` int)");
        assertThat(dump.consistentPoint()).isEmpty();
        assertThat(dump.schemas()).containsExactly(new DumpDirectory.DumpSchema("d", ""));
        List<DumpDataFile> files = dump.tables().get(0).dataFiles();
        assertThat(files).extracting(f -> f.path().getFileName().toString())
                .containsExactly("d.t.0000000002.sql", "d.t.9.sql", "d.t.10.sql", "d.t.11.sql.gz");
        assertThat(rows(files.get(3))).containsExactly("11");
    }

    @Test
    void rejectsBrokenDirectories(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> DumpDirectory.open(dir.resolve("missing"))).hasMessageContaining("does not exist");
        Files.writeString(dir.resolve("d.t.000000000.sql"), "INSERT INTO t VALUES (1);");
        assertThatThrownBy(() -> DumpDirectory.open(dir))
                .isInstanceOfSatisfying(GodwitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DUMP_FILES))
                .hasMessageContaining("no d.t-schema.sql");
        Files.writeString(dir.resolve("d.t-schema.sql"), "CREATE TABLE t (a int);");
        Files.write(dir.resolve("d.t.000000001.sql"), new byte[] {'I', 'N', 'S', 'E', 'R', 'T', ' ', 'I', 'N', 'T', 'O', ' ',
                't', ' ', 'V', 'A', 'L', 'U', 'E', 'S', ' ', '(', '\'', (byte) 0xE9, '\'', ')', ';'});
        DumpDataFile latin1 = DumpDirectory.open(dir).tables().get(0).dataFiles().get(1);
        assertThatThrownBy(() -> rows(latin1)).hasMessageContaining("not valid UTF-8");
        Files.writeString(dir.resolve("d.t.000000002.csv"), "1\n");
        assertThatThrownBy(() -> DumpDirectory.open(dir)).hasMessageContaining("CSV");
        Files.delete(dir.resolve("d.t.000000002.csv"));
        Files.writeString(dir.resolve("d.t.000000003.sql.zst"), "");
        assertThatThrownBy(() -> DumpDirectory.open(dir)).hasMessageContaining("only gzip");
    }

    private static void gzip(Path file, String text) throws Exception {
        try (var out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void parsesMasterStatusBlocks() {
        List<String> mysql = List.of("Started dump at: 2024-05-01 10:00:00", "SHOW MASTER STATUS:", "\tLog: ON.000001",
                "\tPos: 7502", "\tGTID:6ce40be3-e359-11e9-87e0-36933cb0ca5a:1-29,", "7ce40be3-e359-11e9-87e0-36933cb0ca5a:1-3",
                "", "SHOW MASTER STATUS: /* AFTER CONNECTION POOL ESTABLISHED */", "\tLog: ON.000001", "\tPos: 9000",
                "\tGTID:", "", "Finished dump at: 2024-05-01 10:00:05");
        assertThat(DumpMetadata.parse(mysql, "metadata")).contains(new BinlogLocation("ON.000001", 7502,
                "6ce40be3-e359-11e9-87e0-36933cb0ca5a:1-29,7ce40be3-e359-11e9-87e0-36933cb0ca5a:1-3"));
        List<String> mysql84 = List.of("SHOW BINARY LOG STATUS:", "\tLog: binlog.000002", "\tPos: 157", "\tGTID:", "");
        assertThat(DumpMetadata.parse(mysql84, "metadata")).contains(new BinlogLocation("binlog.000002", 157, ""));
        assertThat(DumpMetadata.parse(List.of("Started dump at: x", "Finished dump at: y"), "metadata")).isEqualTo(Optional.empty());
        assertThatThrownBy(() -> DumpMetadata.parse(List.of("SHOW MASTER STATUS:", "\tLog: a", "\tPos: x1"), "metadata"))
                .hasMessageContaining("invalid binlog position");
    }

    @Test
    void unescapesDumplingFileNames() {
        assertThat(DumpDirectory.unescape("odd%2Ename")).isEqualTo("odd.name");
        assertThat(DumpDirectory.unescape("a%2Dschema%25")).isEqualTo("a-schema%");
        assertThat(DumpDirectory.unescape("100%")).isEqualTo("100%");
    }

    static List<String> rows(DumpDataFile f) throws Exception {
        List<String> out = new ArrayList<>();
        f.forEach(out::add);
        return out;
    }
}
