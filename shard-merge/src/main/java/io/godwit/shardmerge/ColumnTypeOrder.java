package io.godwit.shardmerge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The "wider than" order of MySQL column types that the optimistic join uses (DM's schemacmp order): a type is wider
 * when every value of the narrower one fits and the target can change the column to it in place.
 *
 * <ul>
 *   <li>integers: tinyint &lt; smallint &lt; mediumint &lt; int &lt; bigint, same signedness; display widths ignored</li>
 *   <li>char(n) &lt; char(m), varchar(n) &lt; varchar(m), char(n) &lt; varchar(m) for n &le; m; binary alike</li>
 *   <li>tinytext &lt; text &lt; mediumtext &lt; longtext; blobs alike</li>
 *   <li>decimal(p,s) &lt; decimal(p',s') when neither the integer digits nor the scale shrink</li>
 *   <li>float &lt; double; bit(n) &lt; bit(m)</li>
 *   <li>enum/set: members appended at the end</li>
 *   <li>anything else (dates, times, json, ...): only equal to itself</li>
 * </ul>
 * Types of different families (int and varchar, text and varchar, ...) are incompatible: TiDB cannot change one into the
 * other without rewriting data, and a merged column cannot hold both.
 */
final class ColumnTypeOrder {
    enum Relation { EQUAL, NARROWER, WIDER, INCOMPATIBLE }

    private static final Map<String, Integer> INTEGER_RANK =
            Map.of("tinyint", 0, "smallint", 1, "mediumint", 2, "int", 3, "integer", 3, "bigint", 4);
    private static final Map<String, Integer> TEXT_RANK = Map.of("tinytext", 0, "text", 1, "mediumtext", 2, "longtext", 3);
    private static final Map<String, Integer> BLOB_RANK = Map.of("tinyblob", 0, "blob", 1, "mediumblob", 2, "longblob", 3);
    private static final Map<String, Integer> FLOAT_RANK = Map.of("float", 0, "double", 1, "real", 1);

    private ColumnTypeOrder() {}

    /** How type {@code a} relates to type {@code b}: NARROWER means a &lt; b. */
    static Relation compare(String a, String b) {
        ParsedType x = ParsedType.parse(a);
        ParsedType y = ParsedType.parse(b);
        if (x.normalized().equals(y.normalized())) {
            return Relation.EQUAL;
        }
        if (INTEGER_RANK.containsKey(x.base) && INTEGER_RANK.containsKey(y.base)) {
            if (x.unsigned() != y.unsigned()) {
                return Relation.INCOMPATIBLE;
            }
            return byRank(INTEGER_RANK.get(x.base), INTEGER_RANK.get(y.base));
        }
        if (TEXT_RANK.containsKey(x.base) && TEXT_RANK.containsKey(y.base)) {
            return byRank(TEXT_RANK.get(x.base), TEXT_RANK.get(y.base));
        }
        if (BLOB_RANK.containsKey(x.base) && BLOB_RANK.containsKey(y.base)) {
            return byRank(BLOB_RANK.get(x.base), BLOB_RANK.get(y.base));
        }
        if (FLOAT_RANK.containsKey(x.base) && FLOAT_RANK.containsKey(y.base) && x.params.isEmpty() && y.params.isEmpty()
                && x.rest.equals(y.rest)) {
            return byRank(FLOAT_RANK.get(x.base), FLOAT_RANK.get(y.base));
        }
        if (!x.rest.equals(y.rest)) {
            return Relation.INCOMPATIBLE;
        }
        Relation strings = compareStrings(x, y, "char", "varchar");
        if (strings != null) {
            return strings;
        }
        Relation binaries = compareStrings(x, y, "binary", "varbinary");
        if (binaries != null) {
            return binaries;
        }
        if (isDecimal(x.base) && isDecimal(y.base)) {
            return compareDecimals(x, y);
        }
        if (x.base.equals("bit") && y.base.equals("bit")) {
            return byRank(firstNumber(x, 1), firstNumber(y, 1));
        }
        if ((x.base.equals("enum") || x.base.equals("set")) && x.base.equals(y.base)) {
            return compareMembers(ParsedType.members(x.params), ParsedType.members(y.params));
        }
        return Relation.INCOMPATIBLE;
    }

    /** The wider of two comparable types, {@code a} when equal; null when incompatible. */
    static String wider(String a, String b) {
        return switch (compare(a, b)) {
            case EQUAL, WIDER -> a;
            case NARROWER -> b;
            case INCOMPATIBLE -> null;
        };
    }

    private static Relation byRank(int a, int b) {
        return a == b ? Relation.EQUAL : a < b ? Relation.NARROWER : Relation.WIDER;
    }

    /** char/varchar (or binary/varbinary): null when the types are not both of that pair. */
    private static Relation compareStrings(ParsedType x, ParsedType y, String fixed, String variable) {
        boolean xIn = x.base.equals(fixed) || x.base.equals(variable);
        boolean yIn = y.base.equals(fixed) || y.base.equals(variable);
        if (!xIn || !yIn) {
            return null;
        }
        int xLen = firstNumber(x, 1);
        int yLen = firstNumber(y, 1);
        if (x.base.equals(y.base)) {
            return byRank(xLen, yLen);
        }
        // fixed(n) fits variable(m) for n <= m; the other way round pads or truncates
        if (x.base.equals(fixed)) {
            return xLen <= yLen ? Relation.NARROWER : Relation.INCOMPATIBLE;
        }
        return yLen <= xLen ? Relation.WIDER : Relation.INCOMPATIBLE;
    }

    private static boolean isDecimal(String base) {
        return base.equals("decimal") || base.equals("numeric") || base.equals("dec") || base.equals("fixed");
    }

    private static Relation compareDecimals(ParsedType x, ParsedType y) {
        int xScale = number(x, 1, 0);
        int yScale = number(y, 1, 0);
        int xDigits = number(x, 0, 10) - xScale;
        int yDigits = number(y, 0, 10) - yScale;
        if (xScale == yScale && xDigits == yDigits) {
            return Relation.EQUAL;
        }
        if (xScale <= yScale && xDigits <= yDigits) {
            return Relation.NARROWER;
        }
        if (xScale >= yScale && xDigits >= yDigits) {
            return Relation.WIDER;
        }
        return Relation.INCOMPATIBLE;
    }

    private static Relation compareMembers(List<String> a, List<String> b) {
        if (a.equals(b)) {
            return Relation.EQUAL;
        }
        if (a.size() < b.size() && b.subList(0, a.size()).equals(a)) {
            return Relation.NARROWER;
        }
        if (b.size() < a.size() && a.subList(0, b.size()).equals(b)) {
            return Relation.WIDER;
        }
        return Relation.INCOMPATIBLE;
    }

    private static int firstNumber(ParsedType t, int absent) { return number(t, 0, absent); }

    private static int number(ParsedType t, int index, int absent) {
        String[] parts = t.params.isEmpty() ? new String[0] : t.params.split(",");
        if (index >= parts.length) {
            return absent;
        }
        try {
            return Integer.parseInt(parts[index].trim());
        } catch (NumberFormatException e) {
            return absent;
        }
    }

    /**
     * A column type split into base name, parameter text and trailing attributes: {@code int(10) unsigned} is
     * ({@code int}, {@code 10}, {@code unsigned}). Base and attributes are lower-cased; parameters keep their case
     * (enum members are case-sensitive text) but lose spaces outside quotes.
     */
    private record ParsedType(String base, String params, String rest) {
        static ParsedType parse(String columnType) {
            String t = columnType.trim();
            int open = t.indexOf('(');
            int close = t.lastIndexOf(')');
            if (open < 0 || close < open) {
                int space = t.indexOf(' ');
                String base = space < 0 ? t : t.substring(0, space);
                String rest = space < 0 ? "" : t.substring(space + 1);
                return new ParsedType(base.toLowerCase(Locale.ROOT), "", normalRest(rest));
            }
            return new ParsedType(t.substring(0, open).trim().toLowerCase(Locale.ROOT),
                    withoutSpacesOutsideQuotes(t.substring(open + 1, close)), normalRest(t.substring(close + 1)));
        }

        boolean unsigned() { return rest.contains("unsigned"); }

        /** The comparable text: integer display widths and zerofill do not change what a column holds. */
        String normalized() {
            if (INTEGER_RANK.containsKey(base)) {
                return (base.equals("integer") ? "int" : base) + (unsigned() ? " unsigned" : "");
            }
            return base + (params.isEmpty() ? "" : "(" + params + ")") + (rest.isEmpty() ? "" : " " + rest);
        }

        private static String normalRest(String rest) {
            return String.join(" ", rest.trim().toLowerCase(Locale.ROOT).replace("zerofill", "").trim().split("\\s+"))
                    .trim();
        }

        private static String withoutSpacesOutsideQuotes(String params) {
            StringBuilder b = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < params.length(); i++) {
                char c = params.charAt(i);
                if (c == '\'') {
                    quoted = !quoted;
                }
                if (quoted || !Character.isWhitespace(c)) {
                    b.append(c);
                }
            }
            return b.toString();
        }

        /** The quoted members of an enum/set parameter list, quotes kept ({@code 'a','it''s'}). */
        static List<String> members(String params) {
            List<String> members = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < params.length(); i++) {
                char c = params.charAt(i);
                if (c == '\'') {
                    quoted = !quoted;
                }
                if (c == ',' && !quoted) {
                    members.add(current.toString());
                    current.setLength(0);
                } else {
                    current.append(c);
                }
            }
            if (!current.isEmpty()) {
                members.add(current.toString());
            }
            return members;
        }
    }
}
