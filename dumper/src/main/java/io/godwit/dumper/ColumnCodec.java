package io.godwit.dumper;

import io.godwit.core.model.ColumnInfo;
import io.godwit.core.model.DelimitedColumn;
import java.nio.charset.CharsetDecoder;
import java.util.Locale;
import java.util.Set;

/**
 * How one column is selected and written as an exact SQL literal. Values are read as the raw
 * bytes the server sends on a connection with {@code character_set_results = NULL}: numbers and
 * temporal values as their text, strings in the column's own character set, binary data as is.
 */
final class ColumnCodec {
    enum Kind {
        /** Integers, DECIMAL, DOUBLE, YEAR: the server's text is exact; unquoted. */
        NUMBER,
        /** Selected as {@code col+0e0}: the text of a FLOAT is rounded to 6 digits, its double is not. */
        FLOAT,
        /** Raw big-endian bytes, written {@code b'...'}. */
        BIT,
        /** DATE, DATETIME, TIMESTAMP (UTC session), TIME: quoted text, zero dates included. */
        TEMPORAL,
        /** utf8mb3/utf8mb4 strings, JSON and text-like types: quoted and escaped. */
        UTF8_TEXT,
        /** Strings in any other character set: {@code _latin1 0x...}, never decoded. */
        CHARSET_TEXT,
        /** Binary strings, BLOBs, spatial values: {@code 0x...}. */
        BINARY
    }

    private static final Set<String> NUMBERS = Set.of("tinyint", "smallint", "mediumint", "int", "integer",
            "bigint", "decimal", "numeric", "double", "real", "year");
    private static final Set<String> TEMPORALS = Set.of("date", "datetime", "timestamp", "time");
    private static final Set<String> BINARIES = Set.of("binary", "varbinary", "tinyblob", "blob", "mediumblob",
            "longblob", "geometry", "point", "linestring", "polygon", "multipoint", "multilinestring",
            "multipolygon", "geometrycollection", "geomcollection");
    private static final Set<String> INTEGERS = Set.of("tinyint", "smallint", "mediumint", "int", "integer", "bigint");

    private final ColumnInfo column;
    private final Kind kind;
    /** ENUM, SET and BIT keys compare and sort by number: their bounds are written as numbers. */
    private final boolean numericKey;

    private ColumnCodec(ColumnInfo column, Kind kind, boolean numericKey) {
        this.column = column;
        this.kind = kind;
        this.numericKey = numericKey;
    }

    static ColumnCodec of(ColumnInfo c) {
        String type = c.dataType().toLowerCase(Locale.ROOT);
        String cs = c.charset() == null ? null : c.charset().toLowerCase(Locale.ROOT);
        boolean enumOrSet = type.equals("enum") || type.equals("set");
        Kind kind;
        if (NUMBERS.contains(type)) {
            kind = Kind.NUMBER;
        } else if (type.equals("float")) {
            kind = Kind.FLOAT;
        } else if (type.equals("bit")) {
            kind = Kind.BIT;
        } else if (TEMPORALS.contains(type)) {
            kind = Kind.TEMPORAL;
        } else if (BINARIES.contains(type) || "binary".equals(cs)) {
            kind = Kind.BINARY;
        } else if (cs == null || cs.startsWith("utf8")) {
            kind = Kind.UTF8_TEXT; // JSON, MariaDB's UUID/INET6, unknown types: text the server sends as UTF-8
        } else {
            kind = Kind.CHARSET_TEXT;
        }
        return new ColumnCodec(c, kind, enumOrSet || kind == Kind.BIT);
    }

    ColumnInfo column() { return column; }
    Kind kind() { return kind; }

    boolean isInteger() {
        return INTEGERS.contains(column.dataType().toLowerCase(Locale.ROOT));
    }

    boolean isUnsigned() {
        return column.columnType().toLowerCase(Locale.ROOT).contains("unsigned");
    }

    /** The select-list expression for the value. */
    String selectExpr() {
        return kind == Kind.FLOAT ? column.quotedName() + "+0e0" : column.quotedName();
    }

