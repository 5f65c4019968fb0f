package io.godwit.core.config;

import io.godwit.core.config.internal.UnitSchema;
import io.godwit.core.config.rules.BlockAllowListRule;
import io.godwit.core.config.rules.EventFilterRule;
import io.godwit.core.config.rules.RouteRule;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.BinlogLocation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated task seen per source: resolves the names an instance gives into the rules and unit
 * settings they stand for, the way DM does, so that runtime code never handles names. A name that is
 * not defined cannot occur in a validated task; here it is an internal error.
 */
public record TaskPlan(TaskConfig task) {

    public List<MySqlInstance> instances() { return task.mysqlInstances(); }

    public MySqlInstance instance(String sourceId) {
        return task.mysqlInstances().stream().filter(i -> i.sourceId().equals(sourceId)).findFirst()
                .orElseThrow(() -> new GodwitException(ErrorCode.INTERNAL,
                        "task " + task.name() + " has no mysql-instance with source-id " + sourceId));
    }

    /** The instance's route rules, in the order it lists them. */
    public List<RouteRule> routes(MySqlInstance instance) {
        return List.copyOf(named(instance.routeRules(), task.routes(), "routes").values());
    }

    /** The instance's binlog event filters by name, in the order it lists them. */
    public Map<String, EventFilterRule> eventFilters(MySqlInstance instance) {
        return named(instance.filterRules(), task.filters(), "filters");
    }

    /** The instance's block-allow list; {@link BlockAllowListRule#ALLOW_ALL} when it names none. */
    public BlockAllowListRule blockAllowList(MySqlInstance instance) {
        return instance.blockAllowList().isEmpty() ? BlockAllowListRule.ALLOW_ALL
                : lookup(task.blockAllowList(), instance.blockAllowList(), "block-allow-list");
    }

    /** Dump settings: the named or inline {@code mydumper}, else the defaults; {@code mydumper-thread} wins over {@code threads}. */
    public MydumperConfig mydumper(MySqlInstance instance) {
        MydumperConfig c = pick(instance.mydumperConfigName(), task.mydumpers(), instance.mydumper(), "mydumpers",
                UnitSchema.MYDUMPER.defaults());
        return instance.mydumperThread() > 0 ? c.withThreads(instance.mydumperThread()) : c;
    }

    /** Load settings, likewise; {@code loader-thread} wins over {@code pool-size}. */
    public LoaderConfig loader(MySqlInstance instance) {
        LoaderConfig c = pick(instance.loaderConfigName(), task.loaders(), instance.loader(), "loaders",
                UnitSchema.LOADER.defaults());
        return instance.loaderThread() > 0 ? c.withPoolSize(instance.loaderThread()) : c;
    }

    /** Sync settings, likewise; {@code syncer-thread} wins over {@code worker-count}. */
    public SyncerConfig syncer(MySqlInstance instance) {
        SyncerConfig c = pick(instance.syncerConfigName(), task.syncers(), instance.syncer(), "syncers",
                UnitSchema.SYNCER.defaults());
        return instance.syncerThread() > 0 ? c.withWorkerCount(instance.syncerThread()) : c;
    }

    public ValidatorConfig validator(MySqlInstance instance) {
        return instance.validatorConfigName().isEmpty() ? ValidatorConfig.OFF
                : lookup(task.validators(), instance.validatorConfigName(), "validators");
    }

    /** Where sync starts without a checkpoint, from the instance's {@code meta}. */
    public Optional<BinlogLocation> startLocation(MySqlInstance instance) {
        return Optional.ofNullable(instance.meta()).map(BinlogMeta::toLocation);
    }

    private static <T> T pick(String name, Map<String, T> defined, T inline, String section, T defaults) {
        if (!name.isEmpty()) {
            return lookup(defined, name, section);
        }
        return inline != null ? inline : defaults;
    }

    private static <T> Map<String, T> named(List<String> names, Map<String, T> defined, String section) {
        Map<String, T> out = new LinkedHashMap<>();
        names.forEach(n -> out.put(n, lookup(defined, n, section)));
        return Collections.unmodifiableMap(out);
    }

    private static <T> T lookup(Map<String, T> defined, String name, String section) {
        T t = defined.get(name);
        if (t == null) {
            throw new GodwitException(ErrorCode.INTERNAL, "\"" + name + "\" is not defined in " + section
                    + "; the task was not validated");
        }
        return t;
    }
}
