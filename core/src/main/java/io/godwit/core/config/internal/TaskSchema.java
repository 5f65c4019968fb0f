package io.godwit.core.config.internal;

import io.godwit.core.config.BinlogMeta;
import io.godwit.core.config.ColumnMappingConfig;
import io.godwit.core.config.DatabaseConfig;
import io.godwit.core.config.ExpressionFilterConfig;
import io.godwit.core.config.LoaderConfig;
import io.godwit.core.config.MySqlInstance;
import io.godwit.core.config.MydumperConfig;
import io.godwit.core.config.ShardMode;
import io.godwit.core.config.SyncerConfig;
import io.godwit.core.config.TaskConfig;
import io.godwit.core.config.TaskConfig.CollationCompatible;
import io.godwit.core.config.TaskMode;
import io.godwit.core.config.ValidatorConfig;
import io.godwit.core.config.rules.BlockAllowListRule;
import io.godwit.core.config.rules.EventFilterRule;
import io.godwit.core.config.rules.RouteRule;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Every key of DM's task.yaml, declared once. */
public final class TaskSchema {
    private TaskSchema() {}

    // ---- mysql-instances[].meta
    static final Key<String> BINLOG_NAME = Key.of("binlog-name", Types.text("string", Syntax::binlogFile), "",
            "Binlog file to start from (without GTID).");
    static final Key<Long> BINLOG_POS = Key.of("binlog-pos", Types.longIn(0, 4_294_967_295L), 4L,
            "Position in `binlog-name` to start from.");
    static final Key<String> BINLOG_GTID = Key.of("binlog-gtid", Types.text("string", Syntax::gtidSet), "",
            "GTID set already replicated (for a source with `enable-gtid: true`).");
    static final Section<BinlogMeta> META = Section.of("Where sync starts when the task has no checkpoint yet; a checkpoint always wins.",
            v -> new BinlogMeta(v.get(BINLOG_NAME), v.get(BINLOG_POS), v.get(BINLOG_GTID)),
            BINLOG_NAME, BINLOG_POS, BINLOG_GTID)
            .check(v -> {
                if (v.get(BINLOG_NAME).isEmpty() && v.get(BINLOG_GTID).isEmpty()) {
                    v.problem("meta needs binlog-name (with binlog-pos) or binlog-gtid");
                }
            });

    // ---- mysql-instances[]
    static final Key<String> SOURCE_ID = Key.required("source-id", Types.STRING, "The `source-id` of a source.yaml.");
    static final Key<BinlogMeta> META_KEY = Key.of("meta", META, null,
            "Start position for `task-mode: incremental`; ignored by the other modes.");
    static final Key<List<String>> ROUTE_RULES = Key.of("route-rules", Types.STRING_LIST, List.of(),
            "Names of `routes` that apply to this source.");
    static final Key<List<String>> FILTER_RULES = Key.of("filter-rules", Types.STRING_LIST, List.of(),
            "Names of `filters` (binlog event filters) that apply to this source.");
    static final Key<List<String>> COLUMN_MAPPING_RULES = Key.of("column-mapping-rules", Types.STRING_LIST, List.of(),
            "Names of `column-mappings` (deprecated in DM).")
            .notSupportedWhen(l -> !l.isEmpty(), "not empty");
    static final Key<List<String>> EXPRESSION_FILTERS = Key.of("expression-filters", Types.STRING_LIST, List.of(),
            "Names of `expression-filter` rules that apply to this source.");
    static final Key<String> BLOCK_ALLOW_LIST_NAME = Key.of("block-allow-list", Types.STRING, "",
            "Name of the `block-allow-list` rule of this source; empty migrates every schema but the system ones.");
    static final Key<String> BLACK_WHITE_LIST_NAME = Key.of("black-white-list", Types.STRING, "",
            "Deprecated name of `block-allow-list`.");
    static final Key<String> MYDUMPER_CONFIG_NAME = Key.of("mydumper-config-name", Types.STRING, "",
            "Name of a `mydumpers` entry.");
    static final Key<MydumperConfig> MYDUMPER = Key.of("mydumper", UnitSchema.MYDUMPER, null,
            "Dump settings written inline instead of `mydumper-config-name`.");
    static final Key<Integer> MYDUMPER_THREAD = Key.of("mydumper-thread", Types.intIn(0, UnitSchema.MAX_THREADS), 0,
            "Overrides `threads` of the dump settings; 0 keeps them.");
    static final Key<String> LOADER_CONFIG_NAME = Key.of("loader-config-name", Types.STRING, "", "Name of a `loaders` entry.");
    static final Key<LoaderConfig> LOADER = Key.of("loader", UnitSchema.LOADER, null,
            "Load settings written inline instead of `loader-config-name`.");
    static final Key<Integer> LOADER_THREAD = Key.of("loader-thread", Types.intIn(0, UnitSchema.MAX_THREADS), 0,
            "Overrides `pool-size` of the load settings; 0 keeps it.");
    static final Key<String> SYNCER_CONFIG_NAME = Key.of("syncer-config-name", Types.STRING, "", "Name of a `syncers` entry.");
    static final Key<SyncerConfig> SYNCER = Key.of("syncer", UnitSchema.SYNCER, null,
            "Sync settings written inline instead of `syncer-config-name`.");
    static final Key<Integer> SYNCER_THREAD = Key.of("syncer-thread", Types.intIn(0, UnitSchema.MAX_THREADS), 0,
            "Overrides `worker-count` of the sync settings; 0 keeps it.");
    static final Key<String> VALIDATOR_CONFIG_NAME = Key.of("validator-config-name", Types.STRING, "",
            "Name of a `validators` entry.");

