package io.godwit.binlog.stream;

import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import com.github.shyiko.mysql.binlog.event.deserialization.json.JsonBinary;
import io.godwit.core.db.ServerFlavor;
import io.godwit.core.model.ColumnInfo;
import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the cells the binlog library reads into the row value contract of
 * {@code io.godwit.core.event}, per column, using the tracked column definition: the binlog itself
 * carries neither signedness, nor charsets, nor ENUM/SET member names.
 */
final class ColumnDecoders {
    private static final Pattern LENGTH = Pattern.compile("\\((\\d+)(?:,(\\d+))?\\)");
    private static final Set<String> TEXT = Set.of("char", "varchar", "tinytext", "text", "mediumtext", "longtext");
    private static final Set<String> BYTES = Set.of("varbinary", "tinyblob", "blob", "mediumblob", "longblob",
            "geometry", "point", "linestring", "polygon", "multipoint", "multilinestring", "multipolygon",
            "geometrycollection", "geomcollection", "vector");
    private static final Set<ColumnType> STRINGISH = EnumSet.of(ColumnType.STRING, ColumnType.VARCHAR,
            ColumnType.VAR_STRING, ColumnType.BLOB, ColumnType.TINY_BLOB, ColumnType.MEDIUM_BLOB, ColumnType.LONG_BLOB,
            ColumnType.ENUM, ColumnType.SET, ColumnType.JSON, ColumnType.GEOMETRY, ColumnType.VECTOR);

    private ColumnDecoders() {}

    /** Decodes one non-null cell; errors name nothing, the caller adds column and position. */
    interface ColumnDecoder {
        Object decode(Serializable raw) throws IOException; // CharacterCodingException among them
    }

    /**
     * The decoder for {@code column} of a table on a {@code flavor} server.
     *
     * @throws IllegalArgumentException for a column type or charset Godwit cannot decode
     */
    static ColumnDecoder forColumn(ColumnInfo column, ServerFlavor flavor) {
        String type = column.dataType().toLowerCase(Locale.ROOT);
        boolean unsigned = column.columnType().toLowerCase(Locale.ROOT).contains("unsigned");
        switch (type) {
            case "tinyint": return unsigned ? raw -> ((Number) raw).longValue() & 0xFFL : ColumnDecoders::asLong;
            case "smallint": return unsigned ? raw -> ((Number) raw).longValue() & 0xFFFFL : ColumnDecoders::asLong;
            case "mediumint": return unsigned ? raw -> ((Number) raw).longValue() & 0xFFFFFFL : ColumnDecoders::asLong;
            case "int", "integer": return unsigned ? raw -> ((Number) raw).longValue() & 0xFFFFFFFFL : ColumnDecoders::asLong;
            case "bigint": return unsigned ? ColumnDecoders::unsignedBigint : ColumnDecoders::asLong;
            case "year": return ColumnDecoders::asLong;
            case "decimal", "numeric": {
                int scale = lengthPart(column.columnType(), 2, 0);
                return raw -> ((BigDecimal) raw).setScale(scale, RoundingMode.UNNECESSARY);
            }
            case "float": return raw -> (Float) raw;
            case "double", "real", "double precision": return raw -> (Double) raw;
            case "bit": return raw -> (byte[]) raw;
            case "date": return raw -> requireType(raw, LocalDate.class);
            case "datetime", "timestamp": return raw -> requireType(raw, LocalDateTime.class);
            case "time": return raw -> (String) raw;
            case "binary": {
                int length = lengthPart(column.columnType(), 1, 1);
                // The server strips BINARY(n)'s trailing zero bytes in row events; the column always holds n bytes.
                return raw -> ((byte[]) raw).length >= length ? raw : Arrays.copyOf((byte[]) raw, length);
            }
            case "enum": {
                List<String> members = members(column.columnType());
                return raw -> enumMember(members, ((Number) raw).intValue());
            }
            case "set": {
                List<String> members = members(column.columnType());
                return raw -> setMembers(members, ((Number) raw).longValue());
            }
            case "json":
                if (flavor == ServerFlavor.MARIADB) {
                    return text(column); // MariaDB's JSON is LONGTEXT with a check constraint
                }
                return raw -> JsonBinary.parseAsString((byte[]) raw);
            default:
                if (TEXT.contains(type)) {
                    return "binary".equalsIgnoreCase(column.charset()) ? raw -> (byte[]) raw : text(column);
                }
                if (BYTES.contains(type)) {
                    return raw -> (byte[]) raw;
                }
                throw new IllegalArgumentException("column type " + column.columnType() + " is not supported");
        }
    }

