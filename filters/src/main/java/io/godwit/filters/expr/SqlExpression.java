package io.godwit.filters.expr;

import io.godwit.core.error.GodwitException;
import java.util.List;
import java.util.Locale;

/**
 * A MySQL boolean expression over one row's columns, as DM's {@code expression-filter} takes them
 * ({@code c % 2 = 0}, {@code name LIKE 'tmp\_%' OR deleted_at IS NOT NULL}). Parsed by
 * {@link #check} when a task starts, to report a syntax error or an unknown function early, and
 * {@link #bind bound} to a table's columns when rows of the table arrive. Immutable and thread-safe.
 * Value semantics and their simplifications: see {@link SqlValue}.
 */
public final class SqlExpression {
    private final String text;
    private final Node root;

    private SqlExpression(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    /**
     * Checks the syntax and the functions of {@code text}, accepting any column name.
     *
     * @throws GodwitException CONFIG_INVALID naming the problem and its offset
     */
    public static void check(String text) {
        Parser.parse(text, name -> 0);
    }

    /**
     * The expression with column names (case-insensitive, as MySQL's) resolved to positions in {@code columns}.
     *
     * @throws GodwitException CONFIG_INVALID for a syntax error, an unknown function or an unknown column
     */
    public static SqlExpression bind(String text, List<String> columns) {
        List<String> folded = columns.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
        return new SqlExpression(text, Parser.parse(text, name -> folded.indexOf(name.toLowerCase(Locale.ROOT))));
    }

    /** The expression's truth on {@code row}: null when it is NULL (unknown). */
    public Boolean evaluate(Object[] row) {
        return SqlValue.truth(root.eval(row));
    }

    /** Whether the expression is TRUE on {@code row}; FALSE and NULL are not. */
    public boolean isTrue(Object[] row) {
        return Boolean.TRUE.equals(evaluate(row));
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
