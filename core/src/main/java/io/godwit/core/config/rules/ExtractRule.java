package io.godwit.core.config.rules;

/**
 * DM's {@code extract-table}/{@code extract-schema}/{@code extract-source} of a route: the regular
 * expression's capture groups, concatenated, are written into {@code targetColumn} of the merged table.
 */
public record ExtractRule(String regexp, String targetColumn) {}
