package io.godwit.core.config;

import io.godwit.core.config.rules.BlockAllowListRule;
import io.godwit.core.config.rules.EventFilterRule;
import io.godwit.core.config.rules.RouteRule;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A DM {@code task.yaml}, as validated. Deprecated keys that DM folds into their successors are folded
 * the same way: {@code is-sharding} into {@link #shardMode}, {@code black-white-list} into
 * {@link #blockAllowList}, {@code online-ddl-scheme} into {@link #onlineDdl}. Keys DM accepts and ignores
 * (heartbeat, {@code max-allowed-packet}, ...) are validated but not kept. Named rules are resolved per
 * instance by {@link TaskPlan}. Maps keep the file's order.
 */
public record TaskConfig(String name, TaskMode taskMode, ShardMode shardMode, boolean strictOptimisticShardMode,
                         String metaSchema, boolean caseSensitive, CollationCompatible collationCompatible,
                         String timezone, List<String> ignoreCheckingItems, boolean cleanDumpFile, boolean removeMeta,
                         boolean onlineDdl, List<String> shadowTableRules, List<String> trashTableRules,
                         DatabaseConfig targetDatabase, List<MySqlInstance> mysqlInstances,
                         Map<String, RouteRule> routes, Map<String, EventFilterRule> filters,
                         Map<String, ExpressionFilterConfig> expressionFilter,
                         Map<String, BlockAllowListRule> blockAllowList,
                         Map<String, ColumnMappingConfig> columnMappings,
                         Map<String, MydumperConfig> mydumpers, Map<String, LoaderConfig> loaders,
                         Map<String, SyncerConfig> syncers, Map<String, ValidatorConfig> validators,
                         Experimental experimental) {

    /** {@code collation_compatible}: whether CREATE statements get the source's implicit collation spelled out. */
    public enum CollationCompatible { LOOSE, STRICT }

    /** {@code experimental}. */
    public record Experimental(boolean asyncCheckpointFlush) {
        public static final Experimental DEFAULT = new Experimental(false);
    }

    public TaskConfig {
        name = name == null ? "" : name;
        metaSchema = metaSchema == null ? "" : metaSchema;
        timezone = timezone == null ? "" : timezone;
        ignoreCheckingItems = list(ignoreCheckingItems);
        shadowTableRules = list(shadowTableRules);
        trashTableRules = list(trashTableRules);
        mysqlInstances = list(mysqlInstances);
        routes = map(routes);
        filters = map(filters);
        expressionFilter = map(expressionFilter);
        blockAllowList = map(blockAllowList);
        columnMappings = map(columnMappings);
        mydumpers = map(mydumpers);
        loaders = map(loaders);
        syncers = map(syncers);
        validators = map(validators);
        experimental = experimental == null ? Experimental.DEFAULT : experimental;
    }

    public TaskConfig withTargetDatabase(DatabaseConfig target) {
        return new TaskConfig(name, taskMode, shardMode, strictOptimisticShardMode, metaSchema, caseSensitive,
                collationCompatible, timezone, ignoreCheckingItems, cleanDumpFile, removeMeta, onlineDdl,
                shadowTableRules, trashTableRules, target, mysqlInstances, routes, filters, expressionFilter,
                blockAllowList, columnMappings, mydumpers, loaders, syncers, validators, experimental);
    }

    /**
     * This task as one worker runs it for one source (DM's subtask): {@link #mysqlInstances} holds only the
     * instance of {@code sourceId}; everything else, the named rules the other instances use included, is kept.
     *
     * @throws GodwitException {@link ErrorCode#CLUSTER_NOT_FOUND} when no instance has that source-id
     */
    public TaskConfig forSource(String sourceId) {
        List<MySqlInstance> one = mysqlInstances.stream().filter(i -> i.sourceId().equals(sourceId)).toList();
        if (one.isEmpty()) {
            throw new GodwitException(ErrorCode.CLUSTER_NOT_FOUND,
                    "task " + name + " has no mysql-instance with source-id " + sourceId);
        }
        return new TaskConfig(name, taskMode, shardMode, strictOptimisticShardMode, metaSchema, caseSensitive,
                collationCompatible, timezone, ignoreCheckingItems, cleanDumpFile, removeMeta, onlineDdl,
                shadowTableRules, trashTableRules, targetDatabase, one, routes, filters, expressionFilter,
                blockAllowList, columnMappings, mydumpers, loaders, syncers, validators, experimental);
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : List.copyOf(l);
    }

    private static <V> Map<String, V> map(Map<String, V> m) {
        return m == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
