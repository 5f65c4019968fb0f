package io.godwit.loader;

/**
 * Packs rows into multi-row INSERT/REPLACE statements of at most {@code maxBytes} UTF-8 bytes
 * (a single row larger than that goes alone). {@link #add} hands back a full statement when the
 * next row would not fit; {@link #finish} the last one.
 */
final class InsertBatcher {
    private final String prefix;
    private final String suffix;
    private final String extra;
    private final long fixedBytes;
    private final long extraBytes;
    private final long maxBytes;
    private final StringBuilder sql = new StringBuilder();
    private long sqlBytes;
    private int batchRows;
    private long rows;
    private long rowBytes;

    /**
     * @param extraLiterals literals appended to every row (extract columns), without a leading comma; may be empty
     */
    InsertBatcher(String prefix, String suffix, String extraLiterals, long maxBytes) {
        this.prefix = prefix;
        this.suffix = suffix;
        this.extra = extraLiterals.isEmpty() ? "" : "," + extraLiterals;
        this.fixedBytes = utf8Length(prefix) + utf8Length(suffix);
        this.extraBytes = utf8Length(extra);
        this.maxBytes = maxBytes;
    }

    /** Adds a row; returns the statement that had to be closed to make room, or null. */
    String add(String row) {
        long len = utf8Length(row);
        long tupleBytes = len + extraBytes + 3; // "(", ")" and the separating ","
        String full = null;
        if (batchRows > 0 && sqlBytes + tupleBytes > maxBytes) {
            full = finish();
        }
        if (batchRows == 0) {
            sql.append(prefix);
            sqlBytes = fixedBytes;
        } else {
            sql.append(',');
        }
        sql.append('(').append(row).append(extra).append(')');
        sqlBytes += tupleBytes;
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
        String s = sql.append(suffix).toString();
        sql.setLength(0);
        batchRows = 0;
        sqlBytes = 0;
        return s;
    }

    long rows() { return rows; }

    /** UTF-8 bytes of all row literals added (the data volume, without statement overhead). */
    long rowBytes() { return rowBytes; }

    static long utf8Length(CharSequence s) {
        long n = 0;
        for (int i = 0, len = s.length(); i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
