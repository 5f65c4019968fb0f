package io.godwit.loader;

import io.godwit.core.config.LoaderConfig.OnDuplicate;
import static org.assertj.core.api.Assertions.assertThat;

import io.godwit.core.model.TableId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InsertBatcherTest {
    private static final TableId T = TableId.of("db", "t");

    @Test
    void packsRowsIntoStatementsNoLargerThanTheLimit() {
        List<String> columns = List.of("id", "name");
        InsertBatcher b = new InsertBatcher(LoaderStatements.insertPrefix(OnDuplicate.ERROR, T, columns), "", "", 200);
        List<String> statements = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            add(statements, b.add(i + ",'näme " + i + "'"));
        }
        add(statements, b.finish());
        assertThat(b.finish()).isNull();
        assertThat(statements).hasSizeGreaterThan(5)
                .allSatisfy(s -> assertThat(s.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(200))
                .allSatisfy(s -> assertThat(s).startsWith("INSERT INTO `db`.`t` (`id`,`name`) VALUES (").endsWith(")"));
        String all = String.join("\n", statements);
        for (int i = 0; i < 50; i++) {
            assertThat(all).contains("(" + i + ",'näme " + i + "')");
        }
        assertThat(b.rows()).isEqualTo(50);
        long literalBytes = 0;
        for (int i = 0; i < 50; i++) {
            literalBytes += (i + ",'näme " + i + "'").getBytes(StandardCharsets.UTF_8).length;
        }
        assertThat(b.rowBytes()).isEqualTo(literalBytes);
    }

    @Test
    void appendsExtractLiteralsAndTheIgnoreSuffix() {
        List<String> columns = List.of("id", "c_table", "c_source");
        InsertBatcher b = new InsertBatcher(LoaderStatements.insertPrefix(OnDuplicate.IGNORE, T, columns),
                LoaderStatements.insertSuffix(OnDuplicate.IGNORE, columns), "'orders_01','s1'", 1 << 20);
        assertThat(b.add("1")).isNull();
        assertThat(b.add("2")).isNull();
        assertThat(b.finish()).isEqualTo("INSERT INTO `db`.`t` (`id`,`c_table`,`c_source`) VALUES (1,'orders_01','s1'),"
                + "(2,'orders_01','s1') ON DUPLICATE KEY UPDATE `id` = `id`");
    }

    @Test
    void sendsAnOversizedRowAlone() {
        InsertBatcher b = new InsertBatcher("REPLACE INTO t VALUES ", "", "", 1024);
        String big = "'" + "x".repeat(5000) + "'";
        assertThat(b.add("1")).isNull();
        assertThat(b.add(big)).isEqualTo("REPLACE INTO t VALUES (1)");
        assertThat(b.add("2")).isEqualTo("REPLACE INTO t VALUES (" + big + ")");
        assertThat(b.finish()).isEqualTo("REPLACE INTO t VALUES (2)");
    }

    @Test
    void choosesTheStatementForEachOnDuplicateMode() {
        assertThat(LoaderStatements.insertPrefix(OnDuplicate.REPLACE, T, List.of("a"))).isEqualTo("REPLACE INTO `db`.`t` (`a`) VALUES ");
        assertThat(LoaderStatements.insertPrefix(OnDuplicate.ERROR, T, List.of("a"))).isEqualTo("INSERT INTO `db`.`t` (`a`) VALUES ");
        assertThat(LoaderStatements.insertPrefix(OnDuplicate.IGNORE, T, List.of())).isEqualTo("INSERT IGNORE INTO `db`.`t` VALUES ");
        assertThat(LoaderStatements.insertSuffix(OnDuplicate.REPLACE, List.of("a"))).isEmpty();
    }

    @Test
    void takesRowsAsUtf8BytesFromAnyOffset() {
        InsertBatcher text = new InsertBatcher("INSERT INTO t VALUES ", "", "'ü'", 60);
        InsertBatcher bytes = new InsertBatcher("INSERT INTO t VALUES ", "", "'ü'", 60);
        List<String> fromText = new ArrayList<>();
        List<String> fromBytes = new ArrayList<>();
        for (String row : List.of("1,'中文'", "2,'😀x'", "3,'a\\0b'", "4,''", "5,'äöü'")) {
            add(fromText, text.add(row));
            byte[] framed = ("##" + row + "#").getBytes(StandardCharsets.UTF_8);
            add(fromBytes, bytes.add(framed, 2, framed.length - 3));
        }
        add(fromText, text.finish());
        add(fromBytes, bytes.finish());
        assertThat(fromBytes).isEqualTo(fromText).hasSizeGreaterThan(1)
                .allSatisfy(s -> assertThat(s.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(60));
        assertThat(bytes.rowBytes()).isEqualTo(text.rowBytes());
        assertThat(String.join("", fromText)).contains("(2,'😀x','ü')");
    }

    private static void add(List<String> out, String statement) {
        if (statement != null) {
            out.add(statement);
        }
    }
}
