package io.godwit.dumper;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * SQL literals for MySQL-family servers under any sql_mode without NO_BACKSLASH_ESCAPES (the
 * default, and the session Godwit sets on both sides). Pure functions over bytes.
 */
final class SqlLiterals {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final byte[] HEX_BYTES = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** For each ASCII byte, the letter that follows the backslash of its escape; 0 if it needs none. */
    private static final byte[] ESCAPE = new byte[128];

    static {
        ESCAPE[0] = '0';
        ESCAPE['\''] = '\'';
        ESCAPE['"'] = '"';
        ESCAPE['\\'] = '\\';
        ESCAPE['\n'] = 'n';
        ESCAPE['\r'] = 'r';
        ESCAPE[0x1a] = 'Z';
    }

    private SqlLiterals() {}

    /** A strict UTF-8 decoder: malformed input is reported, never replaced by U+FFFD. */
    static CharsetDecoder strictUtf8() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** {@code 'text'} with the characters a MySQL string literal cannot hold verbatim escaped. */
    static String quote(CharSequence s) {
        StringBuilder b = new StringBuilder(s.length() + 2);
        appendQuoted(b, s);
        return b.toString();
    }

    static void appendQuoted(StringBuilder b, CharSequence s) {
        b.append('\'');
        for (int i = 0, n = s.length(); i < n; i++) {
            appendEscaped(b, s.charAt(i));
        }
        b.append('\'');
    }

    /**
     * Appends UTF-8 {@code raw} as a quoted literal. Returns false (and appends nothing) when the
     * bytes are not valid UTF-8, so the caller can fall back to a hex literal instead of losing data.
     */
    static boolean appendQuotedUtf8(StringBuilder b, byte[] raw, CharsetDecoder decoder) {
        int n = raw.length;
        int i = 0;
        while (i < n && raw[i] >= 0) {
            i++;
        }
        if (i == n) { // ASCII: no decoding needed
            b.append('\'');
            for (byte x : raw) {
                appendEscaped(b, (char) x);
            }
            b.append('\'');
            return true;
        }
        CharBuffer chars;
        try {
            chars = decoder.reset().decode(ByteBuffer.wrap(raw));
        } catch (CharacterCodingException e) {
            return false;
        }
        b.append('\'');
        for (int k = 0, len = chars.length(); k < len; k++) {
            appendEscaped(b, chars.charAt(k));
        }
        b.append('\'');
        return true;
    }

    private static void appendEscaped(StringBuilder b, char c) {
        switch (c) {
            case 0 -> b.append("\\0");
            case '\'' -> b.append("\\'");
            case '"' -> b.append("\\\"");
            case '\\' -> b.append("\\\\");
            case '\n' -> b.append("\\n");
            case '\r' -> b.append("\\r");
            case 0x1a -> b.append("\\Z");
            default -> b.append(c);
        }
    }

    /** {@code 0x00FF...}; the empty string as {@code ''} (there is no empty hex literal of the 0x form). */
    static void appendHex(StringBuilder b, byte[] raw) {
        if (raw.length == 0) {
            b.append("''");
            return;
        }
        b.ensureCapacity(b.length() + 2 + raw.length * 2);
        b.append("0x");
        for (byte x : raw) {
            b.append(HEX[(x >> 4) & 0xF]).append(HEX[x & 0xF]);
        }
    }

    /**
     * Bytes of a non-UTF-8 column ({@code latin1}, {@code gbk}, ...) with their character set
     * named: {@code _latin1 0xE9}. Exact whatever the connection's character set is, and converted
     * correctly if the target column has another character set.
     */
    static void appendIntroducedHex(StringBuilder b, String charset, byte[] raw) {
        b.append('_').append(charset).append(raw.length == 0 ? "" : " ");
        appendHex(b, raw);
    }

    /** A BIT value (big-endian bytes, as the server sends it) as {@code b'101'}. */
    static void appendBits(StringBuilder b, byte[] raw) {
        b.append("b'").append(new BigInteger(1, raw).toString(2)).append('\'');
    }

    /** ASCII bytes (numbers, temporal text) appended as they are. */
    static void appendAscii(StringBuilder b, byte[] raw) {
        for (byte x : raw) {
            b.append((char) (x & 0xFF));
        }
    }

    /** ASCII bytes in single quotes; temporal text never holds a quote or backslash. */
    static void appendQuotedAscii(StringBuilder b, byte[] raw) {
        b.append('\'');
        appendAscii(b, raw);
        b.append('\'');
    }

    // ---- the same literals written as UTF-8 bytes (the streaming path: no String or char per value)

