package io.godwit.loader;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Streams the row tuples of the INSERT statements in a dump data file, one tuple at a time, without
 * holding the file in memory. A tuple is returned exactly as written between its parentheses
 * ({@code 1,'it\'s',x'00ff',NULL}), which is the row form {@link io.godwit.core.model.RowSink} expects.
 *
 * <p>Understood: {@code INSERT|REPLACE [IGNORE] INTO name [(columns)] VALUES (...),(...);} with quotes,
 * backslash escapes, doubled quotes, backquoted identifiers, nested parentheses and comments;
 * {@code SET ...;} statements, bare or in executable comments ({@code /*!40101 SET NAMES binary*}{@code /;}),
 * are skipped. Anything else is an error naming the file and position: nothing is skipped silently.
 */
final class InsertValuesReader implements Closeable {
    private final Reader in;
    private final String file;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int limit;
    private long base;
    private boolean inValues;
    private List<String> columns;
    private final StringBuilder row = new StringBuilder(256);

    InsertValuesReader(Reader in, String file) {
        this.in = in;
        this.file = file;
    }

    /** The next row tuple, or null at the end of the file. */
    String next() throws IOException {
        while (true) {
            if (inValues) {
                skipTrivia();
                if (read() != '(') {
                    throw error("expected '(' starting a row");
                }
                readTuple();
                skipTrivia();
                int c = read();
                if (c == ';' || c == -1) {
                    inValues = false;
                } else if (c != ',') {
                    throw error("expected ',' or ';' after a row");
                }
                return row.toString();
            }
            skipTrivia();
            int c = peek();
            if (c == -1) {
                return null;
            }
            if (c == ';') {
                read();
            } else if (c == '/') {
                skipExecutableSet();
            } else {
                String w = word().toUpperCase(Locale.ROOT);
                switch (w) {
                    case "INSERT", "REPLACE" -> header();
                    case "SET" -> skipStatement();
                    default -> throw error("unexpected statement '" + w + "' (only INSERT and SET are read)");
                }
            }
        }
    }

    /** Columns named by the INSERT statements (empty if they name none); null before the first statement. */
    List<String> columns() {
        return columns;
    }

    @Override public void close() throws IOException {
        in.close();
    }

    // ---- statements

    private void header() throws IOException {
        skipTrivia();
        String w = word().toUpperCase(Locale.ROOT);
        while (w.equals("IGNORE") || w.equals("LOW_PRIORITY") || w.equals("DELAYED") || w.equals("HIGH_PRIORITY")) {
            skipTrivia();
            w = word().toUpperCase(Locale.ROOT);
        }
        if (!w.equals("INTO")) {
            throw error("expected INTO");
        }
        skipTrivia();
        identifier();
        skipTrivia();
        if (peek() == '.') {
            read();
            skipTrivia();
            identifier();
            skipTrivia();
        }
        List<String> named = new ArrayList<>();
        if (peek() == '(') {
            read();
            while (true) {
                skipTrivia();
                named.add(identifier());
                skipTrivia();
                int c = read();
                if (c == ')') {
                    break;
                }
                if (c != ',') {
                    throw error("expected ',' or ')' in the column list");
                }
            }
            skipTrivia();
        }
        w = word().toUpperCase(Locale.ROOT);
        if (!w.equals("VALUES") && !w.equals("VALUE")) {
            throw error("expected VALUES");
        }
        if (columns == null) {
            columns = List.copyOf(named);
        } else if (!columns.equals(named)) {
            throw error("INSERT statements name different columns: " + columns + " and " + named);
        }
        inValues = true;
    }

    private void skipExecutableSet() throws IOException {
        expect('/');
        expect('*');
        if (peek() == 'M') {
            read();
        }
        if (peek() != '!') {
            throw error("expected an executable comment");
        }
        read();
        while (peek() >= '0' && peek() <= '9') {
            read();
        }
        skipTrivia();
        if (!word().equalsIgnoreCase("SET")) {
            throw error("unexpected executable comment (only SET is read)");
        }
        while (true) {
            int c = read();
            if (c == -1) {
                throw error("unterminated executable comment");
            }
            if (c == '\'' || c == '"' || c == '`') {
                skipQuoted((char) c);
            } else if (c == '*' && peek() == '/') {
                read();
                return;
            }
        }
    }

    private void skipStatement() throws IOException {
        while (true) {
            int c = read();
            if (c == -1 || c == ';') {
                return;
            }
            if (c == '\'' || c == '"' || c == '`') {
                skipQuoted((char) c);
            }
        }
    }

    // ---- the tuple: copied verbatim up to its closing parenthesis

    private void readTuple() throws IOException {
        row.setLength(0);
        int depth = 1;
        while (true) {
            if (pos == limit && !fill()) {
                throw error("unterminated row");
            }
            int start = pos;
            while (pos < limit && !special(buf[pos])) {
                pos++;
            }
            row.append(buf, start, pos - start);
            if (pos == limit) {
                continue;
            }
            char c = buf[pos++];
            switch (c) {
                case ')' -> {
                    if (--depth == 0) {
                        return;
                    }
                    row.append(c);
                }
                case '(' -> {
                    depth++;
                    row.append(c);
                }
                case '\'', '"' -> copyQuoted(c, true);
                case '`' -> copyQuoted(c, false);
                case '#' -> copyLineComment(c);
                case '-' -> {
                    if (peek() == '-') {
                        read();
                        int after = peek();
                        row.append("--");
                        if (after == -1 || Character.isWhitespace(after)) {
                            copyLineComment(null);
                        }
                    } else {
                        row.append(c);
                    }
                }
                case '/' -> {
                    row.append(c);
                    if (peek() == '*') {
                        row.append((char) read());
                        copyBlockComment();
                    }
                }
                default -> throw new IllegalStateException("unhandled " + c);
            }
        }
    }

    private static boolean special(char c) {
        return c == ')' || c == '(' || c == '\'' || c == '"' || c == '`' || c == '#' || c == '-' || c == '/';
    }

    private void copyQuoted(char quote, boolean backslash) throws IOException {
        row.append(quote);
        while (true) {
            if (pos == limit && !fill()) {
                throw error("unterminated " + quote + " quote");
            }
            int start = pos;
            while (pos < limit && buf[pos] != quote && !(backslash && buf[pos] == '\\')) {
                pos++;
            }
            row.append(buf, start, pos - start);
            if (pos == limit) {
                continue;
            }
            char c = buf[pos++];
            row.append(c);
            if (c == '\\') {
                int escaped = read();
                if (escaped == -1) {
                    throw error("unterminated " + quote + " quote");
                }
                row.append((char) escaped);
            } else if (peek() == quote) {
                row.append((char) read()); // doubled quote
            } else {
                return;
            }
        }
    }

    private void copyLineComment(Character first) throws IOException {
        if (first != null) {
            row.append(first.charValue());
        }
        int c;
        while ((c = read()) != -1) {
            row.append((char) c);
            if (c == '\n') {
                return;
            }
        }
        row.append('\n'); // keep the tuple's tail out of the comment when it is re-joined
    }

    private void copyBlockComment() throws IOException {
        int c;
        while ((c = read()) != -1) {
            row.append((char) c);
            if (c == '*' && peek() == '/') {
                row.append((char) read());
                return;
            }
        }
        throw error("unterminated comment");
    }

    // ---- lexing between tuples

    private void skipTrivia() throws IOException {
        while (true) {
            int c = peek();
            if (c == -1) {
                return;
            }
            if (Character.isWhitespace(c)) {
                read();
            } else if (c == '#') {
                skipLine();
            } else if (c == '-' && peekSecond() == '-') {
                skipLine();
            } else if (c == '/' && peekSecond() == '*' && !executableAhead()) {
                read();
                read();
                int d;
                while ((d = read()) != -1) {
                    if (d == '*' && peek() == '/') {
                        read();
                        break;
                    }
                }
            } else {
                return;
            }
        }
    }

    private void skipLine() throws IOException {
        int c;
        while ((c = read()) != -1 && c != '\n') {
            // skip
        }
    }

    private void skipQuoted(char quote) throws IOException {
        int c;
        while ((c = read()) != -1) {
            if (c == '\\' && quote != '`') {
                read();
            } else if (c == quote) {
                if (peek() != quote) {
                    return;
                }
                read();
            }
        }
        throw error("unterminated " + quote + " quote");
    }

    private String word() throws IOException {
        StringBuilder b = new StringBuilder();
        while (peek() != -1 && SqlLexer.isWordChar((char) peek())) {
            b.append((char) read());
        }
        return b.toString();
    }

    private String identifier() throws IOException {
        if (peek() != '`') {
            String w = word();
            if (w.isEmpty()) {
                throw error("expected an identifier");
            }
            return w;
        }
        read();
        StringBuilder b = new StringBuilder();
        while (true) {
            int c = read();
            if (c == -1) {
                throw error("unterminated ` quote");
            }
            if (c == '`') {
                if (peek() != '`') {
                    return b.toString();
                }
                read();
            }
            b.append((char) c);
        }
    }

    private void expect(char c) throws IOException {
        if (read() != c) {
            throw error("expected '" + c + "'");
        }
    }

    // ---- buffer

    private int peek() throws IOException {
        if (pos == limit && !fill()) {
            return -1;
        }
        return buf[pos];
    }

    private int read() throws IOException {
        if (pos == limit && !fill()) {
            return -1;
        }
        return buf[pos++];
    }

    /** The character after the next one; keeps the next one in the buffer. */
    private int peekSecond() throws IOException {
        if (peek() == -1) {
            return -1;
        }
        if (pos + 1 >= limit) {
            compactAndFill();
        }
        return pos + 1 < limit ? buf[pos + 1] : -1;
    }

    /** {@code /*!} or {@code /*M!} ahead (the {@code /*} already seen by the caller). */
    private boolean executableAhead() throws IOException {
        if (pos + 3 >= limit) {
            compactAndFill();
        }
        return (pos + 2 < limit && buf[pos + 2] == '!') || (pos + 3 < limit && buf[pos + 2] == 'M' && buf[pos + 3] == '!');
    }

    private boolean fill() throws IOException {
        base += limit;
        pos = 0;
        limit = 0;
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            return false;
        }
        limit = n;
        return true;
    }

    private void compactAndFill() throws IOException {
        int keep = limit - pos;
        System.arraycopy(buf, pos, buf, 0, keep);
        base += pos;
        pos = 0;
        limit = keep;
        while (limit < 4) {
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                return;
            }
            limit += n;
        }
    }

    private GodwitException error(String what) {
        return new GodwitException(ErrorCode.DUMP_FILES, file + ": " + what + " at character " + (base + pos));
    }
}
