package io.godwit.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InsertValuesReaderTest {

    @Test
    void readsDumplingStyleStatements() throws IOException {
        String sql = "/*!40101 SET NAMES binary*/;\n"
                + "INSERT INTO `t` VALUES\n(1,'a'),\n(2,'b');\n"
                + "INSERT INTO `t` VALUES\n(3,'c');\n";
        assertThat(rows(sql)).containsExactly("1,'a'", "2,'b'", "3,'c'");
    }

    @Test
    void keepsNastyLiteralsExactly() throws IOException {
        List<String> expected = List.of(
                "1,'it''s'",
                "2,'it\\'s'",
                "3,'back\\\\'",                       // a string ending in an escaped backslash
                "4,'),(','((',')'",
                "5,\"dq ' ), ( \\\" x\"",
                "6,0x00FF,x'00ff',X'',b'0101',0b11,_binary'\\0\\Z'",
                "7,NULL,-1.5e-3,'line1\nline2\r\n'",
                "8,'ünïcödé 😀 中文'",
                "9,ST_GeomFromText('POINT(1 2)'),CONCAT('a',(1+2))",
                "10,'-- not a comment','/* nor this */','#nor this'");
        String sql = "INSERT INTO `t` VALUES " + String.join(",\n", expected.stream().map(r -> "(" + r + ")").toList()) + ";";
        assertThat(rows(sql)).containsExactlyElementsOf(expected);
    }

    @Test
    void skipsCommentsBetweenTuplesAndStatements() throws IOException {
        String sql = "-- header\n# another\n/* block */ INSERT /* x */ IGNORE INTO db.`t` VALUES (1) /* c */ ,\n"
                + "-- line between\n(2)\n;\n; SET FOREIGN_KEY_CHECKS=0;\n/*!40014 SET UNIQUE_CHECKS=0 */;\nREPLACE INTO t VALUES (3)";
        assertThat(rows(sql)).containsExactly("1", "2", "3");
    }

    @Test
    void keepsCommentsInsideATupleVerbatimAndClosedByANewline() throws IOException {
        assertThat(rows("INSERT INTO t VALUES (1, /* a ) */ 2 -- b )\n),(3)"))
                .containsExactly("1, /* a ) */ 2 -- b )\n", "3");
    }

    @Test
    void reportsTheNamedColumns() throws IOException {
        try (InsertValuesReader r = new InsertValuesReader(new StringReader(
                "INSERT INTO `t` (`a`,`b``c`, d) VALUES (1,2,3);INSERT INTO `t` (`a`,`b``c`,d) VALUES (4,5,6);"), "f.sql")) {
            assertThat(r.columns()).isNull();
            assertThat(r.next()).isEqualTo("1,2,3");
            assertThat(r.columns()).containsExactly("a", "b`c", "d");
            assertThat(r.next()).isEqualTo("4,5,6");
            assertThat(r.next()).isNull();
        }
    }

    @Test
    void rejectsWhatItCannotReadWithFileAndPosition() {
        assertError("INSERT INTO t (a) VALUES (1); INSERT INTO t (b) VALUES (2);", "different columns");
        assertError("INSERT INTO t VALUES (1,'abc", "unterminated ' quote");
        assertError("INSERT INTO t VALUES (1,2", "unterminated row");
        assertError("DELETE FROM t;", "unexpected statement 'DELETE'");
        assertError("INSERT INTO t VALUES (1) (2);", "expected ',' or ';'");
        assertError("INSERT INTO t VALUES 1;", "expected '('");
        assertError("/*!40101 DROP TABLE t*/;", "only SET");
    }

    @Test
    void streamsAcrossBufferBoundaries() throws IOException {
        Random rnd = new Random(42);
        String alphabet = "ab'\\\"(),`-#/*\n ü😀";
        List<String> expected = new ArrayList<>();
        StringBuilder sql = new StringBuilder("INSERT INTO t VALUES ");
        for (int i = 0; i < 3000; i++) {
            StringBuilder s = new StringBuilder();
            int len = i % 100 == 0 ? 70_000 : rnd.nextInt(60);
            for (int k = 0; k < len; k++) {
                char c = alphabet.charAt(rnd.nextInt(alphabet.length()));
                if (c == '\'' || c == '\\') {
                    s.append('\\');
                }
                s.append(c);
            }
            String row = i + ",'" + s + "',x'0a'";
            expected.add(row);
            sql.append(i == 0 ? "" : i % 7 == 0 ? ";\nINSERT INTO t VALUES " : ",").append('(').append(row).append(')');
        }
        assertThat(rows(sql.append(';').toString())).containsExactlyElementsOf(expected);
    }

    private static void assertError(String sql, String message) {
        assertThatThrownBy(() -> rows(sql))
                .isInstanceOfSatisfying(GodwitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DUMP_FILES))
                .hasMessageContaining("f.sql").hasMessageContaining(message).hasMessageContaining("at character");
    }

    static List<String> rows(String sql) throws IOException {
        List<String> out = new ArrayList<>();
        try (InsertValuesReader r = new InsertValuesReader(new StringReader(sql), "f.sql")) {
            String row;
            while ((row = r.next()) != null) {
                out.add(row);
            }
        }
        return out;
    }
}
