package io.godwit.core.config.rules;

/**
 * A {@code db-name}/{@code tbl-name} pair from block-allow-list {@code do-tables}/{@code ignore-tables}.
 * Each side is a wildcard pattern ({@code *}, {@code ?}, {@code [a-z]}) or, when it starts with
 * {@code ~}, a regular expression, as in MySQL replication filters.
 */
public record TablePattern(String dbName, String tblName) {}
