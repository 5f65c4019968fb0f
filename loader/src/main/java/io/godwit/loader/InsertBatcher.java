package io.godwit.loader;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Packs rows into multi-row INSERT/REPLACE statements of at most {@code maxBytes} UTF-8 bytes
 * (a single row larger than that goes alone). {@link #add} hands back a full statement when the
 * next row would not fit; {@link #finish} the last one.
 *
 * <p>The statement is assembled as UTF-8 bytes in one buffer reused for the next statement; rows
 * arrive as bytes too ({@link #add(byte[], int, int)}), so building a statement costs one copy of
 * each row and one String for the driver.
 */
final class InsertBatcher {
    private final byte[] prefix;
    private final byte[] suffix;
    private final byte[] extra;
    private final long maxBytes;
    private byte[] sql;
    private int length;
    private int batchRows;
    private long rows;
    private long rowBytes;

    /**
     * @param extraLiterals literals appended to every row (extract columns), without a leading comma; may be empty
     */
    InsertBatcher(String prefix, String suffix, String extraLiterals, long maxBytes) {
        this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
        this.suffix = suffix.getBytes(StandardCharsets.UTF_8);
        this.extra = (extraLiterals.isEmpty() ? "" : "," + extraLiterals).getBytes(StandardCharsets.UTF_8);
        this.maxBytes = maxBytes;
        this.sql = new byte[(int) Math.min(Math.max(maxBytes + 1024, 1024), 1 << 16)];
    }

    /** Adds a row given as text; see {@link #add(byte[], int, int)}. */
    String add(String row) {
        byte[] b = row.getBytes(StandardCharsets.UTF_8);
        return add(b, 0, b.length);
    }

    /**
     * Adds a row, the UTF-8 bytes of its literals in {@code row[off, off + len)}; returns the
     * statement that had to be closed to make room, or null.
     */
    String add(byte[] row, int off, int len) {
        long tupleBytes = (long) len + extra.length + 3; // "(", ")" and the separating ","
        String full = null;
        if (batchRows > 0 && length + suffix.length + tupleBytes > maxBytes) {
            full = finish();
        }
        if (batchRows == 0) {
            put(prefix, 0, prefix.length);
        } else {
            put((byte) ',');
        }
        put((byte) '(');
        put(row, off, len);
        put(extra, 0, extra.length);
        put((byte) ')');
        batchRows++;
        rows++;
        rowBytes += len;
        return full;
    }

    /** The pending statement, or null if no row is pending. */
    String finish() {
        if (batchRows == 0) {
            return null;
        }
        put(suffix, 0, suffix.length);
        String s = new String(sql, 0, length, StandardCharsets.UTF_8);
        length = 0;
        batchRows = 0;
        return s;
    }

    long rows() { return rows; }

    /** UTF-8 bytes of all row literals added (the data volume, without statement overhead). */
    long rowBytes() { return rowBytes; }

    private void put(byte b) {
        if (length == sql.length) {
            grow(1);
        }
        sql[length++] = b;
    }

    private void put(byte[] b, int off, int len) {
        if (length + len > sql.length) {
            grow(len);
        }
        System.arraycopy(b, off, sql, length, len);
        length += len;
    }

    private void grow(int extraBytes) {
        sql = Arrays.copyOf(sql, Math.max(length + extraBytes, sql.length * 2));
    }
}
