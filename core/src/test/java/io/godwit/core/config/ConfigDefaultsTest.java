package io.godwit.core.config;

import io.godwit.core.config.LoaderConfig.ImportMode;
import io.godwit.core.config.LoaderConfig.OnDuplicate;
import io.godwit.core.config.LoaderConfig.PhysicalOnDuplicate;
import io.godwit.core.config.LoaderConfig.PostImport;
import io.godwit.core.config.rules.BlockAllowListRule;
import io.godwit.core.config.rules.EventFilterRule;
import io.godwit.core.config.rules.TablePattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** DM's defaults for every key a minimal file leaves out, and DM's folding of deprecated spellings. */
class ConfigDefaultsTest {

    static final TaskConfig MINIMAL_TASK = ConfigLoader.parseTask(TaskValidationTest.BASE, "task.yaml", PasswordCipher.PLAIN);
    static final TaskPlan PLAN = new TaskPlan(MINIMAL_TASK);
    static final MySqlInstance INSTANCE = MINIMAL_TASK.mysqlInstances().get(0);

    static final String MINIMAL_SOURCE = """
            source-id: s1
            from:
              host: 127.0.0.1
              port: 3306
              user: root
            """;
    static final SourceConfig SOURCE = ConfigLoader.parseSource(MINIMAL_SOURCE, "source.yaml", PasswordCipher.PLAIN);

    static Stream<Arguments> taskDefaults() {
        return Stream.<Arguments>of(
                d("meta-schema", TaskConfig::metaSchema, "dm_meta"),
                d("shard-mode", TaskConfig::shardMode, ShardMode.NONE),
                d("strict-optimistic-shard-mode", TaskConfig::strictOptimisticShardMode, false),
                d("case-sensitive", TaskConfig::caseSensitive, false),
                d("collation_compatible", TaskConfig::collationCompatible, TaskConfig.CollationCompatible.LOOSE),
                d("timezone", TaskConfig::timezone, ""),
                d("ignore-checking-items", TaskConfig::ignoreCheckingItems, List.of()),
                d("clean-dump-file", TaskConfig::cleanDumpFile, true),
                d("remove-meta", TaskConfig::removeMeta, false),
                d("online-ddl", TaskConfig::onlineDdl, false),
                d("routes", TaskConfig::routes, Map.of()),
                d("filters", TaskConfig::filters, Map.of()),
                d("block-allow-list", TaskConfig::blockAllowList, Map.of()),
                d("experimental", TaskConfig::experimental, TaskConfig.Experimental.DEFAULT),
                d("target-database.password", t -> t.targetDatabase().password(), ""),
                d("target-database.session", t -> t.targetDatabase().session(), Map.of()),
                d("target-database.security", t -> t.targetDatabase().security(), SecurityConfig.NONE),
                d("mysql-instances[].meta", t -> INSTANCE.meta(), null),
                d("mysql-instances[].block-allow-list", t -> PLAN.blockAllowList(INSTANCE), BlockAllowListRule.ALLOW_ALL),
                d("mysql-instances[].route-rules", t -> PLAN.routes(INSTANCE), List.of()),
                d("mydumper threads", t -> PLAN.mydumper(INSTANCE).threads(), 4),
                d("mydumper chunk-filesize", t -> PLAN.mydumper(INSTANCE).chunkFilesizeBytes(), 64L << 20),
                d("mydumper statement-size", t -> PLAN.mydumper(INSTANCE).statementSize(), 0L),
                d("mydumper rows", t -> PLAN.mydumper(INSTANCE).rows(), 0L),
                d("mydumper skip-tz-utc", t -> PLAN.mydumper(INSTANCE).skipTzUtc(), true),
                d("mydumper extra-args", t -> PLAN.mydumper(INSTANCE).extraArgs(), ""),
                d("mydumper consistency (extra-args --consistency)", t -> PLAN.mydumper(INSTANCE).consistency(),
                        DumpConsistency.AUTO),
                d("loader pool-size", t -> PLAN.loader(INSTANCE).poolSize(), 16),
                d("loader dir", t -> PLAN.loader(INSTANCE).dir(), "./dumped_data"),
                d("loader import-mode", t -> PLAN.loader(INSTANCE).importMode(), ImportMode.LOGICAL),
                d("loader on-duplicate-logical", t -> PLAN.loader(INSTANCE).onDuplicateLogical(), OnDuplicate.REPLACE),
                d("loader on-duplicate-physical", t -> PLAN.loader(INSTANCE).onDuplicatePhysical(), PhysicalOnDuplicate.NONE),
                d("loader checksum-physical", t -> PLAN.loader(INSTANCE).checksumPhysical(), PostImport.REQUIRED),
                d("loader analyze", t -> PLAN.loader(INSTANCE).analyze(), PostImport.OPTIONAL),
                d("loader disk-quota-physical", t -> PLAN.loader(INSTANCE).diskQuotaPhysical(), 0L),
                d("syncer worker-count", t -> PLAN.syncer(INSTANCE).workerCount(), 16),
                d("syncer batch", t -> PLAN.syncer(INSTANCE).batch(), 100),
                d("syncer queue-size", t -> PLAN.syncer(INSTANCE).queueSize(), 1024),
                d("syncer checkpoint-flush-interval", t -> PLAN.syncer(INSTANCE).checkpointFlushIntervalSeconds(), 30),
                d("syncer compact", t -> PLAN.syncer(INSTANCE).compact(), false),
                d("syncer multiple-rows", t -> PLAN.syncer(INSTANCE).multipleRows(), false),
                d("syncer safe-mode", t -> PLAN.syncer(INSTANCE).safeMode(), false),
                d("syncer safe-mode-duration", t -> PLAN.syncer(INSTANCE).safeModeDuration(), Duration.ofSeconds(60)),
                d("syncer enable-ansi-quotes", t -> PLAN.syncer(INSTANCE).enableAnsiQuotes(), false),
                d("validator", t -> PLAN.validator(INSTANCE), ValidatorConfig.OFF));
    }

