package io.godwit.dumper;

/**
 * Field values in {@code LOAD DATA} text: tab-separated fields, newline-terminated lines,
 * backslash as the escape character and {@code \N} for NULL, all UTF-8. Only the bytes that
 * would end a field or a line, the escape itself and NUL are escaped; everything else is copied.
 */
final class DelimitedText {
    private static final byte[] HEX_BYTES = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** For each ASCII byte, the letter that follows the backslash of its escape; 0 if it needs none. */
    private static final byte[] ESCAPE = new byte[128];

    static {
        ESCAPE['\\'] = '\\';
        ESCAPE['\t'] = 't';
        ESCAPE['\n'] = 'n';
        ESCAPE['\r'] = 'r';
        ESCAPE[0] = '0';
    }

    private DelimitedText() {}

    static void appendNull(SqlBuffer out) {
        out.put((byte) '\\');
        out.put((byte) 'N');
    }

    /**
     * Appends UTF-8 {@code raw} escaped; returns false, leaving {@code out} as it was, when the
     * bytes are not well-formed UTF-8 (the strict decoder's rule, as for SQL literals).
     */
    static boolean appendUtf8(SqlBuffer out, byte[] raw) {
        return SqlLiterals.appendEscapedUtf8(out, raw, ESCAPE);
    }

    /** Hex digits of {@code raw}, no prefix; the empty value as an empty field. */
    static void appendHex(SqlBuffer out, byte[] raw) {
        byte[] b = out.ensure(raw.length * 2);
        int p = out.length();
        for (byte x : raw) {
            b[p++] = HEX_BYTES[(x >> 4) & 0xF];
            b[p++] = HEX_BYTES[x & 0xF];
        }
        out.setLength(p);
    }
}