    static final Section<MySqlInstance> INSTANCE = Section.of("A source of the task and the rules and settings it uses.",
            v -> new MySqlInstance(v.get(SOURCE_ID), v.get(META_KEY), v.get(ROUTE_RULES), v.get(FILTER_RULES),
                    v.get(COLUMN_MAPPING_RULES), v.get(EXPRESSION_FILTERS),
                    v.get(BLOCK_ALLOW_LIST_NAME).isEmpty() ? v.get(BLACK_WHITE_LIST_NAME) : v.get(BLOCK_ALLOW_LIST_NAME),
                    v.get(MYDUMPER_CONFIG_NAME), v.get(MYDUMPER), v.get(MYDUMPER_THREAD),
                    v.get(LOADER_CONFIG_NAME), v.get(LOADER), v.get(LOADER_THREAD),
                    v.get(SYNCER_CONFIG_NAME), v.get(SYNCER), v.get(SYNCER_THREAD), v.get(VALIDATOR_CONFIG_NAME)),
            SOURCE_ID, META_KEY, ROUTE_RULES, FILTER_RULES, COLUMN_MAPPING_RULES, EXPRESSION_FILTERS,
            BLOCK_ALLOW_LIST_NAME, BLACK_WHITE_LIST_NAME, MYDUMPER_CONFIG_NAME, MYDUMPER, MYDUMPER_THREAD,
            LOADER_CONFIG_NAME, LOADER, LOADER_THREAD, SYNCER_CONFIG_NAME, SYNCER, SYNCER_THREAD, VALIDATOR_CONFIG_NAME)
            .check(v -> {
                conflict(v, MYDUMPER_CONFIG_NAME, MYDUMPER);
                conflict(v, LOADER_CONFIG_NAME, LOADER);
                conflict(v, SYNCER_CONFIG_NAME, SYNCER);
                if (!v.get(BLOCK_ALLOW_LIST_NAME).isEmpty() && !v.get(BLACK_WHITE_LIST_NAME).isEmpty()
                        && !v.get(BLOCK_ALLOW_LIST_NAME).equals(v.get(BLACK_WHITE_LIST_NAME))) {
                    v.problem(BLACK_WHITE_LIST_NAME, "conflicts with block-allow-list; keep only block-allow-list");
                }
            });

    private static void conflict(Values v, Key<String> name, Key<?> inline) {
        if (!v.get(name).isEmpty() && v.isSet(inline)) {
            v.problem(inline, "give either " + name.name() + " or an inline " + inline.name() + ", not both");
        }
    }

