package io.godwit.filters.expr;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * MySQL's implicit conversions and comparison, on the row values of {@code io.godwit.core.event}.
 *
 * <p>Inside an expression a value is {@code null}, {@link BigDecimal} (every exact number, booleans as
 * 1/0), {@link Double} (FLOAT/DOUBLE, and arithmetic on them), {@link String}, {@code byte[]},
 * {@link LocalDate} or {@link LocalDateTime}. Simplifications, stated here because they differ from a
 * server: strings compare case-insensitively by per-character lower case, ignoring trailing spaces,
 * which is what MySQL's default {@code _ci} collations do for ASCII (not their accent folding); a
 * {@code byte[]} compares bytewise against the UTF-8 bytes of the other side; a number against a string
 * compares numerically with the string's leading number (0 when there is none), as MySQL does.
 */
final class SqlValue {
    static final BigDecimal TRUE = BigDecimal.ONE;
    static final BigDecimal FALSE = BigDecimal.ZERO;
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS]");

    private SqlValue() {}

    /** A row value in the expression's representation. */
    static Object of(Object v) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        if (v instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        if (v instanceof Float f) {
            return (double) f;
        }
        if (v instanceof Boolean b) {
            return b ? TRUE : FALSE;
        }
        return v;
    }

    static BigDecimal bool(boolean b) {
        return b ? TRUE : FALSE;
    }

    /** SQL truth: null stays unknown, a number is true when not zero, a string by its leading number. */
    static Boolean truth(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof LocalDate || v instanceof LocalDateTime) {
            return true;
        }
        Object n = number(v);
        return n instanceof Double d ? d != 0 : ((BigDecimal) n).signum() != 0;
    }

    static boolean isNumber(Object v) {
        return v instanceof BigDecimal || v instanceof Double;
    }

    /** The value as a number: BigDecimal, or Double for approximate values. */
    static Object number(Object v) {
        if (isNumber(v)) {
            return v;
        }
        if (v instanceof LocalDate d) {
            return BigDecimal.valueOf(d.getYear() * 10000L + d.getMonthValue() * 100L + d.getDayOfMonth());
        }
        if (v instanceof LocalDateTime t) {
            long whole = t.getYear() * 10000000000L + t.getMonthValue() * 100000000L + t.getDayOfMonth() * 1000000L
                    + t.getHour() * 10000L + t.getMinute() * 100L + t.getSecond();
            return BigDecimal.valueOf(whole).add(BigDecimal.valueOf(t.getNano(), 9)).stripTrailingZeros();
        }
        return leadingNumber(text(v));
    }

    static BigDecimal decimal(Object n) {
        return n instanceof Double d ? BigDecimal.valueOf(d) : (BigDecimal) n;
    }

    /** The longest numeric prefix of a string after leading spaces, as MySQL casts '12abc' to 12. */
    private static BigDecimal leadingNumber(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        int start = i;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < s.length() && s.charAt(i) == '.') {
            i++;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return BigDecimal.ZERO;
        }
        int end = i;
        if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < s.length() && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
                j++;
            }
            if (j < s.length() && Character.isDigit(s.charAt(j))) {
                while (j < s.length() && Character.isDigit(s.charAt(j))) {
                    j++;
                }
                end = j;
            }
        }
        String n = s.substring(start, end);
        return new BigDecimal(n.endsWith(".") ? n.substring(0, n.length() - 1) : n);
    }

    /** The value as MySQL would print it. */
    static String text(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString();
        }
        if (v instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        if (v instanceof LocalDateTime t) {
            return t.format(DATE_TIME);
        }
        return String.valueOf(v);
    }

    /**
     * MySQL's comparison of two non-null values: negative, zero or positive. Numbers (or a number and
     * a string) numerically; dates with dates, or with a string that parses as one, by their value;
     * binary bytewise; otherwise as strings of the default collation.
     */
    static int compare(Object a, Object b) {
        if (isNumber(a) || isNumber(b)) {
            if (!(a instanceof byte[]) && !(b instanceof byte[]) || isNumber(a) && isNumber(b)) {
                return compareNumbers(number(a), number(b));
            }
        }
        LocalDateTime ta = temporal(a);
        LocalDateTime tb = temporal(b);
        boolean aTime = a instanceof LocalDate || a instanceof LocalDateTime;
        boolean bTime = b instanceof LocalDate || b instanceof LocalDateTime;
        if ((aTime || bTime) && ta != null && tb != null) {
            return ta.compareTo(tb);
        }
        if (a instanceof byte[] || b instanceof byte[]) {
            return compareBytes(bytes(a), bytes(b));
        }
        return compareText(text(a), text(b));
    }

    private static int compareNumbers(Object a, Object b) { // a 1e999 literal is an infinite Double
        if (a instanceof Double x && b instanceof Double y) {
            return Double.compare(x, y);
        }
        if (a instanceof Double x && !Double.isFinite(x) || b instanceof Double y && !Double.isFinite(y)) {
            return Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
        }
        return decimal(a).compareTo(decimal(b));
    }

    private static LocalDateTime temporal(Object v) {
        if (v instanceof LocalDate d) {
            return d.atStartOfDay();
        }
        if (v instanceof LocalDateTime t) {
            return t;
        }
        if (v instanceof String s) {
            String t = s.trim();
            try {
                return t.length() <= 10 ? LocalDate.parse(t).atStartOfDay() : LocalDateTime.parse(t.replace(' ', 'T'));
            } catch (DateTimeParseException e) {
                return null; // not a date literal: compared as strings instead
            }
        }
        return null;
    }

    private static byte[] bytes(Object v) {
        return v instanceof byte[] b ? b : text(v).getBytes(StandardCharsets.UTF_8);
    }

    private static int compareBytes(byte[] a, byte[] b) {
        return java.util.Arrays.compareUnsigned(a, b);
    }

    /** The default collation's comparison: per-character lower case, trailing spaces ignored (PAD SPACE). */
    static int compareText(String a, String b) {
        return fold(stripTrailingSpaces(a)).compareTo(fold(stripTrailingSpaces(b)));
    }

    static String fold(String s) {
        char[] cs = s.toCharArray();
        for (int i = 0; i < cs.length; i++) {
            cs[i] = Character.toLowerCase(cs[i]);
        }
        return new String(cs);
    }

    private static String stripTrailingSpaces(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(0, end);
    }
}
