package io.godwit.dmctl;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text into statements at the semicolons that end them, as DM's {@code binlog replace} takes
 * "{@code stmt1; stmt2}". A semicolon inside a quoted string or name ({@code '...'}, {@code "..."},
 * {@code `...`}) or a comment ({@code -- }, {@code #}, {@code /* *}{@code /}) does not end a statement.
 * Only the splitting is done here; the target parses each statement when it runs it.
 */
final class StatementSplitter {
    private StatementSplitter() {}

    /** The non-empty statements of {@code sql}, trimmed, without their terminating semicolons. */
    static List<String> split(String sql) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            int end;
            if (c == '\'' || c == '"' || c == '`') {
                end = quotedEnd(sql, i, c);
            } else if (c == '#' || (c == '-' && sql.startsWith("-- ", i)) || (c == '-' && sql.startsWith("--\n", i))) {
                int newline = sql.indexOf('\n', i);
                end = newline < 0 ? sql.length() : newline;
            } else if (c == '/' && sql.startsWith("/*", i)) {
                int close = sql.indexOf("*/", i + 2);
                end = close < 0 ? sql.length() : close + 2;
            } else if (c == ';') {
                add(statements, current);
                i++;
                continue;
            } else {
                end = i + 1;
            }
            current.append(sql, i, end);
            i = end;
        }
        add(statements, current);
        return statements;
    }

    /** The index after the quote that closes the one at {@code start}; a backslash or a doubled quote escapes it. */
    private static int quotedEnd(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\\' && quote != '`') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    private static void add(List<String> statements, StringBuilder current) {
        String s = current.toString().trim();
        if (!s.isEmpty()) {
            statements.add(s);
        }
        current.setLength(0);
    }
}
