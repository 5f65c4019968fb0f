package io.godwit.core.config;

/**
 * One entry of {@code expression-filter}: drop a table's binlog row changes whose SQL expression is TRUE.
 * Expressions are checked and evaluated by {@code io.godwit.filters.ExpressionFilter}; empty means absent.
 */
public record ExpressionFilterConfig(String schema, String table, String insertValueExpr, String updateOldValueExpr,
                                     String updateNewValueExpr, String deleteValueExpr) {}
