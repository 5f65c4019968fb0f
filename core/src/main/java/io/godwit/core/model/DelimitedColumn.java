package io.godwit.core.model;

/**
 * One field of a row written as {@code LOAD DATA} text (fields separated by tabs, lines ended by
 * a newline, backslash escapes, {@code \N} for NULL, UTF-8), and how the loader turns the field
 * back into exactly the column's value.
 *
 * @param name     the column
 * @param encoding how the field carries the value
 * @param charset  the column's character set for {@link Encoding#HEX_CHARSET_TEXT}, else null
 */
public record DelimitedColumn(String name, Encoding encoding, String charset) {
    public enum Encoding {
        /** The value's own text: numbers, temporal values, UTF-8 strings and JSON, escaped. */
        TEXT,
        /** Hex digits of the raw bytes: binary strings, BLOBs, spatial values. */
        HEX_BYTES,
        /** Hex digits of a string in {@link #charset()}: converted to that charset, never decoded on the way. */
        HEX_CHARSET_TEXT,
        /** Hex digits of a BIT value's big-endian bytes. */
        HEX_BIT
    }
}
