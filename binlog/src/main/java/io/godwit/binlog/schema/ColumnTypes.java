package io.godwit.binlog.schema;

import io.godwit.binlog.ddl.ColumnDefinition;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Resolves a column's type as written in DDL into what the server reports in
 * {@code information_schema.columns}: the base type ({@code DATA_TYPE}), the full type
 * ({@code COLUMN_TYPE}, with the defaults filled in: {@code INT} is {@code int(11)} on MariaDB,
 * {@code DECIMAL} is {@code decimal(10,0)}, {@code TEXT(100)} picks the smallest TEXT that holds
 * 100 characters) and the character set ({@code CHARACTER_SET_NAME}).
 */
final class ColumnTypes {
    /** A resolved type. */
    record Resolved(String dataType, String columnType, String charset, String collation) {}

    private static final Map<String, int[]> INTEGER_WIDTHS = Map.of( // {signed, unsigned}
            "tinyint", new int[] {4, 3}, "smallint", new int[] {6, 5}, "mediumint", new int[] {9, 8},
            "int", new int[] {11, 10}, "bigint", new int[] {20, 20});
    private static final Set<String> CHARACTER_TYPES = Set.of("char", "varchar", "tinytext", "text", "mediumtext",
            "longtext", "enum", "set");
    private static final List<String> TEXTS = List.of("tinytext", "text", "mediumtext", "longtext");
    private static final List<String> BLOBS = List.of("tinyblob", "blob", "mediumblob", "longblob");
    private static final long[] LOB_BYTES = {255L, 65_535L, 16_777_215L, 4_294_967_295L};
    private static final Set<String> FRACTIONAL_TIME = Set.of("time", "datetime", "timestamp");

    private ColumnTypes() {}

    /**
     * @param tableCharset the table's default character set, for character columns that name none
     */
    static Resolved resolve(ColumnDefinition.Type type, String tableCharset, SourceDialect dialect) {
        String name = type.name().toLowerCase(Locale.ROOT);
        List<String> len = type.lengths();
        if (CHARACTER_TYPES.contains(name)) {
            return character(type, name, tableCharset);
        }
        if (INTEGER_WIDTHS.containsKey(name)) {
            return integer(name, len.isEmpty() ? null : len.get(0), type.unsigned(), type.zerofill(), dialect);
        }
        return switch (name) {
            case "boolean" -> plain("tinyint", "tinyint(1)");
            case "serial" -> integer("bigint", null, true, false, dialect);
            case "bit" -> plain("bit", "bit(" + first(len, "1") + ")");
            case "decimal" -> numeric("decimal", "(" + (len.isEmpty() ? "10" : len.get(0)) + ","
                    + (len.size() > 1 ? len.get(1) : "0") + ")", type);
            case "float" -> floating(type, len);
            case "double" -> numeric("double", len.size() == 2 ? "(" + len.get(0) + "," + len.get(1) + ")" : "", type);
            case "time", "datetime", "timestamp" -> plain(name, len.isEmpty() || len.get(0).equals("0")
                    ? name : name + "(" + len.get(0) + ")");
            case "year" -> plain("year", dialect.integerDisplayWidth() ? "year(4)" : "year");
            case "binary" -> plain("binary", "binary(" + first(len, "1") + ")");
            case "varbinary" -> plain("varbinary", "varbinary(" + first(len, "") + ")");
            case "blob" -> len.isEmpty() ? plain("blob", "blob") : lob(BLOBS, Long.parseLong(len.get(0)));
            case "json" -> dialect.mariaDb()
                    ? new Resolved("longtext", "longtext", "utf8mb4", "utf8mb4_bin") : plain("json", "json");
            default -> plain(name, len.isEmpty() ? name : name + "(" + String.join(",", len) + ")");
        };
    }

    /** True for the types whose values carry a character set. */
    static boolean isCharacter(String dataType) {
        return CHARACTER_TYPES.contains(dataType);
    }

    private static Resolved plain(String dataType, String columnType) {
        return new Resolved(dataType, columnType, null, null);
    }

    private static Resolved integer(String name, String width, boolean unsigned, boolean zerofill, SourceDialect dialect) {
        int defaultWidth = INTEGER_WIDTHS.get(name)[unsigned ? 1 : 0];
        String shownWidth = width != null ? width : String.valueOf(defaultWidth);
        boolean showWidth = dialect.integerDisplayWidth() || zerofill || name.equals("tinyint") && "1".equals(width);
        String columnType = name + (showWidth ? "(" + shownWidth + ")" : "") + (unsigned ? " unsigned" : "")
                + (zerofill ? " zerofill" : "");
        return plain(name, columnType);
    }

