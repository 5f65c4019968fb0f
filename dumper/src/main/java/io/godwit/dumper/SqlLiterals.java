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
}