    /**
     * Appends UTF-8 {@code raw} as a quoted literal, byte for byte with the ASCII specials escaped
     * (the bytes of a multi-byte UTF-8 sequence are never ASCII, so they are copied unchanged).
     * Returns false and appends nothing when the bytes are not well-formed UTF-8 (the strict
     * decoder's rule: no overlong forms, surrogates or code points above U+10FFFF).
     */
    static boolean appendQuotedUtf8(SqlBuffer out, byte[] raw) {
        int start = out.length();
        out.put((byte) '\'');
        if (!appendEscapedUtf8(out, raw, ESCAPE)) {
            out.setLength(start);
            return false;
        }
        out.put((byte) '\'');
        return true;
    }

    /**
     * Appends UTF-8 {@code raw} with each ASCII byte that has a letter in {@code escapes} written as
     * a backslash and that letter, every other byte copied (the bytes of a multi-byte sequence are
     * never ASCII). Returns false, leaving {@code out} as it was, when the bytes are not
     * well-formed UTF-8. Shared by SQL literals and LOAD DATA text, which escape different bytes.
     */
    static boolean appendEscapedUtf8(SqlBuffer out, byte[] raw, byte[] escapes) {
        int n = raw.length;
        int start = out.length();
        byte[] b = out.ensure(2 * n);
        int p = start;
        for (int i = 0; i < n; ) {
            byte x = raw[i];
            if (x >= 0) {
                byte e = escapes[x];
                if (e == 0) {
                    b[p++] = x;
                } else {
                    b[p++] = '\\';
                    b[p++] = e;
                }
                i++;
            } else {
                int k = utf8SequenceLength(raw, i);
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

    /** Length of the well-formed UTF-8 sequence starting with the non-ASCII byte at {@code i}, 0 if malformed. */
    static int utf8SequenceLength(byte[] s, int i) {
        int lead = s[i] & 0xFF;
        int n = s.length;
        if (lead >= 0xC2 && lead <= 0xDF) {
            return i + 1 < n && continuation(s[i + 1]) ? 2 : 0;
        }
        if (lead >= 0xE0 && lead <= 0xEF) {
            if (i + 2 >= n) {
                return 0;
            }
            int b1 = s[i + 1] & 0xFF;
            boolean ok = lead == 0xE0 ? b1 >= 0xA0 && b1 <= 0xBF
                    : lead == 0xED ? b1 >= 0x80 && b1 <= 0x9F
                    : b1 >= 0x80 && b1 <= 0xBF;
            return ok && continuation(s[i + 2]) ? 3 : 0;
        }
        if (lead >= 0xF0 && lead <= 0xF4) {
            if (i + 3 >= n) {
                return 0;
            }
            int b1 = s[i + 1] & 0xFF;
            boolean ok = lead == 0xF0 ? b1 >= 0x90 && b1 <= 0xBF
                    : lead == 0xF4 ? b1 >= 0x80 && b1 <= 0x8F
                    : b1 >= 0x80 && b1 <= 0xBF;
            return ok && continuation(s[i + 2]) && continuation(s[i + 3]) ? 4 : 0;
        }
        return 0;
    }

    private static boolean continuation(byte b) {
        return (b & 0xC0) == 0x80;
    }

    /** {@code 0x00FF...}; the empty string as {@code ''}. */
    static void appendHex(SqlBuffer out, byte[] raw) {
        if (raw.length == 0) {
            out.put((byte) '\'');
            out.put((byte) '\'');
            return;
        }
        byte[] b = out.ensure(2 + raw.length * 2);
        int p = out.length();
        b[p++] = '0';
        b[p++] = 'x';
        for (byte x : raw) {
            b[p++] = HEX_BYTES[(x >> 4) & 0xF];
            b[p++] = HEX_BYTES[x & 0xF];
        }
        out.setLength(p);
    }

    /** {@code _latin1 0xE9}: see {@link #appendIntroducedHex(StringBuilder, String, byte[])}. */
    static void appendIntroducedHex(SqlBuffer out, String charset, byte[] raw) {
        out.put((byte) '_');
        out.putAscii(charset);
        if (raw.length != 0) {
            out.put((byte) ' ');
        }
        appendHex(out, raw);
    }

    static void appendBits(SqlBuffer out, byte[] raw) {
        out.putAscii("b'");
        out.putAscii(new BigInteger(1, raw).toString(2));
        out.put((byte) '\'');
    }

    /** ASCII bytes in single quotes; temporal text never holds a quote or backslash. */
    static void appendQuotedAscii(SqlBuffer out, byte[] raw) {
        out.put((byte) '\'');
        out.put(raw);
        out.put((byte) '\'');
    }
}
