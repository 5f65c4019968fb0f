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
        int n = raw.length;
        int start = out.length();
        byte[] b = out.ensure(2 * n);
        int p = start;
        for (int i = 0; i < n; ) {
            byte x = raw[i];
            if (x >= 0) {
                byte e = ESCAPE[x];
                if (e == 0) {
                    b[p++] = x;
                } else {
                    b[p++] = '\\';
                    b[p++] = e;
                }
                i++;
            } else {
                int k = SqlLiterals.utf8SequenceLength(raw, i);
                if (k == 0) {
                    out.setLength(start);
                    return false;
                }
                for (int j = 0; j < k; j++) {
                    b[p++] = raw[i + j];
                }
                i += k;
            }
        }
        out.setLength(p);
        return true;
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
