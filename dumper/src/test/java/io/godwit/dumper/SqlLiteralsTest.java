package io.godwit.dumper;

import static org.assertj.core.api.Assertions.assertThat;

import io.godwit.core.model.ColumnInfo;
import java.nio.charset.StandardCharsets;
import java.util.List;
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

    private static byte[] bytesOf(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) b[i];
        }
        return out;
    }

    /** The streaming path writes bytes; they must be the UTF-8 of exactly the text the String path writes. */
    @Test
    void writesTheSameLiteralAsBytesAsAsText() {
        List<ColumnInfo> columns = List.of(
                new ColumnInfo("c", "varchar", "varchar(50)", true, false, "utf8mb4"),
                new ColumnInfo("c", "text", "text", true, false, "utf8mb3"),
                new ColumnInfo("c", "json", "json", true, false, null),
                new ColumnInfo("c", "varchar", "varchar(5)", true, false, "latin1"),
                new ColumnInfo("c", "blob", "blob", true, false, null),
                new ColumnInfo("c", "bit", "bit(10)", true, false, null),
                new ColumnInfo("c", "int", "int(11)", true, false, null),
                new ColumnInfo("c", "datetime", "datetime(6)", true, false, null));
        List<byte[]> values = new java.util.ArrayList<>(List.of(
                new byte[0], ascii("plain"), ascii("it's \"a\" back\\slash\nnew\rline\0nul\u001Aeof"),
                "😀 'é' 𝄞\\ 中文 ☃".getBytes(StandardCharsets.UTF_8), ascii("2024-01-01 00:00:00.000000"),
                bytesOf(0x61, 0xC3), bytesOf(0xC0, 0x80), bytesOf(0xE0, 0x9F, 0xBF), bytesOf(0xED, 0xA0, 0x80),
                bytesOf(0xED, 0x9F, 0xBF), bytesOf(0xEF, 0xBF, 0xBF), bytesOf(0xF0, 0x8F, 0xBF, 0xBF),
                bytesOf(0xF0, 0x90, 0x80, 0x80), bytesOf(0xF4, 0x8F, 0xBF, 0xBF), bytesOf(0xF4, 0x90, 0x80, 0x80),
                bytesOf(0xF5, 0x80, 0x80, 0x80), bytesOf(0xE2, 0x98), bytesOf(0xE2, 0x28, 0x83), bytesOf(0x80),
                bytesOf(0xC2, 0xA0, 0x27, 0x5C, 0x00, 0xFF)));
        for (int i = 0; i < 256; i++) {
            values.add(new byte[] {(byte) i});
        }
        for (ColumnInfo column : columns) {
            ColumnCodec codec = ColumnCodec.of(column);
            for (byte[] raw : values) {
                boolean ascii = true;
                for (byte x : raw) {
                    ascii &= x >= 0;
                }
                if ((codec.kind() == ColumnCodec.Kind.NUMBER || codec.kind() == ColumnCodec.Kind.TEMPORAL) && !ascii) {
                    continue; // the server sends numbers and temporal values as ASCII text
                }
                StringBuilder text = new StringBuilder();
                codec.appendValue(text, raw, SqlLiterals.strictUtf8());
                SqlBuffer bytes = new SqlBuffer(1);
                bytes.putAscii("x");
                codec.appendValue(bytes, raw);
                assertThat(new String(bytes.array(), 1, bytes.length() - 1, StandardCharsets.UTF_8))
                        .as(column.columnType() + " " + java.util.HexFormat.of().formatHex(raw))
                        .isEqualTo(text.toString());
                assertThat(java.util.Arrays.copyOfRange(bytes.array(), 1, bytes.length()))
                        .isEqualTo(text.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        assertThat(ColumnCodec.of(columns.get(0)).kind()).isEqualTo(ColumnCodec.Kind.UTF8_TEXT);
    }

    @Test
    void acceptsExactlyTheUtf8TheStrictDecoderAccepts() throws Exception {
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 200_000; i++) {
            byte[] raw = new byte[1 + random.nextInt(4)];
            random.nextBytes(raw);
            raw[0] |= (byte) 0x80;
            boolean strict;
            try {
                SqlLiterals.strictUtf8().decode(java.nio.ByteBuffer.wrap(raw));
                strict = true;
            } catch (java.nio.charset.CharacterCodingException e) {
                strict = false;
            }
            assertThat(SqlLiterals.appendQuotedUtf8(new SqlBuffer(4), raw)).as(java.util.HexFormat.of().formatHex(raw))
                    .isEqualTo(strict);
        }
    }
}
