package io.godwit.core.config.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go's {@code time.ParseDuration} and {@code Duration.String}, because DM's files are written in them. */
public final class GoDuration {
    private GoDuration() {}

    private static final Pattern PART = Pattern.compile("([0-9]*\\.?[0-9]+)(ns|us|µs|μs|ms|s|m|h)");

    public static Duration parse(String text) {
        String t = text.trim();
        boolean negative = t.startsWith("-");
        if (t.startsWith("-") || t.startsWith("+")) {
            t = t.substring(1);
        }
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = PART.matcher(t);
        BigDecimal nanos = BigDecimal.ZERO;
        int at = 0;
        while (at < t.length() && m.find(at) && m.start() == at) {
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unitNanos(m.group(2)))));
            at = m.end();
        }
        if (t.isEmpty() || at != t.length()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a duration (write it like 30s, 5m, 1h30m)");
        }
        Duration d = Duration.ofNanos(nanos.longValue());
        return negative ? d.negated() : d;
    }

    /** As Go prints it: {@code 1h0m0s}, {@code 5m0s}, {@code 10s}, {@code 500ms}, {@code 0s}. */
    static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        if (d.compareTo(Duration.ofSeconds(1)) < 0 && !d.isNegative()) {
            long n = d.toNanos();
            return n % 1_000_000 == 0 ? n / 1_000_000 + "ms" : n % 1000 == 0 ? n / 1000 + "µs" : n + "ns";
        }
        StringBuilder b = new StringBuilder(d.isNegative() ? "-" : "");
        Duration a = d.abs();
        long h = a.toHours();
        long m = a.toMinutesPart();
        BigDecimal s = BigDecimal.valueOf(a.toSecondsPart()).add(BigDecimal.valueOf(a.toNanosPart(), 9)).stripTrailingZeros();
        if (h > 0) {
            b.append(h).append('h');
        }
        if (h > 0 || m > 0) {
            b.append(m).append('m');
        }
        return b.append(s.toPlainString()).append('s').toString();
    }

    private static long unitNanos(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "µs", "μs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
        };
    }
}
