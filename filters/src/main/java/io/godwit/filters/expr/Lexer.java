package io.godwit.filters.expr;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import java.util.ArrayList;
import java.util.List;

/** Splits a MySQL expression into tokens: numbers, strings, names (plain or backquoted) and operators. */
final class Lexer {

    enum Kind { NUMBER, STRING, NAME, QUOTED_NAME, SYMBOL, END }

    record Token(Kind kind, String text, int at) {
        boolean is(String word) {
            return (kind == Kind.NAME || kind == Kind.SYMBOL) && text.equalsIgnoreCase(word);
        }
    }

    private static final String[] SYMBOLS = {"<=>", "<>", "!=", "<=", ">=", "&&", "||", "=", "<", ">", "(", ")",
            ",", "+", "-", "*", "/", "%", "!"};

    private Lexer() {}

    static List<Token> tokens(String text) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1)))) {
                i = number(text, i, out);
            } else if (c == '\'' || c == '"') {
                i = string(text, i, out);
            } else if (c == '`') {
                i = quotedName(text, i, out);
            } else if (Character.isLetter(c) || c == '_' || c == '$') {
                int start = i;
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_'
                        || text.charAt(i) == '$')) {
                    i++;
                }
                out.add(new Token(Kind.NAME, text.substring(start, i), start));
            } else {
                i = symbol(text, i, out);
            }
        }
        out.add(new Token(Kind.END, "", text.length()));
        return out;
    }

    private static int number(String text, int i, List<Token> out) {
        int start = i;
        while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
            i++;
        }
        if (i < text.length() && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < text.length() && (text.charAt(j) == '+' || text.charAt(j) == '-')) {
                j++;
            }
            if (j < text.length() && Character.isDigit(text.charAt(j))) {
                i = j;
                while (i < text.length() && Character.isDigit(text.charAt(i))) {
                    i++;
                }
            }
        }
        String n = text.substring(start, i);
        if (n.indexOf('.') != n.lastIndexOf('.')) {
            throw error(start, "malformed number " + n);
        }
        out.add(new Token(Kind.NUMBER, n, start));
        return i;
    }

    /** A quoted string with MySQL's escapes: a doubled quote, and backslash sequences. */
    private static int string(String text, int i, List<Token> out) {
        char quote = text.charAt(i);
        int start = i++;
        StringBuilder s = new StringBuilder();
        while (true) {
            if (i >= text.length()) {
                throw error(start, "unterminated string");
            }
            char c = text.charAt(i);
            if (c == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    s.append(quote);
                    i += 2;
                    continue;
                }
                out.add(new Token(Kind.STRING, s.toString(), start));
                return i + 1;
            }
            if (c == '\\' && i + 1 < text.length()) {
                char e = text.charAt(i + 1);
                switch (e) {
                    case 'n' -> s.append('\n');
                    case 't' -> s.append('\t');
                    case 'r' -> s.append('\r');
                    case '0' -> s.append('\0');
                    // LIKE keeps \% and \_ as escapes of its own, as MySQL does.
                    case '%', '_' -> s.append('\\').append(e);
                    default -> s.append(e);
                }
                i += 2;
                continue;
            }
            s.append(c);
            i++;
        }
    }

    private static int quotedName(String text, int i, List<Token> out) {
        int start = i++;
        StringBuilder s = new StringBuilder();
        while (true) {
            if (i >= text.length()) {
                throw error(start, "unterminated `name`");
            }
            char c = text.charAt(i);
            if (c == '`') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '`') {
                    s.append('`');
                    i += 2;
                    continue;
                }
                out.add(new Token(Kind.QUOTED_NAME, s.toString(), start));
                return i + 1;
            }
            s.append(c);
            i++;
        }
    }

    private static int symbol(String text, int i, List<Token> out) {
        for (String s : SYMBOLS) {
            if (text.startsWith(s, i)) {
                out.add(new Token(Kind.SYMBOL, s, i));
                return i + s.length();
            }
        }
        throw error(i, "unexpected character '" + text.charAt(i) + "'");
    }

    static GodwitException error(int at, String what) {
        return new GodwitException(ErrorCode.CONFIG_INVALID, what + " at offset " + at);
    }
}
