package io.godwit.core.config;

/** One entry of {@code expression-filter} (not supported yet): drop row changes whose SQL expression holds. */
public record ExpressionFilterConfig(String schema, String table, String insertValueExpr, String updateOldValueExpr,
                                     String updateNewValueExpr, String deleteValueExpr) {}