    private static Arguments d(String key, Function<TaskConfig, Object> get, Object expected) {
        return arguments(key, get, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("taskDefaults")
    void taskKeysTakeDmDefaults(String key, Function<TaskConfig, Object> get, Object expected) {
        assertThat(get.apply(MINIMAL_TASK)).isEqualTo(expected);
    }

    static Stream<Arguments> sourceDefaults() {
        return Stream.of(
                arguments("enable-gtid", (Function<SourceConfig, Object>) SourceConfig::enableGtid, false),
                arguments("enable-relay", (Function<SourceConfig, Object>) SourceConfig::enableRelay, false),
                arguments("flavor (detect)", (Function<SourceConfig, Object>) SourceConfig::flavor, null),
                arguments("server-id (pick)", (Function<SourceConfig, Object>) SourceConfig::serverId, 0L),
                arguments("case-sensitive", (Function<SourceConfig, Object>) SourceConfig::caseSensitive, false),
                arguments("filters", (Function<SourceConfig, Object>) SourceConfig::filters, List.of()),
                arguments("purge", (Function<SourceConfig, Object>) SourceConfig::purge, new PurgeConfig(3600, 0, 15)),
                arguments("checker", (Function<SourceConfig, Object>) SourceConfig::checker,
                        new CheckerConfig(true, Duration.ofMinutes(5), Duration.ofMinutes(5))),
                arguments("from.password", (Function<SourceConfig, Object>) s -> s.from().password(), ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sourceDefaults")
    void sourceKeysTakeDmDefaults(String key, Function<SourceConfig, Object> get, Object expected) {
        assertThat(get.apply(SOURCE)).isEqualTo(expected);
    }

    @Test
    void isShardingMeansPessimisticWhenShardModeIsEmpty() {
        assertThat(task("is-sharding: true\n").shardMode()).isEqualTo(ShardMode.PESSIMISTIC);
        assertThat(task("is-sharding: true\nshard-mode: optimistic\n").shardMode()).isEqualTo(ShardMode.OPTIMISTIC);
    }

    @Test
    void blackWhiteListIsTheOldNameOfBlockAllowList() {
        TaskConfig t = task("    black-white-list: old\nblack-white-list:\n  old:\n    do-dbs: [shop]\n");
        assertThat(t.mysqlInstances().get(0).blockAllowList()).isEqualTo("old");
        assertThat(new TaskPlan(t).blockAllowList(t.mysqlInstances().get(0)).doDbs()).containsExactly("shop");
    }

    @Test
    void onDuplicateIsTheOldNameOfOnDuplicateLogical() {
        TaskConfig t = task("    loader:\n      on-duplicate: ignore\n");
        assertThat(t.mysqlInstances().get(0).loader().onDuplicateLogical()).isEqualTo(OnDuplicate.IGNORE);
    }

    @Test
    void emptyMetaSchemaMeansTheDefault() {
        assertThat(task("meta-schema: \"\"\n").metaSchema()).isEqualTo("dm_meta");
    }

    @Test
    void stringKeysTakeAnyScalarAsWritten() {
        TaskConfig t = ConfigLoader.parseTask(TaskValidationTest.BASE.replace("user: root", "user: root\n  password: 123456\n"
                + "  session:\n    tidb_skip_utf8_check: 1\n    tidb_disable_txn_auto_retry: off"), "task.yaml", PasswordCipher.PLAIN);
        assertThat(t.targetDatabase().password()).isEqualTo("123456");
        assertThat(t.targetDatabase().session()).containsEntry("tidb_skip_utf8_check", "1")
                .containsEntry("tidb_disable_txn_auto_retry", "off");
    }

    @Test
    void booleansReadAsGoYamlDoes() {
        assertThat(task("case-sensitive: yes\n").caseSensitive()).isTrue();
        assertThat(task("case-sensitive: y\n").caseSensitive()).isTrue();
        assertThat(task("clean-dump-file: off\n").cleanDumpFile()).isFalse();
    }

    @Test
    void mergeKeysAreExpanded() {
        TaskConfig t = task("    syncer-config-name: a\n  - source-id: s2\n    syncer-config-name: b\n"
                + "syncers:\n  a: &base {worker-count: 8, batch: 50}\n  b:\n    <<: *base\n    batch: 200\n");
        SyncerConfig b = t.syncers().get("b");
        assertThat(b.workerCount()).isEqualTo(8);
        assertThat(b.batch()).isEqualTo(200);
    }

    @Test
    void eventTypesAreCanonicalLowerCase() {
        TaskConfig t = task("    filter-rules: [f]\nfilters:\n  f:\n    schema-pattern: a\n    events: [\"Create Schema\", INSERT]\n    action: Do\n");
        EventFilterRule f = t.filters().get("f");
        assertThat(f.events()).containsExactly("create database", "insert");
        assertThat(f.action()).isEqualTo(EventFilterRule.Action.DO);
    }

    @Test
    void blockAllowListKeepsPatternsAsWritten() {
        TaskConfig t = task("    block-allow-list: ba\nblock-allow-list:\n  ba:\n    do-dbs: [\"~^shop_[0-9]+$\", crm]\n"
                + "    do-tables:\n      - {db-name: crm, tbl-name: \"user*\"}\n");
        BlockAllowListRule r = t.blockAllowList().get("ba");
        assertThat(r.doDbs()).containsExactly("~^shop_[0-9]+$", "crm");
        assertThat(r.doTables()).containsExactly(new TablePattern("crm", "user*"));
    }

    @Test
    void sizesAndDurationsReadAsDmWritesThem() {
        TaskConfig t = task("    mydumper: {chunk-filesize: 1GiB}\n    syncer: {safe-mode-duration: 1m30s, checkpoint-flush-interval: 10}\n");
        assertThat(t.mysqlInstances().get(0).mydumper().chunkFilesizeBytes()).isEqualTo(1L << 30);
        assertThat(t.mysqlInstances().get(0).syncer().safeModeDuration()).isEqualTo(Duration.ofSeconds(90));
        TaskConfig unset = task("    syncer: {checkpoint-flush-interval: 10}\n");
        assertThat(unset.mysqlInstances().get(0).syncer().safeModeDuration()).isEqualTo(Duration.ofSeconds(20));
    }

    static TaskConfig task(String extra) {
        return ConfigLoader.parseTask(TaskValidationTest.BASE + extra, "task.yaml", PasswordCipher.PLAIN);
    }
}
