package io.godwit.core.config.internal;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes as DM reads them (go-units {@code RAMInBytes}: binary multiples, {@code 64MiB}, {@code 500m},
 * {@code 2G}); a plain number counts a key-specific unit (MiB for {@code chunk-filesize}, bytes elsewhere).
 */
final class ByteSize {
    private ByteSize() {}

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?) ?([kmgtp])?i?b?", Pattern.CASE_INSENSITIVE);

    static long parse(String text, long plainUnit) {
        String t = text.trim();
        if (t.matches("\\d+")) {
            return Math.multiplyExact(Long.parseLong(t), plainUnit);
        }
        Matcher m = SIZE.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a size (write it like 64MiB, 500m or 2g)");
        }
        int power = m.group(2) == null ? 0 : "kmgtp".indexOf(m.group(2).toLowerCase(Locale.ROOT)) + 1;
        return new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1024).pow(power)).longValue();
    }
}
