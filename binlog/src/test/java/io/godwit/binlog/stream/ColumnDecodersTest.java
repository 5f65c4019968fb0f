package io.godwit.binlog.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import io.godwit.core.db.ServerFlavor;
import io.godwit.core.model.ColumnInfo;
import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ColumnDecodersTest {

    @ParameterizedTest(name = "{0} {1} from {2}")
    @CsvSource({
            "tinyint,   tinyint(3) unsigned,    -1,                   255",
            "tinyint,   tinyint(4),             -1,                   -1",
            "smallint,  smallint(5) unsigned,   -2,                   65534",
            "mediumint, mediumint(8) unsigned,  -1,                   16777215",
            "int,       int(10) unsigned,       -1,                   4294967295",
            "int,       int(11),                -2147483648,          -2147483648",
            "bigint,    bigint(20) unsigned,    -1,                   18446744073709551615",
            "bigint,    bigint(20) unsigned,    9223372036854775807,  9223372036854775807",
            "bigint,    bigint(20),             -9223372036854775808, -9223372036854775808",
    })
    void integersAreCorrectedForUnsigned(String type, String columnType, long signed, String expected) throws IOException {
        Serializable raw = type.equals("bigint") ? (Serializable) signed : (Serializable) (int) signed;
        Object v = decode(new ColumnInfo("c", type, columnType, true, false, null), raw);
        assertThat(v.toString()).isEqualTo(expected);
        assertThat(v).isInstanceOf(expected.equals("18446744073709551615") ? BigInteger.class : Long.class);
    }

    @Test
    void enumAndSetMembersComeFromTheColumnType() throws IOException {
        ColumnInfo e = new ColumnInfo("e", "enum", "enum('a','it''s','x,y','back\\\\slash')", true, false, "utf8mb4");
        assertThat(ColumnDecoders.members(e.columnType())).containsExactly("a", "it's", "x,y", "back\\slash");
        assertThat(decode(e, 2)).isEqualTo("it's");
        assertThat(decode(e, 0)).as("the server's invalid-value member").isEqualTo("");
        assertThatThrownBy(() -> decode(e, 5)).isInstanceOf(IllegalArgumentException.class);
        ColumnInfo s = new ColumnInfo("s", "set", "set('r','g','b')", true, false, "utf8mb4");
        assertThat(decode(s, 0b101L)).isEqualTo("r,b");
        assertThat(decode(s, 0L)).isEqualTo("");
        assertThatThrownBy(() -> decode(s, 0b1000L)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void binaryIsPaddedToItsLengthAndTextDecodedByCharset() throws IOException {
        assertThat(decode(new ColumnInfo("b", "binary", "binary(4)", true, false, null), new byte[] {1}))
                .isEqualTo(new byte[] {1, 0, 0, 0});
        ColumnInfo latin1 = new ColumnInfo("l", "varchar", "varchar(5)", true, false, "latin1");
        assertThat(decode(latin1, new byte[] {(byte) 0xE9, (byte) 0x80})).isEqualTo("é€");
        ColumnInfo utf8 = new ColumnInfo("u", "text", "text", true, false, "utf8mb4");
        assertThat(decode(utf8, "😀".getBytes(StandardCharsets.UTF_8))).isEqualTo("😀");
        assertThatThrownBy(() -> decode(utf8, new byte[] {(byte) 0xC3})).isInstanceOf(CharacterCodingException.class);
    }

    @Test
    void decimalsTakeTheColumnScaleAndJsonDependsOnTheFlavor() throws IOException {
        ColumnInfo d = new ColumnInfo("d", "decimal", "decimal(10,3)", true, false, null);
        assertThat(decode(d, new BigDecimal("1.5"))).isEqualTo(new BigDecimal("1.500"));
        assertThatThrownBy(() -> decode(d, new BigDecimal("1.00001"))).isInstanceOf(ArithmeticException.class);
        ColumnInfo j = new ColumnInfo("j", "json", "json", true, false, null);
        // MySQL's binary JSON: literal (type 0x04) true (0x01)
        assertThat(ColumnDecoders.forColumn(j, ServerFlavor.MYSQL).decode(new byte[] {0x04, 0x01})).isEqualTo("true");
        ColumnInfo mariaJson = new ColumnInfo("j", "json", "longtext", true, false, "utf8mb4");
        assertThat(ColumnDecoders.forColumn(mariaJson, ServerFlavor.MARIADB).decode("{\"a\":1}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("{\"a\":1}");
    }

    @Test
    void unknownTypesAndCharsetsAreRefusedUpFront() {
        assertThatThrownBy(() -> ColumnDecoders.forColumn(new ColumnInfo("u", "inet6", "inet6", true, false, null),
                ServerFlavor.MARIADB)).hasMessageContaining("inet6");
        assertThatThrownBy(() -> ColumnDecoders.forColumn(new ColumnInfo("s", "varchar", "varchar(3)", true, false, "swe7"),
                ServerFlavor.MARIADB)).hasMessageContaining("swe7");
    }

    @ParameterizedTest(name = "{0} vs {1}: {2}")
    @CsvSource({
            "int,      LONG,        true",
            "int,      LONGLONG,    false",
            "bigint,   LONG,        false",
            "datetime, DATETIME_V2, true",
            "datetime, TIMESTAMP_V2, false",
            "varchar,  VARCHAR,     true",
            "enum,     STRING,      true",
            "varchar,  LONG,        false",
    })
    void binlogTypesMustFitTheTrackedType(String dataType, ColumnType binlogType, boolean fits) {
        assertThat(ColumnDecoders.fits(new ColumnInfo("c", dataType, dataType, true, false, null), binlogType)).isEqualTo(fits);
    }

    private static Object decode(ColumnInfo c, Serializable raw) throws IOException {
        return ColumnDecoders.forColumn(c, ServerFlavor.MARIADB).decode(raw);
    }
}