    private static Resolved numeric(String name, String dimensions, ColumnDefinition.Type type) {
        return plain(name, name + dimensions + (type.unsigned() ? " unsigned" : "") + (type.zerofill() ? " zerofill" : ""));
    }

    /** FLOAT(p) is a float up to 24 bits of precision and a double beyond; FLOAT(M,D) keeps its digits. */
    private static Resolved floating(ColumnDefinition.Type type, List<String> len) {
        if (len.size() == 1) {
            return Integer.parseInt(len.get(0)) > 24 ? numeric("double", "", type) : numeric("float", "", type);
        }
        return numeric("float", len.size() == 2 ? "(" + len.get(0) + "," + len.get(1) + ")" : "", type);
    }

    private static Resolved character(ColumnDefinition.Type type, String name, String tableCharset) {
        String collation = type.collation();
        String charset = Charsets.canonical(type.charset());
        if (charset == null && type.national()) {
            charset = "utf8mb3";
        }
        if (charset == null) {
            charset = Charsets.ofCollation(collation);
        }
        if (charset == null) {
            charset = tableCharset;
        }
        if (type.binary() && collation == null) {
            collation = charset + "_bin";
        }
        List<String> len = type.lengths();
        if (Charsets.BINARY.equals(charset)) {
            return binaryTwin(name, len);
        }
        Resolved r = switch (name) {
            case "char" -> plain("char", "char(" + first(len, "1") + ")");
            case "varchar" -> plain("varchar", "varchar(" + first(len, "") + ")");
            case "text" -> len.isEmpty() ? plain("text", "text")
                    : lob(TEXTS, Long.parseLong(len.get(0)) * Charsets.maxBytes(charset));
            case "enum", "set" -> plain(name, name + "(" + String.join(",", type.values().stream()
                    .map(ColumnTypes::memberLiteral).toList()) + ")");
            default -> plain(name, name); // tinytext, mediumtext, longtext
        };
        return new Resolved(r.dataType(), r.columnType(), charset, collation);
    }

    /** CHARACTER SET binary turns character types into their binary counterparts. */
    private static Resolved binaryTwin(String name, List<String> len) {
        return switch (name) {
            case "char" -> plain("binary", "binary(" + first(len, "1") + ")");
            case "varchar" -> plain("varbinary", "varbinary(" + first(len, "") + ")");
            case "tinytext", "text", "mediumtext", "longtext" -> len.isEmpty()
                    ? plain(BLOBS.get(TEXTS.indexOf(name)), BLOBS.get(TEXTS.indexOf(name)))
                    : lob(BLOBS, Long.parseLong(len.get(0)));
            default -> plain(name, name);
        };
    }

    /** The smallest of {@code family} (tiny, plain, medium, long) that holds {@code bytes}. */
    private static Resolved lob(List<String> family, long bytes) {
        for (int i = 0; i < family.size(); i++) {
            if (bytes <= LOB_BYTES[i]) {
                return plain(family.get(i), family.get(i));
            }
        }
        return plain(family.get(3), family.get(3));
    }

    private static String first(List<String> lengths, String otherwise) {
        return lengths.isEmpty() ? otherwise : lengths.get(0);
    }

    /**
     * A TEXT column converted to another character set keeps its length in characters, so its
     * type may grow (MySQL's CONVERT TO CHARACTER SET): latin1 TEXT becomes utf8mb4 MEDIUMTEXT.
     */
    static String textFor(String dataType, String fromCharset, String toCharset) {
        int i = TEXTS.indexOf(dataType);
        if (i < 0) {
            return dataType;
        }
        long characters = LOB_BYTES[i] / Charsets.maxBytes(fromCharset);
        return lob(TEXTS, characters * Charsets.maxBytes(toCharset)).dataType();
    }

    /** An ENUM/SET member as the server writes it: single-quoted, quotes doubled. */
    private static String memberLiteral(String written) {
        String value = unquoteLiteral(written);
        return "'" + value.replace("'", "''") + "'";
    }

    /** The value of a quoted string literal: doubled quotes and backslash escapes undone. */
    private static String unquoteLiteral(String literal) {
        if (literal.length() < 2) {
            return literal;
        }
        char q = literal.charAt(0);
        String body = literal.substring(1, literal.length() - 1);
        StringBuilder out = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == q && i + 1 < body.length() && body.charAt(i + 1) == q) {
                out.append(q);
                i++;
            } else if (c == '\\' && i + 1 < body.length()) {
                char n = body.charAt(++i);
                out.append(switch (n) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case '0' -> '\0';
                    case 'Z' -> (char) 26;
                    case 'b' -> '\b';
                    default -> n;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
