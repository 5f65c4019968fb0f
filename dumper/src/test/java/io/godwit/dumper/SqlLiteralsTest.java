package io.godwit.dumper;

import static org.assertj.core.api.Assertions.assertThat;

import io.godwit.core.model.ColumnInfo;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SqlLiteralsTest {
    private static String utf8(String s) {
        StringBuilder b = new StringBuilder();
        assertThat(SqlLiterals.appendQuotedUtf8(b, s.getBytes(StandardCharsets.UTF_8), SqlLiterals.strictUtf8())).isTrue();
        return b.toString();
    }

    private static String value(String dataType, String columnType, String charset, byte[] raw) {
        StringBuilder b = new StringBuilder();
        ColumnCodec.of(new ColumnInfo("c", dataType, columnType, true, false, charset))
                .appendValue(b, raw, SqlLiterals.strictUtf8());
        return b.toString();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void escapesEveryCharacterAStringLiteralCannotHoldVerbatim() {
        assertThat(SqlLiterals.quote("it's \"a\" back\\slash\nnew\rline\0nul\u001Aeof"))
                .isEqualTo("'it\\'s \\\"a\\\" back\\\\slash\\nnew\\rline\\0nul\\Zeof'");
        assertThat(utf8("plain")).isEqualTo("'plain'");
        assertThat(utf8("")).isEqualTo("''");
    }

    @Test
    void keepsFourByteCharactersAndEscapesInsideNonAscii() {
        assertThat(utf8("😀 'é' 𝄞\\")).isEqualTo("'😀 \\'é\\' 𝄞\\\\'");
    }

    @Test
    void refusesMalformedUtf8SoTheCallerCanKeepTheBytes() {
        StringBuilder b = new StringBuilder();
        assertThat(SqlLiterals.appendQuotedUtf8(b, new byte[] {'a', (byte) 0xC3}, SqlLiterals.strictUtf8())).isFalse();
        assertThat(b).isEmpty();
        assertThat(value("varchar", "varchar(5)", "utf8mb4", new byte[] {'a', (byte) 0xC3})).isEqualTo("0x61C3");
    }

    @Test
    void writesBinaryAsHexAndOtherCharsetsWithAnIntroducer() {
        assertThat(value("varbinary", "varbinary(4)", null, new byte[] {0, (byte) 0xFF, '\'', '\\'}))
                .isEqualTo("0x00FF275C");
        assertThat(value("blob", "blob", null, new byte[0])).isEqualTo("''");
        assertThat(value("varchar", "varchar(4)", "latin1", new byte[] {(byte) 0xE9, (byte) 0x80}))
                .isEqualTo("_latin1 0xE980");
        assertThat(value("char", "char(4)", "latin1", new byte[0])).isEqualTo("_latin1''");
        assertThat(value("enum", "enum('a','b')", "utf8mb4", ascii("b"))).isEqualTo("'b'");
    }

    @Test
    void writesNumbersBareAndTemporalsQuoted() {
        assertThat(value("bigint", "bigint(20) unsigned", null, ascii("18446744073709551615")))
                .isEqualTo("18446744073709551615");
        assertThat(value("decimal", "decimal(65,30)", null, ascii("-1.000000000000000000000000000001")))
                .isEqualTo("-1.000000000000000000000000000001");
        assertThat(value("year", "year(4)", null, ascii("0000"))).isEqualTo("0000");
        assertThat(value("time", "time(6)", null, ascii("-838:59:59.000000"))).isEqualTo("'-838:59:59.000000'");
        assertThat(value("datetime", "datetime", null, ascii("0000-00-00 00:00:00"))).isEqualTo("'0000-00-00 00:00:00'");
        assertThat(value("int", "int(11)", null, null)).isEqualTo("NULL");
    }

    @Test
    void writesBitsAsABitLiteral() {
        assertThat(value("bit", "bit(10)", null, new byte[] {0x02, (byte) 0xAA})).isEqualTo("b'1010101010'");
        assertThat(value("bit", "bit(1)", null, new byte[] {0})).isEqualTo("b'0'");
        assertThat(value("bit", "bit(64)", null, new byte[] {-1, -1, -1, -1, -1, -1, -1, -1}))
                .isEqualTo("b'" + "1".repeat(64) + "'");
    }

    @Test
    void selectsFloatsThroughDoubleAndBoundsEnumsByNumber() {
        ColumnCodec f = ColumnCodec.of(new ColumnInfo("f", "float", "float", true, false, null));
        assertThat(f.selectExpr()).isEqualTo("`f`+0e0");
        ColumnCodec e = ColumnCodec.of(new ColumnInfo("e", "enum", "enum('x','y')", false, false, "utf8mb4"));
        assertThat(e.selectExpr()).isEqualTo("`e`");
        assertThat(e.keySelectExpr()).isEqualTo("`e`+0");
        StringBuilder b = new StringBuilder();
        e.appendKey(b, ascii("2"), SqlLiterals.strictUtf8());
        assertThat(b).hasToString("2");
    }
}
