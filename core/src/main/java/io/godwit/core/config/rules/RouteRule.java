package io.godwit.core.config.rules;

/**
 * One named entry of {@code routes}. {@code tablePattern} empty means a schema-level rule.
 * Patterns are wildcards as in DM ({@code *}, {@code ?}). The extract rules may be null.
 */
public record RouteRule(String schemaPattern, String tablePattern, String targetSchema, String targetTable,
                        ExtractRule extractTable, ExtractRule extractSchema, ExtractRule extractSource) {
    public RouteRule {
        tablePattern = tablePattern == null ? "" : tablePattern;
        targetTable = targetTable == null ? "" : targetTable;
    }

    public boolean isSchemaLevel() { return tablePattern.isEmpty(); }
}
