package io.godwit.binlog.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Storage formats encoded the way the server does ({@code my_time_packed_to_binary} and friends in
 * MySQL's {@code my_time.cc}), decoded by {@link ExactCells}.
 */
class ExactCellsTest {

    @ParameterizedTest(name = "TIME({4}) {5}")
    @CsvSource({
            // negative, hours, minutes, seconds, fsp, micros, text
            "false, 838, 59, 59, 6, 0,      838:59:59.000000",
            "true,  838, 59, 59, 6, 0,      -838:59:59.000000",
            "true,  0,   0,  0,  6, 1,      -00:00:00.000001",
            "true,  0,   0,  0,  1, 500000, -00:00:00.5",
            "true,  12,  0,  0,  2, 10000,  -12:00:00.01",
            "true,  0,   0,  0,  3, 500000, -00:00:00.500",
            "true,  1,   2,  3,  4, 999900, -01:02:03.9999",
            "false, 123, 0,  0,  5, 10,     123:00:00.00001",
            "true,  12,  34, 56, 0, 0,      -12:34:56",
            "false, 0,   0,  0,  0, 0,      00:00:00",
    })
    void timeV2(boolean negative, int h, int m, int s, int fsp, int micros, String text) throws IOException {
        long packed = (((long) h << 12 | (long) m << 6 | s) << 24) + micros;
        if (negative) {
            packed = -packed;
        }
        assertThat(read(ColumnType.TIME_V2, fsp, timeV2Bytes(packed, fsp))).isEqualTo(text);
    }

    @Test
    void datetimeV2WithFractionsAndZeroParts() throws IOException {
        assertThat(read(ColumnType.DATETIME_V2, 6, datetimeV2Bytes(9999, 12, 31, 23, 59, 59, 999_999, 6)))
                .isEqualTo(LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000));
        assertThat(read(ColumnType.DATETIME_V2, 2, datetimeV2Bytes(2020, 1, 1, 0, 0, 0, 990_000, 2)))
                .isEqualTo(LocalDateTime.of(2020, 1, 1, 0, 0, 0, 990_000_000));
        assertThat(read(ColumnType.DATETIME_V2, 3, datetimeV2Bytes(2020, 0, 15, 1, 2, 3, 4_000, 3)))
                .isEqualTo("2020-00-15 01:02:03.004");
        assertThat(read(ColumnType.DATETIME_V2, 0, datetimeV2Bytes(2021, 2, 31, 0, 0, 0, 0, 0)))
                .isEqualTo("2021-02-31 00:00:00");
        assertThat(read(ColumnType.DATETIME_V2, 6, datetimeV2Bytes(0, 0, 0, 0, 0, 0, 0, 6)))
                .isEqualTo("0000-00-00 00:00:00.000000");
    }

    @Test
    void timestampIsUtcWallTimeAndZeroIsText() throws IOException {
        assertThat(read(ColumnType.TIMESTAMP_V2, 6, new byte[] {0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F, 0x42, 0x3F}))
                .isEqualTo(LocalDateTime.of(2038, 1, 19, 3, 14, 7, 999_999_000));
        assertThat(read(ColumnType.TIMESTAMP_V2, 3, new byte[] {0, 0, 0, 0, 0, 0})).isEqualTo("0000-00-00 00:00:00.000");
        assertThat(read(ColumnType.TIMESTAMP, 0, new byte[] {1, 0, 0, 0})).isEqualTo(LocalDateTime.of(1970, 1, 1, 0, 0, 1));
    }

    @Test
    void dateKeepsZeroAndInvalidDatesAsText() throws IOException {
        assertThat(read(ColumnType.DATE, 0, dateBytes(9999, 12, 31))).isEqualTo(LocalDate.of(9999, 12, 31));
        assertThat(read(ColumnType.DATE, 0, dateBytes(0, 0, 0))).isEqualTo("0000-00-00");
        assertThat(read(ColumnType.DATE, 0, dateBytes(2020, 2, 30))).isEqualTo("2020-02-30");
    }

    @Test
    void formatsBeforeMySql564() throws IOException {
        // TIME: signed 3-byte HHMMSS; DATETIME: 8-byte YYYYMMDDhhmmss; both little-endian.
        int time = -(83 * 10000 + 4 * 100 + 5);
        assertThat(read(ColumnType.TIME, 0, new byte[] {(byte) time, (byte) (time >> 8), (byte) (time >> 16)}))
                .isEqualTo("-83:04:05");
        long dt = 20200115101112L;
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (dt >> (8 * i));
        }
        assertThat(read(ColumnType.DATETIME, 0, b)).isEqualTo(LocalDateTime.of(2020, 1, 15, 10, 11, 12));
    }

    @Test
    void yearZeroAndBitBytes() throws IOException {
        assertThat(read(ColumnType.YEAR, 0, new byte[] {0})).isEqualTo(0L);
        assertThat(read(ColumnType.YEAR, 0, new byte[] {(byte) 255})).isEqualTo(2155L);
        // BIT(10): metadata bytes=1, bits=2 -> two bytes, big-endian as stored
        assertThat(read(ColumnType.BIT, (1 << 8) | 2, new byte[] {0x02, 0x01})).isEqualTo(new byte[] {0x02, 0x01});
    }

    private static Serializable read(ColumnType type, int meta, byte[] bytes) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        Serializable v = ExactCells.read(type, meta, in);
        assertThat(in.available()).as("all bytes of the cell read").isZero();
        return v;
    }

    /** MySQL's my_time_packed_to_binary. */
    private static byte[] timeV2Bytes(long packed, int fsp) {
        long intPart = packed >> 24;
        long frac = packed % (1L << 24); // C remainder: the dividend's sign
        return switch (fsp) {
            case 1, 2 -> concat(be(0x800000L + intPart, 3), be((byte) (frac / 10000), 1));
            case 3, 4 -> concat(be(0x800000L + intPart, 3), be(frac / 100, 2));
            case 5, 6 -> be(packed + 0x800000000000L, 6);
            default -> be(0x800000L + intPart, 3);
        };
    }

    /** MySQL's my_datetime_packed_to_binary for non-negative values. */
    private static byte[] datetimeV2Bytes(int y, int mo, int d, int h, int mi, int s, int micros, int fsp) {
        long ymd = ((long) (y * 13 + mo) << 5) | d;
        long hms = ((long) h << 12) | ((long) mi << 6) | s;
        long intPart = (ymd << 17) | hms;
        byte[] head = be(intPart + 0x8000000000L, 5);
        return switch (fsp) {
            case 1, 2 -> concat(head, be(micros / 10000, 1));
            case 3, 4 -> concat(head, be(micros / 100, 2));
            case 5, 6 -> concat(head, be(micros, 3));
            default -> head;
        };
    }

    private static byte[] dateBytes(int y, int m, int d) {
        int v = (y << 9) | (m << 5) | d;
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16)};
    }

    private static byte[] be(long v, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[n - 1 - i] = (byte) (v >> (8 * i));
        }
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
