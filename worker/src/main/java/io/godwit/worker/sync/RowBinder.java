package io.godwit.worker.sync;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HexFormat;

/**
 * Binds row values (the value contract of {@code io.godwit.core.event}) as JDBC parameters so the target
 * stores exactly the source's value: strings (also zero dates and TIME values in MySQL's literal form) as
 * strings, binary data as bytes, java.time values without any zone shift (sessions run in UTC).
 */
final class RowBinder {
    private RowBinder() {}

    static void bind(PreparedStatement ps, int index, Object v) throws SQLException {
        if (v == null) {
            ps.setNull(index, Types.NULL);
        } else if (v instanceof Long l) {
            ps.setLong(index, l);
        } else if (v instanceof String s) {
            ps.setString(index, s);
        } else if (v instanceof BigDecimal d) {
            ps.setBigDecimal(index, d);
        } else if (v instanceof BigInteger i) {
            ps.setBigDecimal(index, new BigDecimal(i));
        } else if (v instanceof byte[] b) {
            ps.setBytes(index, b);
        } else if (v instanceof Double d) {
            ps.setDouble(index, d);
        } else if (v instanceof Float f) {
            ps.setFloat(index, f);
        } else if (v instanceof LocalDateTime || v instanceof LocalDate) {
            ps.setObject(index, v);
        } else if (v instanceof Integer i) {
            ps.setInt(index, i);
        } else {
            throw new GodwitException(ErrorCode.INTERNAL, "row value of type " + v.getClass().getName()
                    + " is outside the row value contract");
        }
    }

    /**
     * A value for a WHERE comparison. FLOAT columns compare as DOUBLE on the server, so a float is given as
     * the double it exactly is ({@code 1.1f} as {@code 1.100000023841858}), which equals the stored value.
     */
    static Object forComparison(Object v) {
        return v instanceof Float f ? Double.valueOf(f.doubleValue()) : v;
    }

    /** A value as it appears in an error message: short, never multi-line. */
    static String render(Object v) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof byte[] b) {
            return b.length > 32 ? "0x" + HexFormat.of().formatHex(b, 0, 32) + "...(" + b.length + " bytes)"
                    : "0x" + HexFormat.of().formatHex(b);
        }
        String s = v instanceof String str ? "'" + str.replace("\n", "\\n") + "'" : v.toString();
        return s.length() > 64 ? s.substring(0, 64) + "...'" : s;
    }
}
