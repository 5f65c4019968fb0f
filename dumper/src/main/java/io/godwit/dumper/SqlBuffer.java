package io.godwit.dumper;

/**
 * A growable byte buffer holding SQL text as UTF-8, reused row after row: rows are rendered
 * straight from the result set's raw bytes into it, without a String or char in between.
 */
final class SqlBuffer {
    private byte[] buf;
    private int len;

    SqlBuffer(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    byte[] array() { return buf; }
    int length() { return len; }

    void clear() { len = 0; }

    /** Makes room for {@code extra} more bytes; returns the array to write into at {@link #length()}. */
    byte[] ensure(int extra) {
        int need = len + extra;
        if (need > buf.length) {
            buf = java.util.Arrays.copyOf(buf, Math.max(need, buf.length * 2));
        }
        return buf;
    }

    void put(byte b) {
        if (len == buf.length) {
            ensure(1);
        }
        buf[len++] = b;
    }

    void put(byte[] src) {
        ensure(src.length);
        System.arraycopy(src, 0, buf, len, src.length);
        len += src.length;
    }

    /** Characters below U+0080 only (keywords, hex digits, charset names). */
    void putAscii(String s) {
        int n = s.length();
        byte[] b = ensure(n);
        for (int i = 0; i < n; i++) {
            b[len + i] = (byte) s.charAt(i);
        }
        len += n;
    }

    /** Sets the length after writing directly into {@link #ensure}'s array. */
    void setLength(int newLength) {
        len = newLength;
    }
}
