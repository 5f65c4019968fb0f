package io.godwit.dumper;

import static org.assertj.core.api.Assertions.assertThat;

import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.ColumnInfo;
import io.godwit.core.model.TableId;
import io.godwit.core.model.TableInfo;
import java.io.StringWriter;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class DumpLayoutTest {
    @Test
    void namesFilesLikeDumpling() {
        TableId t = TableId.of("shop", "orders");
        assertThat(DumpLayout.schemaCreateFile("shop")).isEqualTo("shop-schema-create.sql");
        assertThat(DumpLayout.tableSchemaFile(t)).isEqualTo("shop.orders-schema.sql");
        assertThat(DumpLayout.dataFile(t, 0)).isEqualTo("shop.orders.000000000.sql");
        assertThat(DumpLayout.dataFile(t, 1234)).isEqualTo("shop.orders.000001234.sql");
    }

    @Test
    void escapesNamesLikeDumplingsFn() {
        assertThat(DumpLayout.fileNamePart("a.b")).isEqualTo("a%2Eb");
        assertThat(DumpLayout.fileNamePart("x-schema")).isEqualTo("x%2Dschema");
        assertThat(DumpLayout.fileNamePart("x-SCHEMA-y")).isEqualTo("x%2DSCHEMA-y");
        assertThat(DumpLayout.fileNamePart("p/q:r%")).isEqualTo("p%2Fq%3Ar%25");
        assertThat(DumpLayout.fileNamePart("日本-data")).isEqualTo("日本-data");
    }

    @Test
    void metadataHasDumplingsFormAndParsesBack() {
        BinlogLocation p = new BinlogLocation("mysql-bin.000003", 1234, "0-1-5,1-2-7");
        String text = DumpLayout.metadata(p, LocalDateTime.of(2024, 1, 2, 3, 4, 5), LocalDateTime.of(2024, 1, 2, 3, 4, 9));
        assertThat(text).isEqualTo("Started dump at: 2024-01-02 03:04:05\n"
                + "SHOW MASTER STATUS:\n\tLog: mysql-bin.000003\n\tPos: 1234\n\tGTID:0-1-5,1-2-7\n\n"
                + "Finished dump at: 2024-01-02 03:04:09\n");
        assertThat(DumpLayout.parsePoint(text)).isEqualTo(p);
    }

    @Test
    void parsesMultiLineMysqlGtidSetsAndIgnoresReplicaStatus() {
        String text = "Started dump at: 2024-01-02 03:04:05\n"
                + "SHOW BINARY LOG STATUS:\n\tLog: binlog.000002\n\tPos: 157\n"
                + "\tGTID:3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5,\n"
                + "6ce40be3-e359-11e9-87e0-36933cb0ca5a:1-29\n\n"
                + "SHOW SLAVE STATUS:\n\tHost: upstream\n\tLog: other.000009\n\tPos: 4\n\tGTID:\n\n"
                + "Finished dump at: 2024-01-02 03:04:09\n";
        assertThat(DumpLayout.parsePoint(text)).isEqualTo(new BinlogLocation("binlog.000002", 157,
                "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5,6ce40be3-e359-11e9-87e0-36933cb0ca5a:1-29"));
    }

    @Test
    void cutsStatementsAtTheSizeLimitButNeverBetweenARowsParentheses() throws Exception {
        StringWriter out = new StringWriter();
        InsertStatementWriter w = new InsertStatementWriter(out, "INSERT INTO `t` VALUES\n", 40, "f");
        w.accept("1,'a'");
        w.accept("2,'b'");
        w.accept("3,'" + "c".repeat(50) + "'");
        w.accept("4,NULL");
        w.finish();
        // 23 + 9 + 9 >= 40 after row 2; row 3 alone passes the limit and still completes its statement
        assertThat(out).hasToString("INSERT INTO `t` VALUES\n(1,'a'),\n(2,'b');\n"
                + "INSERT INTO `t` VALUES\n(3,'" + "c".repeat(50) + "');\n"
                + "INSERT INTO `t` VALUES\n(4,NULL);\n");
    }

    @Test
    void listsColumnsInTheInsertOnlyWhenGeneratedOnesAreLeftOut() {
        ColumnInfo a = new ColumnInfo("a", "int", "int", false, false, null);
        ColumnInfo g = new ColumnInfo("g", "int", "int", true, true, null);
        TableId id = TableId.of("d", "t");
        assertThat(DumpFileWriter.insertPrefix(new TableInfo(id, "", List.of(a), List.of())))
                .isEqualTo("INSERT INTO `t` VALUES\n");
        assertThat(DumpFileWriter.insertPrefix(new TableInfo(id, "", List.of(a, g), List.of())))
                .isEqualTo("INSERT INTO `t` (`a`) VALUES\n");
    }
}
