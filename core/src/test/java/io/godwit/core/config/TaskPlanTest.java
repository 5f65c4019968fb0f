package io.godwit.core.config;

import io.godwit.core.config.rules.ExtractRule;
import io.godwit.core.config.rules.RouteRule;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.BinlogLocation;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Resolution of an instance's names into rules and unit settings, as DM merges them. */
class TaskPlanTest {
    static final Path EXAMPLES = Path.of("..", "task-configs");

    final TaskPlan plan = new TaskPlan(ConfigLoader.loadTask(EXAMPLES.resolve("full-migration/task.yaml")));
    final MySqlInstance first = plan.instance("mysql-01");
    final MySqlInstance second = plan.instance("mysql-02");

    @Test
    void routesResolveInTheOrderTheInstanceListsThem() {
        assertThat(plan.routes(first)).containsExactly(
                new RouteRule("shard_db_*", "", "shop", "", null, null, null),
                new RouteRule("shard_db_*", "orders_*", "shop", "orders",
                        new ExtractRule("orders_(.*)", "c_table"), null, new ExtractRule("(.*)", "c_source")));
    }

    @Test
    void blockAllowListResolvesByName() {
        assertThat(plan.blockAllowList(first).doDbs()).containsExactly("shard_db_*", "crm", "catalog");
        assertThat(plan.blockAllowList(first).ignoreTables()).singleElement()
                .satisfies(t -> assertThat(t.tblName()).isEqualTo("audit_log*"));
    }

    @Test
    void namedSettingsApplyAndThreadKeysOverrideThem() {
        assertThat(plan.mydumper(first).threads()).isEqualTo(8);
        assertThat(plan.mydumper(first).rows()).isEqualTo(200_000);
        assertThat(plan.loader(first).poolSize()).isEqualTo(16);
        assertThat(plan.loader(second).poolSize()).isEqualTo(8);
        assertThat(plan.loader(second).onDuplicateLogical()).isEqualTo(LoaderConfig.OnDuplicate.ERROR);
    }

    @Test
    void inlineSettingsApplyAndDefaultsFillTheRest() {
        TaskConfig t = ConfigDefaultsTest.task("    mydumper: {rows: 10}\n    mydumper-thread: 2\n    syncer-thread: 3\n");
        TaskPlan p = new TaskPlan(t);
        MySqlInstance i = t.mysqlInstances().get(0);
        assertThat(p.mydumper(i).threads()).isEqualTo(2);
        assertThat(p.mydumper(i).rows()).isEqualTo(10);
        assertThat(p.mydumper(i).chunkFilesizeBytes()).isEqualTo(64L << 20);
        assertThat(p.syncer(i).workerCount()).isEqualTo(3);
        assertThat(p.syncer(i).batch()).isEqualTo(100);
    }

    @Test
    void dumpConsistencyComesFromTheNamedOrInlineSettingsElseAuto() {
        TaskConfig t = ConfigDefaultsTest.task("    mydumper-config-name: g\n    mydumper-thread: 2\n"
                + "  - source-id: s2\n    mydumper: {extra-args: \"--consistency=lock\"}\n"
                + "  - source-id: s3\n    mydumper: {threads: 3}\n"
                + "  - source-id: s4\n"
                + "mydumpers:\n  g: {extra-args: \"--consistency none\"}\n");
        TaskPlan p = new TaskPlan(t);
        assertThat(p.mydumper(p.instance("s1")).consistency()).isEqualTo(DumpConsistency.NONE);
        assertThat(p.mydumper(p.instance("s1")).threads()).isEqualTo(2);
        assertThat(p.mydumper(p.instance("s1")).extraArgs()).isEqualTo("--consistency none");
        assertThat(p.mydumper(p.instance("s2")).consistency()).isEqualTo(DumpConsistency.LOCK);
        assertThat(p.mydumper(p.instance("s3")).consistency()).isEqualTo(DumpConsistency.AUTO);
        assertThat(p.mydumper(p.instance("s4")).consistency()).isEqualTo(DumpConsistency.AUTO);
    }

    @Test
    void eventFiltersKeepTheirNames() {
        TaskConfig t = ConfigDefaultsTest.task("    filter-rules: [b, a]\nfilters:\n  a: {schema-pattern: x, action: Do}\n"
                + "  b: {schema-pattern: y, events: [all ddl], action: Ignore}\n");
        assertThat(new TaskPlan(t).eventFilters(t.mysqlInstances().get(0))).containsOnlyKeys("b", "a")
                .extractingByKey("b").satisfies(f -> assertThat(f.events()).containsExactly("all ddl"));
        assertThat(new TaskPlan(t).eventFilters(t.mysqlInstances().get(0)).keySet()).containsExactly("b", "a");
    }

    @Test
    void startLocationComesFromMeta() {
        TaskConfig t = ConfigDefaultsTest.task("    meta: {binlog-name: mysql-bin.000007, binlog-pos: 1234}\n");
        assertThat(new TaskPlan(t).startLocation(t.mysqlInstances().get(0)))
                .contains(new BinlogLocation("mysql-bin.000007", 1234, ""));
        assertThat(plan.startLocation(first)).isEmpty();
    }

    @Test
    void forSourceKeepsOnlyThatInstanceAndTheRestOfTheTask() {
        TaskConfig whole = plan.task();
        TaskConfig sub = whole.forSource("mysql-02");
        assertThat(sub.mysqlInstances()).containsExactly(second);
        assertThat(sub).usingRecursiveComparison().ignoringFields("mysqlInstances").isEqualTo(whole);
        assertThat(new TaskPlan(sub).loader(sub.mysqlInstances().get(0))).isEqualTo(plan.loader(second));
    }

    @Test
    void forSourceRejectsASourceTheTaskDoesNotHave() {
        assertThatThrownBy(() -> plan.task().forSource("mysql-09"))
                .isInstanceOfSatisfying(GodwitException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CLUSTER_NOT_FOUND))
                .hasMessageContaining("mysql-09");
    }
}