    // ---- experimental
    static final Key<Boolean> ASYNC_CHECKPOINT_FLUSH = Key.of("async-checkpoint-flush", Types.BOOL, false,
            "Flush checkpoints without waiting.")
            .notSupportedWhen(b -> b, "`true`");
    static final Section<TaskConfig.Experimental> EXPERIMENTAL = Section.of("Experimental features.",
            v -> new TaskConfig.Experimental(v.get(ASYNC_CHECKPOINT_FLUSH)), ASYNC_CHECKPOINT_FLUSH);

    // ---- top level
    /** DM's precheck items ({@code dm/config/checking_item.go}). */
    static final List<String> CHECKING_ITEMS = List.of("all", "dump_privilege", "replication_privilege", "version",
            "server_id", "binlog_enable", "binlog_format", "binlog_row_image", "table_schema", "schema_of_shard_tables",
            "auto_increment_ID", "online_ddl", "binlog_db", "meta_position", "conn_number", "target_privilege",
            "empty_region", "region_distribution", "downstream_version", "free_space", "downstream_mutex_features");

    static final Key<String> NAME = Key.required("name", Types.STRING,
            "Task name, unique in the cluster; names the task's checkpoint tables.");
    static final Key<TaskMode> TASK_MODE = Key.required("task-mode", Types.oneOf(List.of(TaskMode.values()), TaskMode::yamlName),
            "Units to run: `full` = dump+load, `all` = dump+load+sync, `incremental` = sync, `dump`, `load`, `load&sync`.")
            .notSupportedWhen(m -> m == TaskMode.LOAD_SYNC, "`load&sync`");
    static final Key<Boolean> IS_SHARDING = Key.of("is-sharding", Types.BOOL, false,
            "Deprecated: `true` means `shard-mode: pessimistic` when `shard-mode` is empty.");
    static final Key<ShardMode> SHARD_MODE = Key.of("shard-mode", Types.oneOf(List.of(ShardMode.values()), ShardMode::yamlName),
            ShardMode.NONE, "Shard-DDL coordination of tables merged by routes: `\"\"` none, `pessimistic`, `optimistic`.");
    static final Key<Boolean> STRICT_OPTIMISTIC = Key.of("strict-optimistic-shard-mode", Types.BOOL, false,
            "With `shard-mode: optimistic`, pause on shard DDL that optimistic mode cannot merge safely.");
    static final Key<String> META_SCHEMA = Key.of("meta-schema", Types.STRING, "dm_meta",
            "Target schema that holds the task's checkpoints; empty means the default.");
    static final Key<Boolean> CASE_SENSITIVE = Key.of("case-sensitive", Types.BOOL, false,
            "Whether schema and table names in rules are matched case-sensitively.");
    static final Key<CollationCompatible> COLLATION_COMPATIBLE = Key.of("collation_compatible",
            Types.oneOf(List.of(CollationCompatible.values()), c -> c.name().toLowerCase(Locale.ROOT)).alias("", CollationCompatible.LOOSE),
            CollationCompatible.LOOSE, "`strict` spells the source's implicit collation out in CREATE statements; `loose` keeps them as they are.");
    static final Key<String> TIMEZONE = Key.of("timezone", Types.text("time zone", Syntax::timeZone), "",
            "Time zone of the task's sessions (`Asia/Shanghai`, `+08:00`); empty uses the target's global time zone.");
    static final Key<List<String>> IGNORE_CHECKING_ITEMS = Key.of("ignore-checking-items",
            Types.listOf(Types.oneOf(CHECKING_ITEMS, s -> s)), List.of(), "Precheck items to skip (`all` skips every one).");
    static final Key<Boolean> CLEAN_DUMP_FILE = Key.of("clean-dump-file", Types.BOOL, true,
            "Remove the dump files once they are loaded.");
    static final Key<Boolean> REMOVE_META = Key.of("remove-meta", Types.BOOL, false,
            "Deprecated (use `start-task --remove-meta`): remove the task's checkpoints before it starts.");
    static final Key<Boolean> ENABLE_HEARTBEAT = Key.of("enable-heartbeat", Types.BOOL, false,
            "Deprecated since DM v2.0.").ignored();
    static final Key<Integer> HEARTBEAT_UPDATE_INTERVAL = Key.of("heartbeat-update-interval",
            Types.intIn(0, Integer.MAX_VALUE), 1, "Deprecated since DM v2.0.").ignored();
    static final Key<Integer> HEARTBEAT_REPORT_INTERVAL = Key.of("heartbeat-report-interval",
            Types.intIn(0, Integer.MAX_VALUE), 10, "Deprecated since DM v2.0.").ignored();
    static final Key<Boolean> ONLINE_DDL = Key.of("online-ddl", Types.BOOL, false,
            "Follow gh-ost/pt-osc online schema changes on the source. DM defaults to `true`; Godwit migrates their ghost tables like any table.")
            .notSupportedWhen(b -> b, "`true`");
    static final Key<String> ONLINE_DDL_SCHEME = Key.of("online-ddl-scheme", Types.oneOf(List.of("", "gh-ost", "pt"), s -> s), "",
            "Deprecated form of `online-ddl: true`.")
            .notSupportedWhen(s -> !s.isEmpty(), "`gh-ost` or `pt`");
    static final Key<List<String>> SHADOW_TABLE_RULES = Key.of("shadow-table-rules", Types.listOf(RuleSchema.REGEX), List.of(),
            "Regular expressions naming online-DDL shadow tables.")
            .notSupportedWhen(l -> !l.isEmpty(), "not empty");
    static final Key<List<String>> TRASH_TABLE_RULES = Key.of("trash-table-rules", Types.listOf(RuleSchema.REGEX), List.of(),
            "Regular expressions naming online-DDL trash tables.")
            .notSupportedWhen(l -> !l.isEmpty(), "not empty");
    static final Key<Boolean> ANSI_QUOTES = Key.of("ansi-quotes", Types.BOOL, false,
            "Deprecated: DM detects ANSI_QUOTES itself.").ignored();
    static final Key<DatabaseConfig> TARGET_DATABASE = Key.required("target-database", DatabaseSchema.DATABASE,
            "The target (TiDB or MySQL) to migrate into.");
    static final Key<List<MySqlInstance>> MYSQL_INSTANCES = Key.required("mysql-instances", Types.listOf(INSTANCE),
            "The sources of the task, at least one.");
    static final Key<Map<String, RouteRule>> ROUTES = Key.of("routes", Types.mapOf(RuleSchema.ROUTE), Map.of(),
            "Table routing rules, by name.");
    static final Key<Map<String, EventFilterRule>> FILTERS = Key.of("filters", Types.mapOf(RuleSchema.EVENT_FILTER), Map.of(),
            "Binlog event filter rules, by name.");
    static final Key<Map<String, ExpressionFilterConfig>> EXPRESSION_FILTER = Key.of("expression-filter",
            Types.mapOf(RuleSchema.EXPRESSION_FILTER), Map.of(),
            "Row filters by SQL expression, by name; they filter the binlog's row changes, not the dump.");
    static final Key<Map<String, BlockAllowListRule>> BLOCK_ALLOW_LIST = Key.of("block-allow-list",
            Types.mapOf(RuleSchema.BLOCK_ALLOW_LIST), Map.of(), "Block and allow lists, by name.");
    static final Key<Map<String, BlockAllowListRule>> BLACK_WHITE_LIST = Key.of("black-white-list",
            Types.mapOf(RuleSchema.BLOCK_ALLOW_LIST), Map.of(), "Deprecated name of `block-allow-list`.");
    static final Key<Map<String, ColumnMappingConfig>> COLUMN_MAPPINGS = Key.of("column-mappings",
            Types.mapOf(RuleSchema.COLUMN_MAPPING), Map.of(), "Column mapping rules (deprecated; DM rejects them).")
            .notSupportedWhen(m -> !m.isEmpty(), "not empty");
    static final Key<Map<String, MydumperConfig>> MYDUMPERS = Key.of("mydumpers", Types.mapOf(UnitSchema.MYDUMPER), Map.of(),
            "Dump settings, by name.");
    static final Key<Map<String, LoaderConfig>> LOADERS = Key.of("loaders", Types.mapOf(UnitSchema.LOADER), Map.of(),
            "Load settings, by name.");
    static final Key<Map<String, SyncerConfig>> SYNCERS = Key.of("syncers", Types.mapOf(UnitSchema.SYNCER), Map.of(),
            "Sync settings, by name.");
    static final Key<Map<String, ValidatorConfig>> VALIDATORS = Key.of("validators", Types.mapOf(UnitSchema.VALIDATOR),
            Map.of(), "Continuous validation settings, by name.");
    static final Key<TaskConfig.Experimental> EXPERIMENTAL_KEY = Key.of("experimental", EXPERIMENTAL,
            TaskConfig.Experimental.DEFAULT, "Experimental features.");

