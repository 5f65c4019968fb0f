/**
 * MySQL boolean expressions over one row, for DM's {@code expression-filter}: a recursive-descent
 * {@link io.godwit.filters.expr.Parser} (literals, columns, comparison, AND/OR/XOR/NOT, arithmetic,
 * IS [NOT] NULL, [NOT] IN, [NOT] BETWEEN, [NOT] LIKE, a fixed set of functions) and an evaluator with
 * SQL's three-valued logic. {@link io.godwit.filters.expr.SqlExpression} is the entry point; value
 * conversions and their simplifications are described on {@link io.godwit.filters.expr.SqlValue}.
 */
package io.godwit.filters.expr;
