package io.godwit.binlog.schema;

import java.util.Locale;
import java.util.Map;

/** What the tracker needs to know about character sets: aliases, bytes per character, a collation's charset. */
final class Charsets {
    /** Maximum bytes per character of the MySQL/MariaDB character sets. */
    private static final Map<String, Integer> MAX_BYTES = Map.ofEntries(
            Map.entry("big5", 2), Map.entry("dec8", 1), Map.entry("cp850", 1), Map.entry("hp8", 1),
            Map.entry("koi8r", 1), Map.entry("latin1", 1), Map.entry("latin2", 1), Map.entry("swe7", 1),
            Map.entry("ascii", 1), Map.entry("ujis", 3), Map.entry("sjis", 2), Map.entry("hebrew", 1),
            Map.entry("tis620", 1), Map.entry("euckr", 2), Map.entry("koi8u", 1), Map.entry("gb2312", 2),
            Map.entry("greek", 1), Map.entry("cp1250", 1), Map.entry("gbk", 2), Map.entry("latin5", 1),
            Map.entry("armscii8", 1), Map.entry("utf8mb3", 3), Map.entry("ucs2", 2), Map.entry("cp866", 1),
            Map.entry("keybcs2", 1), Map.entry("macce", 1), Map.entry("macroman", 1), Map.entry("cp852", 1),
            Map.entry("latin7", 1), Map.entry("utf8mb4", 4), Map.entry("cp1251", 1), Map.entry("utf16", 4),
            Map.entry("utf16le", 4), Map.entry("cp1256", 1), Map.entry("cp1257", 1), Map.entry("utf32", 4),
            Map.entry("binary", 1), Map.entry("geostd8", 1), Map.entry("cp932", 2), Map.entry("eucjpms", 3),
            Map.entry("gb18030", 4));

    static final String BINARY = "binary";

    private Charsets() {}

    /** The name the server reports: {@code utf8} is {@code utf8mb3} on MySQL 8 and MariaDB 10.6+. */
    static String canonical(String charset) {
        if (charset == null) {
            return null;
        }
        String c = charset.toLowerCase(Locale.ROOT);
        return c.equals("utf8") ? "utf8mb3" : c;
    }

    /**
     * The character set a collation belongs to, from its prefix ({@code latin1_bin} is latin1);
     * null for MariaDB's charset-independent collations ({@code uca1400_ai_ci}), which take the
     * character set from their context.
     */
    static String ofCollation(String collation) {
        if (collation == null) {
            return null;
        }
        String c = collation.toLowerCase(Locale.ROOT);
        if (c.equals(BINARY)) {
            return BINARY;
        }
        int cut = c.indexOf('_');
        String prefix = canonical(cut < 0 ? c : c.substring(0, cut));
        return MAX_BYTES.containsKey(prefix) ? prefix : null;
    }

    /** Bytes per character at most; 1 for an unknown character set (the conservative choice for TEXT sizing). */
    static int maxBytes(String charset) {
        return MAX_BYTES.getOrDefault(canonical(charset), 1);
    }
}
