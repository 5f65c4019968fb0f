package io.godwit.loader;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits MySQL-family SQL text into tokens that keep their exact source spans, so a rewrite can
 * replace a few tokens and leave every other byte of the statement as it was. Quotes, backquotes,
 * backslash escapes, doubled quotes and all comment forms are honoured; an executable comment
 * ({@code /*!40101 ... *}{@code /}, MariaDB's {@code /*M!...}) yields an open and a close token with
 * its content lexed as ordinary SQL, because servers execute it.
 */
final class SqlLexer {
    enum Kind { SPACE, COMMENT, EXEC_COMMENT_OPEN, EXEC_COMMENT_CLOSE, STRING, QUOTED_ID, WORD, PUNCT }

    record Token(Kind kind, String text, int start, int end) {
        boolean isWord(String word) {
            return kind == Kind.WORD && text.equalsIgnoreCase(word);
        }

        boolean isPunct(char c) {
            return kind == Kind.PUNCT && text.charAt(0) == c;
        }

        boolean isIdentifier() {
            return kind == Kind.WORD || kind == Kind.QUOTED_ID;
        }

        /** Insignificant for the statement's meaning: whitespace and plain comments. */
        boolean isTrivia() {
            return kind == Kind.SPACE || kind == Kind.COMMENT;
        }

        /** The identifier or string value: backquotes/quotes removed and doubled quotes undone. */
        String value() {
            return switch (kind) {
                case QUOTED_ID -> text.substring(1, text.length() - 1).replace("``", "`");
                case STRING -> unquoteString(text);
                default -> text;
            };
        }

        String upper() {
            return text.toUpperCase(Locale.ROOT);
        }
    }

    private SqlLexer() {}

    /** Tokens of {@code sql}; throws {@link IllegalArgumentException} for an unterminated quote or comment. */
    static List<Token> tokenize(String sql) {
        List<Token> out = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        boolean inExec = false;
        while (i < n) {
            char c = sql.charAt(i);
            int start = i;
            Kind kind;
            if (Character.isWhitespace(c)) {
                while (i < n && Character.isWhitespace(sql.charAt(i))) {
                    i++;
                }
                kind = Kind.SPACE;
            } else if (c == '\'' || c == '"') {
                i = endOfQuoted(sql, i, c, true);
                kind = Kind.STRING;
            } else if (c == '`') {
                i = endOfQuoted(sql, i, '`', false);
                kind = Kind.QUOTED_ID;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int bang = i + 2 < n && sql.charAt(i + 2) == 'M' ? i + 3 : i + 2;
                if (!inExec && bang < n && sql.charAt(bang) == '!') {
                    i = bang + 1;
                    while (i < n && Character.isDigit(sql.charAt(i))) {
                        i++;
                    }
                    inExec = true;
                    kind = Kind.EXEC_COMMENT_OPEN;
                } else {
                    int close = sql.indexOf("*/", i + 2);
                    if (close < 0) {
                        throw new IllegalArgumentException("unterminated comment at offset " + i);
                    }
                    i = close + 2;
                    kind = Kind.COMMENT;
                }
            } else if (inExec && c == '*' && i + 1 < n && sql.charAt(i + 1) == '/') {
                i += 2;
                inExec = false;
                kind = Kind.EXEC_COMMENT_CLOSE;
            } else if (c == '#' || (c == '-' && i + 2 <= n && sql.startsWith("--", i)
                    && (i + 2 == n || Character.isWhitespace(sql.charAt(i + 2))))) {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? n : nl;
                kind = Kind.COMMENT;
            } else if (isWordChar(c)) {
                while (i < n && isWordChar(sql.charAt(i))) {
                    i++;
                }
                kind = Kind.WORD;
            } else {
                i++;
                kind = Kind.PUNCT;
            }
            out.add(new Token(kind, sql.substring(start, i), start, i));
        }
        if (inExec) {
            throw new IllegalArgumentException("unterminated executable comment");
        }
        return out;
    }

    static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$'
                || c >= 0x80;
    }

    /** Index just past the closing quote of the quoted text starting at {@code open}. */
    private static int endOfQuoted(String sql, int open, char quote, boolean backslashEscapes) {
        int n = sql.length();
        int i = open + 1;
        while (i < n) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < n && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        throw new IllegalArgumentException("unterminated " + quote + " quote at offset " + open);
    }

    private static String unquoteString(String text) {
        char q = text.charAt(0);
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 1; i < text.length() - 1; i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() - 1) {
                char e = text.charAt(++i);
                b.append(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case '0' -> '\0';
                    case 'Z' -> (char) 26;
                    case 'b' -> '\b';
                    default -> e;
                });
            } else if (c == q) {
                i++; // the second of a doubled quote
                b.append(q);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
