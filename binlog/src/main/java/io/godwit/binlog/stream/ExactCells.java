package io.godwit.binlog.stream;

import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Reads the row cells the binlog library gets wrong, from the server's storage format
 * ({@code sql/my_time.cc}, {@code log_event.cc}): the library folds temporal values into epoch
 * milliseconds, which loses negative and over-24-hour TIME values and turns zero dates into null;
 * it maps YEAR 0000 to 1900 and BIT to a little-endian BitSet. Values come out in the form of the
 * row value contract (see {@code io.godwit.core.event}):
 *
 * <ul>
 *   <li>DATE: {@link LocalDate}, or {@code YYYY-MM-DD} text when a part is zero or the date is invalid;</li>
 *   <li>DATETIME: {@link LocalDateTime}, or MySQL literal text likewise, with the column's fraction digits;</li>
 *   <li>TIMESTAMP: {@link LocalDateTime} in UTC, or {@code 0000-00-00 00:00:00[.000000]};</li>
 *   <li>TIME: always text, {@code [-]HH:MM:SS[.ffffff]} (java.time has no signed duration of day form);</li>
 *   <li>YEAR: {@link Long}; BIT: the big-endian bytes, {@code ceil(n/8)} of them.</li>
 * </ul>
 */
final class ExactCells {
    private static final long TIMEF_INT_OFS = 0x800000L;
    private static final long TIMEF_OFS = 0x800000000000L;
    private static final long DATETIMEF_INT_OFS = 0x8000000000L;

    private ExactCells() {}

    static boolean handles(ColumnType type) {
        return switch (type) {
            case DATE, TIME, TIME_V2, DATETIME, DATETIME_V2, TIMESTAMP, TIMESTAMP_V2, YEAR, BIT -> true;
            default -> false;
        };
    }

    static Serializable read(ColumnType type, int meta, ByteArrayInputStream in) throws IOException {
        return switch (type) {
            case DATE -> date(in.readInteger(3));
            case TIME -> timeV1(in.readInteger(3));
            case TIME_V2 -> timeV2(meta, in);
            case DATETIME -> datetimeV1(in.readLong(8));
            case DATETIME_V2 -> datetimeV2(meta, in);
            case TIMESTAMP -> timestamp(in.readLong(4), 0, 0);
            case TIMESTAMP_V2 -> timestamp(bigEndian(in.read(4)), fractionMicros(meta, in, false), meta);
            case YEAR -> {
                int y = in.readInteger(1);
                yield y == 0 ? 0L : 1900L + y;
            }
            case BIT -> in.read(((meta >> 8) * 8 + (meta & 0xFF) + 7) / 8);
            default -> throw new IllegalArgumentException("not an exact cell type: " + type);
        };
    }

    /** 3 bytes little-endian: day in bits 0-4, month in 5-8, year above. */
    static Serializable date(int packed) {
        int day = packed & 31;
        int month = (packed >> 5) & 15;
        int year = packed >> 9;
        return dateValue(year, month, day);
    }

    /** TIME before MySQL 5.6.4: signed 3-byte integer HHMMSS. */
    static String timeV1(int unsignedPacked) {
        int v = (unsignedPacked << 8) >> 8;
        boolean negative = v < 0;
        int abs = Math.abs(v);
        return timeText(negative, abs / 10000, abs / 100 % 100, abs % 100, 0, 0);
    }

    /**
     * TIME(fsp) since 5.6.4: 3 bytes big-endian integer part offset by 0x800000, then the fraction in
     * 0-3 bytes; negative values store the fraction as a complement, borrowed from the integer part.
     */
    static String timeV2(int fsp, ByteArrayInputStream in) throws IOException {
        long intPart = bigEndian(in.read(3)) - TIMEF_INT_OFS;
        long packed;
        switch (fsp) {
            case 1, 2 -> {
                long frac = in.readInteger(1);
                if (intPart < 0 && frac != 0) {
                    intPart++;
                    frac -= 0x100;
                }
                packed = (intPart << 24) + frac * 10000;
            }
            case 3, 4 -> {
                long frac = bigEndian(in.read(2));
                if (intPart < 0 && frac != 0) {
                    intPart++;
                    frac -= 0x10000;
                }
                packed = (intPart << 24) + frac * 100;
            }
            case 5, 6 -> packed = (((intPart + TIMEF_INT_OFS) << 24) | bigEndian(in.read(3))) - TIMEF_OFS;
            default -> packed = intPart << 24;
        }
        boolean negative = packed < 0;
        long abs = Math.abs(packed);
        long hms = abs >> 24;
        return timeText(negative, (int) ((hms >> 12) % (1 << 10)), (int) ((hms >> 6) % (1 << 6)),
                (int) (hms % (1 << 6)), (int) (abs % (1 << 24)), fsp);
    }

