package io.godwit.core.config;

import java.util.List;

/** One entry of {@code column-mappings} (deprecated in DM, which rejects it; not supported). */
public record ColumnMappingConfig(String schemaPattern, String tablePattern, String sourceColumn, String targetColumn,
                                  String expression, List<String> arguments, String createTableQuery) {
    public ColumnMappingConfig {
        arguments = arguments == null ? List.of() : List.copyOf(arguments);
    }
}
