package io.godwit.core.config;

import java.util.List;

/**
 * One entry of task.yaml {@code mysql-instances}: a source of the task and the names of the rules and
 * unit settings it uses. Runtime code should not resolve the names itself: {@link TaskPlan} does.
 * {@code blockAllowList} is the name given as {@code block-allow-list} or its deprecated spelling
 * {@code black-white-list}; "" means none. {@code meta}, {@code mydumper}, {@code loader} and
 * {@code syncer} are null when absent; a {@code *Thread} of 0 means "not set".
 */
public record MySqlInstance(String sourceId, BinlogMeta meta, List<String> routeRules, List<String> filterRules,
                            List<String> columnMappingRules, List<String> expressionFilters, String blockAllowList,
                            String mydumperConfigName, MydumperConfig mydumper, int mydumperThread,
                            String loaderConfigName, LoaderConfig loader, int loaderThread,
                            String syncerConfigName, SyncerConfig syncer, int syncerThread,
                            String validatorConfigName) {
    public MySqlInstance {
        sourceId = sourceId == null ? "" : sourceId;
        routeRules = routeRules == null ? List.of() : List.copyOf(routeRules);
        filterRules = filterRules == null ? List.of() : List.copyOf(filterRules);
        columnMappingRules = columnMappingRules == null ? List.of() : List.copyOf(columnMappingRules);
        expressionFilters = expressionFilters == null ? List.of() : List.copyOf(expressionFilters);
        blockAllowList = blockAllowList == null ? "" : blockAllowList;
        mydumperConfigName = mydumperConfigName == null ? "" : mydumperConfigName;
        loaderConfigName = loaderConfigName == null ? "" : loaderConfigName;
        syncerConfigName = syncerConfigName == null ? "" : syncerConfigName;
        validatorConfigName = validatorConfigName == null ? "" : validatorConfigName;
    }
}