    /** DATETIME before 5.6.4: 8 bytes little-endian YYYYMMDDhhmmss as a decimal number. */
    static Serializable datetimeV1(long v) {
        int second = (int) (v % 100);
        int minute = (int) (v / 100 % 100);
        int hour = (int) (v / 10000 % 100);
        long date = v / 1000000;
        return datetimeValue((int) (date / 10000), (int) (date / 100 % 100), (int) (date % 100), hour, minute, second, 0, 0);
    }

    /**
     * DATETIME(fsp) since 5.6.4: 5 bytes big-endian offset by 0x8000000000, holding
     * year*13+month (17 bits), day (5), hour (5), minute (6), second (6); then the fraction.
     */
    static Serializable datetimeV2(int fsp, ByteArrayInputStream in) throws IOException {
        long intPart = bigEndian(in.read(5)) - DATETIMEF_INT_OFS;
        int micros = fractionMicros(fsp, in, true);
        long ymd = intPart >> 17;
        long ym = ymd >> 5;
        long hms = intPart % (1 << 17);
        return datetimeValue((int) (ym / 13), (int) (ym % 13), (int) (ymd % (1 << 5)), (int) (hms >> 12),
                (int) ((hms >> 6) % (1 << 6)), (int) (hms % (1 << 6)), micros, fsp);
    }

    /** TIMESTAMP: seconds since the epoch (UTC); 0 with no fraction is the zero timestamp. */
    static Serializable timestamp(long epochSeconds, int micros, int fsp) {
        if (epochSeconds == 0 && micros == 0) {
            return "0000-00-00 00:00:00" + fractionText(0, fsp);
        }
        return LocalDateTime.ofEpochSecond(epochSeconds, micros * 1000, ZoneOffset.UTC);
    }

    /** The fraction after a DATETIME2/TIMESTAMP2 integer part, as microseconds. */
    private static int fractionMicros(int fsp, ByteArrayInputStream in, boolean signed) throws IOException {
        return switch (fsp) {
            case 1, 2 -> (signed ? (byte) in.readInteger(1) : in.readInteger(1)) * 10000;
            case 3, 4 -> (signed ? (short) bigEndian(in.read(2)) : (int) bigEndian(in.read(2))) * 100;
            case 5, 6 -> signed ? ((int) bigEndian(in.read(3)) << 8) >> 8 : (int) bigEndian(in.read(3));
            default -> 0;
        };
    }

    private static Serializable dateValue(int year, int month, int day) {
        if (year != 0 && month != 0 && day != 0) {
            try {
                return LocalDate.of(year, month, day);
            } catch (DateTimeException invalidDate) {
                // ALLOW_INVALID_DATES lets the server store 2021-02-31: keep its literal form
            }
        }
        return String.format("%04d-%02d-%02d", year, month, day);
    }

    private static Serializable datetimeValue(int year, int month, int day, int hour, int minute, int second,
                                              int micros, int fsp) {
        if (year != 0 && month != 0 && day != 0) {
            try {
                return LocalDateTime.of(year, month, day, hour, minute, second, micros * 1000);
            } catch (DateTimeException invalidDate) {
                // kept as text below, like a zero date
            }
        }
        return String.format("%04d-%02d-%02d %02d:%02d:%02d", year, month, day, hour, minute, second)
                + fractionText(micros, fsp);
    }

    private static String timeText(boolean negative, int hours, int minutes, int seconds, int micros, int fsp) {
        return (negative ? "-" : "") + String.format("%02d:%02d:%02d", hours, minutes, seconds) + fractionText(micros, fsp);
    }

    /** {@code .ffffff} cut to the column's {@code fsp} digits; empty for fsp 0. */
    static String fractionText(int micros, int fsp) {
        if (fsp <= 0) {
            return "";
        }
        return "." + String.format("%06d", micros).substring(0, Math.min(fsp, 6));
    }

    private static long bigEndian(byte[] bytes) {
        long v = 0;
        for (byte b : bytes) {
            v = (v << 8) | (b & 0xFF);
        }
        return v;
    }
}