    /**
     * Whether the binlog's type for a column fits the tracked type: a different integer width or
     * temporal kind means the tracked schema is not the one the row was written with.
     */
    static boolean fits(ColumnInfo column, ColumnType binlogType) {
        String type = column.dataType().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "tinyint" -> binlogType == ColumnType.TINY;
            case "smallint" -> binlogType == ColumnType.SHORT;
            case "mediumint" -> binlogType == ColumnType.INT24;
            case "int", "integer" -> binlogType == ColumnType.LONG;
            case "bigint" -> binlogType == ColumnType.LONGLONG;
            case "year" -> binlogType == ColumnType.YEAR;
            case "decimal", "numeric" -> binlogType == ColumnType.NEWDECIMAL;
            case "float" -> binlogType == ColumnType.FLOAT;
            case "double", "real", "double precision" -> binlogType == ColumnType.DOUBLE;
            case "bit" -> binlogType == ColumnType.BIT;
            case "date" -> binlogType == ColumnType.DATE || binlogType == ColumnType.NEWDATE;
            case "datetime" -> binlogType == ColumnType.DATETIME || binlogType == ColumnType.DATETIME_V2;
            case "timestamp" -> binlogType == ColumnType.TIMESTAMP || binlogType == ColumnType.TIMESTAMP_V2;
            case "time" -> binlogType == ColumnType.TIME || binlogType == ColumnType.TIME_V2;
            default -> STRINGISH.contains(binlogType);
        };
    }

    private static ColumnDecoder text(ColumnInfo column) {
        MySqlCharsets.TextDecoder decoder = MySqlCharsets.decoder(column.charset());
        return raw -> decoder.decode((byte[]) raw);
    }

    private static Object asLong(Serializable raw) {
        return ((Number) raw).longValue();
    }

    private static Object unsignedBigint(Serializable raw) {
        long v = ((Number) raw).longValue();
        return v >= 0 ? (Object) v : new BigInteger(Long.toUnsignedString(v));
    }

    private static Object requireType(Serializable raw, Class<?> contractType) {
        if (raw instanceof String || contractType.isInstance(raw)) {
            return raw;
        }
        throw new ClassCastException(raw.getClass().getName() + " is not a " + contractType.getSimpleName());
    }

    /** ENUM index 1..n names a member; 0 is the empty string the server stores for an invalid value. */
    private static String enumMember(List<String> members, int index) {
        if (index == 0) {
            return "";
        }
        if (index < 0 || index > members.size()) {
            throw new IllegalArgumentException("ENUM index " + index + " but the column has " + members.size() + " members");
        }
        return members.get(index - 1);
    }

    private static String setMembers(List<String> members, long bits) {
        if (members.size() < 64 && bits >>> members.size() != 0) {
            throw new IllegalArgumentException("SET bits " + Long.toBinaryString(bits) + " but the column has "
                    + members.size() + " members");
        }
        StringJoiner j = new StringJoiner(",");
        for (int i = 0; i < members.size(); i++) {
            if ((bits & (1L << i)) != 0) {
                j.add(members.get(i));
            }
        }
        return j.toString();
    }

    /** The {@code n}th number in {@code type(a,b)}, or {@code absent} when there is none. */
    private static int lengthPart(String columnType, int n, int absent) {
        Matcher m = LENGTH.matcher(columnType);
        if (!m.find() || m.group(n) == null) {
            return absent;
        }
        return Integer.parseInt(m.group(n));
    }

    /**
     * The members of {@code enum('a','it''s','x\\y')} as information_schema prints them: quoted,
     * quotes doubled, and the backslash escapes of {@code \0 \n \r \Z \\}.
     */
    static List<String> members(String columnType) {
        List<String> out = new ArrayList<>();
        int i = columnType.indexOf('(');
        if (i < 0) {
            throw new IllegalArgumentException("no member list in " + columnType);
        }
        StringBuilder cur = null;
        for (i = i + 1; i < columnType.length(); i++) {
            char c = columnType.charAt(i);
            if (cur == null) {
                if (c == '\'') {
                    cur = new StringBuilder();
                } else if (c == ')') {
                    return out;
                }
                continue;
            }
            if (c == '\\' && i + 1 < columnType.length()) {
                char e = columnType.charAt(++i);
                cur.append(switch (e) {
                    case '0' -> '\0';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 'Z' -> (char) 0x1A;
                    default -> e;
                });
            } else if (c == '\'' && i + 1 < columnType.length() && columnType.charAt(i + 1) == '\'') {
                cur.append('\'');
                i++;
            } else if (c == '\'') {
                out.add(cur.toString());
                cur = null;
            } else {
                cur.append(c);
            }
        }
        throw new IllegalArgumentException("unterminated member list in " + columnType);
    }
}