    public static final Section<TaskConfig> TASK = Section.of("A migration task: what to copy from which sources into which target.",
            v -> new TaskConfig(v.get(NAME), v.get(TASK_MODE),
                    v.get(SHARD_MODE) == ShardMode.NONE && v.get(IS_SHARDING) ? ShardMode.PESSIMISTIC : v.get(SHARD_MODE),
                    v.get(STRICT_OPTIMISTIC), v.get(META_SCHEMA).isEmpty() ? "dm_meta" : v.get(META_SCHEMA),
                    v.get(CASE_SENSITIVE), v.get(COLLATION_COMPATIBLE), v.get(TIMEZONE), v.get(IGNORE_CHECKING_ITEMS),
                    v.get(CLEAN_DUMP_FILE), v.get(REMOVE_META),
                    v.get(ONLINE_DDL) || !v.get(ONLINE_DDL_SCHEME).isEmpty(), v.get(SHADOW_TABLE_RULES),
                    v.get(TRASH_TABLE_RULES), v.get(TARGET_DATABASE), v.get(MYSQL_INSTANCES), v.get(ROUTES),
                    v.get(FILTERS), v.get(EXPRESSION_FILTER),
                    v.get(BLOCK_ALLOW_LIST).isEmpty() ? v.get(BLACK_WHITE_LIST) : v.get(BLOCK_ALLOW_LIST),
                    v.get(COLUMN_MAPPINGS), v.get(MYDUMPERS), v.get(LOADERS), v.get(SYNCERS), v.get(VALIDATORS),
                    v.get(EXPERIMENTAL_KEY)),
            NAME, TASK_MODE, IS_SHARDING, SHARD_MODE, STRICT_OPTIMISTIC, META_SCHEMA, CASE_SENSITIVE,
            COLLATION_COMPATIBLE, TIMEZONE, IGNORE_CHECKING_ITEMS, CLEAN_DUMP_FILE, REMOVE_META, ENABLE_HEARTBEAT,
            HEARTBEAT_UPDATE_INTERVAL, HEARTBEAT_REPORT_INTERVAL, ONLINE_DDL, ONLINE_DDL_SCHEME, SHADOW_TABLE_RULES,
            TRASH_TABLE_RULES, ANSI_QUOTES, TARGET_DATABASE, MYSQL_INSTANCES, ROUTES, FILTERS, EXPRESSION_FILTER,
            BLOCK_ALLOW_LIST, BLACK_WHITE_LIST, COLUMN_MAPPINGS, MYDUMPERS, LOADERS, SYNCERS, VALIDATORS,
            EXPERIMENTAL_KEY)
            .check(v -> {
                if (v.isSet(MYSQL_INSTANCES) && v.get(MYSQL_INSTANCES).isEmpty()) {
                    v.problem(MYSQL_INSTANCES, "needs at least one instance");
                }
                if (!v.get(BLOCK_ALLOW_LIST).isEmpty() && !v.get(BLACK_WHITE_LIST).isEmpty()) {
                    v.problem(BLACK_WHITE_LIST, "black-white-list is the deprecated name of block-allow-list; keep only block-allow-list");
                }
                boolean optimistic = v.get(SHARD_MODE) == ShardMode.OPTIMISTIC;
                if (v.get(STRICT_OPTIMISTIC) && !optimistic) {
                    v.problem(STRICT_OPTIMISTIC, "needs shard-mode: optimistic");
                }
            });

    /** The task in {@code root}, with its cross references checked; null only when the root is not a mapping. */
    public static TaskConfig read(org.yaml.snakeyaml.nodes.Node root, Walk walk) {
        TaskConfig task = TASK.readRoot(root, walk);
        if (task != null) {
            TaskReferences.check(task, walk);
        }
        return task;
    }
}
