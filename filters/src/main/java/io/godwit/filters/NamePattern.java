package io.godwit.filters;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A schema or table name pattern as DM writes them: a wildcard ({@code *}, {@code ?}, {@code [...]}) or,
 * with a leading {@code ~}, a regular expression. Wildcards follow tidb-tools' table-rule-selector: at most
 * one {@code *} and only as the last character, {@code ?} is exactly one character, {@code [a-z]} /
 * {@code [!a-z]} a character class, and a {@code [} without a closing {@code ]} a literal. Regular
 * expressions are searched in the name (Go's {@code MatchString}), not matched against the whole of it.
 */
sealed interface NamePattern permits NamePattern.Wildcard, NamePattern.Regex {

    boolean matches(String name);

    /** The pattern as configured. */
    String text();

    /**
     * @param where for error messages, e.g. {@code block-allow-list do-dbs}
     * @throws GodwitException CONFIG_INVALID naming the pattern and what is wrong with it
     */
    static NamePattern parse(String text, boolean caseSensitive, boolean regexAllowed, String where) {
        if (text == null || text.isEmpty()) {
            throw invalid(where, "pattern must not be empty");
        }
        if (text.startsWith("~")) {
            if (!regexAllowed) {
                throw invalid(where, "pattern \"" + text + "\" is a regular expression (leading ~), "
                        + "but only wildcards (*, ?, [...]) are supported here");
            }
            return new Regex(text, compileRegex(text.substring(1), !caseSensitive, where));
        }
        return Wildcard.parse(text, caseSensitive, where);
    }

    /**
     * Compiles a regular expression written for Go's RE2, as DM's are. Java's syntax is a superset for
     * what task files use, except Go's {@code (?P<name>...)} groups, translated here.
     */
    static Pattern compileRegex(String regex, boolean caseInsensitive, String where) {
        String javaRegex = regex.replace("(?P<", "(?<");
        try {
            return Pattern.compile(javaRegex, caseInsensitive ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        } catch (PatternSyntaxException e) {
            throw invalid(where, "regular expression \"" + regex + "\" does not compile: "
                    + e.getDescription() + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
        }
    }

    private static GodwitException invalid(String where, String detail) {
        return new GodwitException(ErrorCode.CONFIG_INVALID, where + ": " + detail);
    }

    /** Regular expression pattern; case-insensitive unless the task is case-sensitive. */
    record Regex(String text, Pattern regex) implements NamePattern {
        @Override public boolean matches(String name) { return regex.matcher(name).find(); }
    }

    /** One character position of a wildcard. */
    sealed interface Position permits Literal, AnyChar, CharClass {
        boolean accepts(char c);
    }

    record Literal(char c) implements Position {
        @Override public boolean accepts(char x) { return x == c; }
    }

    record AnyChar() implements Position {
        @Override public boolean accepts(char x) { return true; }
    }

    /** {@code [...]}: single characters and ranges, negated by a leading {@code !}. */
    record CharClass(boolean negated, char[] from, char[] to) implements Position {
        @Override public boolean accepts(char x) {
            for (int i = 0; i < from.length; i++) {
                if (from[i] <= x && x <= to[i]) {
                    return !negated;
                }
            }
            return negated;
        }
    }

    /**
     * A wildcard: fixed positions, optionally followed by a trailing {@code *}. Case-insensitive
     * comparison folds pattern and name per character, like DM's lower-casing of both.
     */
    record Wildcard(String text, boolean caseSensitive, List<Position> positions, boolean trailingStar)
            implements NamePattern {

        static Wildcard parse(String text, boolean caseSensitive, String where) {
            String p = caseSensitive ? text : fold(text);
            List<Position> positions = new ArrayList<>();
            boolean star = false;
            for (int i = 0; i < p.length(); i++) {
                if (star) {
                    throw invalid(where, "pattern \"" + text + "\": `*` is allowed only as the last character");
                }
                char c = p.charAt(i);
                switch (c) {
                    case '*' -> star = true;
                    case '?' -> positions.add(new AnyChar());
                    case '[' -> {
                        int close = p.indexOf(']', i + 1);
                        if (close < 0) {
                            positions.add(new Literal('['));
                        } else {
                            positions.add(charClass(p.substring(i + 1, close), text, where));
                            i = close;
                        }
                    }
                    default -> positions.add(new Literal(c));
                }
            }
            return new Wildcard(text, caseSensitive, List.copyOf(positions), star);
        }

        /** Mirrors table-rule-selector: {@code x-y} is a range only when something follows the dash. */
        private static Position charClass(String body, String text, String where) {
            boolean negated = body.startsWith("!");
            String items = negated ? body.substring(1) : body;
            if (items.isEmpty()) {
                if (negated) {
                    return new Literal('!'); // DM reads "[!]" as the character '!'
                }
                throw invalid(where, "pattern \"" + text + "\": empty character class `[]` matches nothing");
            }
            StringBuilder from = new StringBuilder();
            StringBuilder to = new StringBuilder();
            for (int k = 0; k < items.length(); k++) {
                char start = items.charAt(k);
                char end = start;
                if (k + 2 < items.length() && items.charAt(k + 1) == '-') {
                    end = items.charAt(k + 2);
                    k += 2;
                    if (end < start) {
                        throw invalid(where, "pattern \"" + text + "\": range " + start + "-" + end + " is reversed");
                    }
                }
                from.append(start);
                to.append(end);
            }
            return new CharClass(negated, from.toString().toCharArray(), to.toString().toCharArray());
        }

        @Override public boolean matches(String name) {
            String n = caseSensitive ? name : fold(name);
            int size = positions.size();
            if (trailingStar ? n.length() < size : n.length() != size) {
                return false;
            }
            for (int i = 0; i < size; i++) {
                if (!positions.get(i).accepts(n.charAt(i))) {
                    return false;
                }
            }
            return true;
        }

        /** Per-character lower case: keeps lengths equal, unlike {@code String.toLowerCase} for a few letters. */
        static String fold(String s) {
            char[] cs = s.toCharArray();
            for (int i = 0; i < cs.length; i++) {
                cs[i] = Character.toLowerCase(cs[i]);
            }
            return new String(cs);
        }
    }
}