    /** The select-list expression for a chunk bound of this key column. */
    String keySelectExpr() {
        return numericKey ? column.quotedName() + "+0" : selectExpr();
    }

    /** Appends the literal for {@code raw} ({@code null} is SQL NULL). */
    void appendValue(StringBuilder b, byte[] raw, CharsetDecoder utf8) {
        if (raw == null) {
            b.append("NULL");
            return;
        }
        switch (kind) {
            case NUMBER, FLOAT -> SqlLiterals.appendAscii(b, raw);
            case BIT -> SqlLiterals.appendBits(b, raw);
            case TEMPORAL -> SqlLiterals.appendQuotedAscii(b, raw);
            case BINARY -> SqlLiterals.appendHex(b, raw);
            case CHARSET_TEXT -> SqlLiterals.appendIntroducedHex(b, column.charset(), raw);
            case UTF8_TEXT -> {
                if (!SqlLiterals.appendQuotedUtf8(b, raw, utf8)) {
                    SqlLiterals.appendHex(b, raw); // not UTF-8 after all: keep the bytes, not a guess
                }
            }
        }
    }

    /** Appends the literal for {@code raw} as UTF-8 bytes, exactly the text of {@link #appendValue(StringBuilder, byte[], CharsetDecoder)}. */
    void appendValue(SqlBuffer b, byte[] raw) {
        if (raw == null) {
            b.putAscii("NULL");
            return;
        }
        switch (kind) {
            case NUMBER, FLOAT -> b.put(raw);
            case BIT -> SqlLiterals.appendBits(b, raw);
            case TEMPORAL -> SqlLiterals.appendQuotedAscii(b, raw);
            case BINARY -> SqlLiterals.appendHex(b, raw);
            case CHARSET_TEXT -> SqlLiterals.appendIntroducedHex(b, column.charset(), raw);
            case UTF8_TEXT -> {
                if (!SqlLiterals.appendQuotedUtf8(b, raw)) {
                    SqlLiterals.appendHex(b, raw); // not UTF-8 after all: keep the bytes, not a guess
                }
            }
        }
    }

    /** How this column travels as {@code LOAD DATA} text; see {@link #appendDelimited}. */
    DelimitedColumn delimited() {
        return switch (kind) {
            case NUMBER, FLOAT, TEMPORAL, UTF8_TEXT -> new DelimitedColumn(column.name(), DelimitedColumn.Encoding.TEXT, null);
            case BIT -> new DelimitedColumn(column.name(), DelimitedColumn.Encoding.HEX_BIT, null);
            case BINARY -> new DelimitedColumn(column.name(), DelimitedColumn.Encoding.HEX_BYTES, null);
            case CHARSET_TEXT -> new DelimitedColumn(column.name(), DelimitedColumn.Encoding.HEX_CHARSET_TEXT, column.charset());
        };
    }

    /**
     * Appends {@code raw} as a {@code LOAD DATA} field, encoded as {@link #delimited()} says.
     * Returns false, appending nothing, when a UTF-8 text value is not UTF-8: the text form has
     * no way to keep such bytes.
     */
    boolean appendDelimited(SqlBuffer b, byte[] raw) {
        if (raw == null) {
            DelimitedText.appendNull(b);
            return true;
        }
        switch (kind) {
            case NUMBER, FLOAT, TEMPORAL -> b.put(raw); // ASCII digits, signs, dots, colons, dashes
            case BIT, BINARY, CHARSET_TEXT -> DelimitedText.appendHex(b, raw);
            case UTF8_TEXT -> {
                return DelimitedText.appendUtf8(b, raw);
            }
        }
        return true;
    }

    /** Appends the literal for a chunk bound read through {@link #keySelectExpr()}. */
    void appendKey(StringBuilder b, byte[] raw, CharsetDecoder utf8) {
        if (numericKey && raw != null) {
            SqlLiterals.appendAscii(b, raw);
        } else {
            appendValue(b, raw, utf8);
        }
    }
}
