package io.godwit.binlog.stream;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes bytes in a MySQL/MariaDB character set, strictly: bytes that are not valid in the
 * charset are an error, never a replacement character. MySQL's {@code latin1} is Windows-1252
 * with the five bytes Windows leaves undefined mapped to the C1 controls of the same value, as the
 * server converts them; Java's windows-1252 rejects those.
 */
final class MySqlCharsets {
    /** Server charset names with a Java charset of the same repertoire and byte order. */
    private static final Map<String, String> JAVA_NAMES = Map.ofEntries(
            Map.entry("utf8", "UTF-8"), Map.entry("utf8mb3", "UTF-8"), Map.entry("utf8mb4", "UTF-8"),
            Map.entry("ascii", "US-ASCII"), Map.entry("ucs2", "UTF-16BE"), Map.entry("utf16", "UTF-16BE"),
            Map.entry("utf16le", "UTF-16LE"), Map.entry("utf32", "UTF-32BE"),
            Map.entry("latin2", "ISO-8859-2"), Map.entry("latin5", "ISO-8859-9"), Map.entry("latin7", "ISO-8859-13"),
            Map.entry("greek", "ISO-8859-7"), Map.entry("hebrew", "ISO-8859-8"),
            Map.entry("cp1250", "windows-1250"), Map.entry("cp1251", "windows-1251"),
            Map.entry("cp1256", "windows-1256"), Map.entry("cp1257", "windows-1257"),
            Map.entry("cp850", "IBM850"), Map.entry("cp852", "IBM852"), Map.entry("cp866", "IBM866"),
            Map.entry("koi8r", "KOI8-R"), Map.entry("koi8u", "KOI8-U"), Map.entry("tis620", "TIS-620"),
            Map.entry("macroman", "x-MacRoman"), Map.entry("macce", "x-MacCentralEurope"),
            Map.entry("gbk", "GBK"), Map.entry("gb2312", "GB2312"), Map.entry("gb18030", "GB18030"),
            Map.entry("big5", "Big5"), Map.entry("sjis", "Shift_JIS"), Map.entry("cp932", "windows-31j"),
            Map.entry("ujis", "EUC-JP"), Map.entry("eucjpms", "x-eucJP-Open"), Map.entry("euckr", "EUC-KR"));

    private static final char[] LATIN1 = latin1Table();

    private MySqlCharsets() {}

    /** Turns stored bytes into text; one instance per column, used by one thread. */
    interface TextDecoder {
        String decode(byte[] bytes) throws CharacterCodingException;
    }

    /**
     * A decoder for the server charset {@code name}.
     *
     * @throws IllegalArgumentException for a charset without a faithful Java counterpart
     */
    static TextDecoder decoder(String name) {
        String n = name == null ? "utf8mb4" : name.toLowerCase(Locale.ROOT);
        if (n.equals("latin1")) {
            return MySqlCharsets::latin1;
        }
        String java = JAVA_NAMES.get(n);
        if (java == null || !Charset.isSupported(java)) {
            throw new IllegalArgumentException("character set " + name + " is not supported");
        }
        CharsetDecoder d = Charset.forName(java).newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return bytes -> d.reset().decode(ByteBuffer.wrap(bytes)).toString();
    }

    static String latin1(byte[] bytes) {
        char[] out = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = LATIN1[bytes[i] & 0xFF];
        }
        return new String(out);
    }

    private static char[] latin1Table() {
        char[] table = new char[256];
        CharsetDecoder cp1252 = Charset.forName("windows-1252").newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        for (int b = 0; b < 256; b++) {
            try {
                table[b] = cp1252.reset().decode(ByteBuffer.wrap(new byte[] {(byte) b})).charAt(0);
            } catch (CharacterCodingException undefinedInWindows1252) {
                table[b] = (char) b; // 0x81, 0x8D, 0x8F, 0x90, 0x9D
            }
        }
        return table;
    }

    /** UTF-8, strict: for identifiers and statements of sessions in a utf8 charset. */
    static TextDecoder utf8() {
        return decoder("utf8mb4");
    }
}
