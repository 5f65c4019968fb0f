package io.godwit.core.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every way a task.yaml can be wrong, each with the exact line an operator sees. */
class TaskValidationTest {

    /** A valid task; its lines are 1..8, so a key appended to the instance lands on line 9. */
    static final String BASE = """
            name: t
            task-mode: full
            target-database:
              host: 127.0.0.1
              port: 4000
              user: root
            mysql-instances:
              - source-id: s1
            """;

    static List<String> problems(String yaml) {
        return ConfigLoader.readTask(yaml, "task.yaml").problems().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void baseTaskIsValid() {
        assertThat(problems(BASE)).isEmpty();
    }

    static Stream<Arguments> badTasks() {
        return Stream.of(
                // ---- malformed YAML: one problem naming the line
                arguments("unclosed flow list", "name: t\ntask-mode: [full\nmysql-instances: []\n",
                        "task.yaml:3: malformed YAML: expected ',' or ']', but got : (while parsing a flow sequence)"),
                arguments("tab indentation", "name: t\ntarget-database:\n\thost: x\n",
                        "task.yaml:3: malformed YAML: found character '\\t(TAB)' that cannot start any token. (Do not use \\t(TAB) for indentation) (while scanning for the next token)"),
                arguments("top level is a list", "- name: t\n", "task.yaml:1: expected keys at the top level, got a list"),
                arguments("empty file", "", "task.yaml: the file is empty"),
                // ---- unknown keys, with a hint when one is close
                arguments("misspelt top-level key", BASE + "tsk-mode: all\n",
                        "task.yaml:9: tsk-mode: unknown key \"tsk-mode\"; did you mean \"task-mode\"?"),
                arguments("underscore for dash", BASE + "meta_schema: x\n",
                        "task.yaml:9: meta_schema: unknown key \"meta_schema\"; did you mean \"meta-schema\"?"),
                arguments("misspelt instance key", BASE + "    route-rule: [r1]\n",
                        "task.yaml:9: mysql-instances[0].route-rule: unknown key \"route-rule\"; did you mean \"route-rules\"?"),
                arguments("unknown key, nothing close", BASE + "colour: blue\n", "task.yaml:9: colour: unknown key \"colour\""),
                arguments("misspelt nested key", BASE + "    mydumper:\n      tread: 4\n",
                        "task.yaml:10: mysql-instances[0].mydumper.tread: unknown key \"tread\"; did you mean \"threads\"?"),
                arguments("DM key that does not exist", BASE + "    continuous-validator-config-name: v\n",
                        "task.yaml:9: mysql-instances[0].continuous-validator-config-name: unknown key \"continuous-validator-config-name\"; did you mean \"validator-config-name\"?"),
                arguments("duplicate key", BASE + "name: u\n", "task.yaml:9: name: duplicate key"),
                // ---- wrong types
                arguments("port not a number", BASE.replace("port: 4000", "port: abc"),
                        "task.yaml:5: target-database.port: expected an integer, got \"abc\""),
                arguments("port quoted", BASE.replace("port: 4000", "port: \"4000\""),
                        "task.yaml:5: target-database.port: expected an integer, got the quoted string \"4000\""),
                arguments("bool not a bool", BASE + "case-sensitive: maybe\n",
                        "task.yaml:9: case-sensitive: expected true or false, got \"maybe\""),
                arguments("scalar for a list", BASE + "    route-rules: r1\n",
                        "task.yaml:9: mysql-instances[0].route-rules: expected a list, got \"r1\""),
                arguments("mapping for a string", BASE.replace("name: t", "name: {a: 1}"),
                        "task.yaml:1: name: expected string, got a mapping"),
                arguments("list for a section", BASE + "routes: [a]\n",
                        "task.yaml:9: routes: expected a mapping of names to sections, got a list"),
                arguments("bad duration", BASE + "    syncer:\n      safe-mode-duration: 5 minutes\n",
                        "task.yaml:10: mysql-instances[0].syncer.safe-mode-duration: \"5 minutes\" is not a duration (write it like 30s, 5m, 1h30m)"),
                arguments("bad size", BASE + "    mydumper:\n      chunk-filesize: lots\n",
                        "task.yaml:10: mysql-instances[0].mydumper.chunk-filesize: \"lots\" is not a size (write it like 64MiB, 500m or 2g)"),
                arguments("bad regexp", BASE + "    route-rules: [r]\nroutes:\n  r:\n    schema-pattern: a\n    target-schema: b\n    extract-table:\n      table-regexp: \"t_(\"\n      target-column: c\n",
                        "task.yaml:15: routes.r.extract-table.table-regexp: not a valid regular expression: Unclosed group near index 3"),
                arguments("bad time zone", BASE + "timezone: Mars/Olympus\n",
                        "task.yaml:9: timezone: \"Mars/Olympus\" is not a time zone (like Asia/Shanghai or +08:00)"),
                arguments("bad binlog name", BASE + "    meta:\n      binlog-name: mysql-bin\n",
                        "task.yaml:10: mysql-instances[0].meta.binlog-name: \"mysql-bin\" is not a binlog file name (like mysql-bin.000001)"),
                arguments("bad gtid", BASE + "    meta:\n      binlog-gtid: \"abc:1-5\"\n",
                        "task.yaml:10: mysql-instances[0].meta.binlog-gtid: \"abc:1-5\" is not a GTID set element (MySQL uuid:1-100 or MariaDB 0-1-100)"),
                // ---- out of range or not in the enum: rejected, never clamped
                arguments("port too big", BASE.replace("port: 4000", "port: 70000"),
                        "task.yaml:5: target-database.port: 70000 is out of range 1..65535"),
                arguments("zero threads", BASE + "    mydumper:\n      threads: 0\n",
                        "task.yaml:10: mysql-instances[0].mydumper.threads: 0 is out of range 1..1024"),
                arguments("negative thread override", BASE + "    loader-thread: -1\n",
                        "task.yaml:9: mysql-instances[0].loader-thread: -1 is out of range 0..1024"),
                arguments("binlog-pos beyond uint32", BASE + "    meta:\n      binlog-name: b.000001\n      binlog-pos: 4294967296\n",
                        "task.yaml:11: mysql-instances[0].meta.binlog-pos: 4294967296 is out of range 0..4294967295"),
                arguments("task-mode typo", BASE.replace("task-mode: full", "task-mode: ful"),
                        "task.yaml:2: task-mode: \"ful\" is not one of \"full\", \"incremental\", \"all\", \"dump\", \"load\", \"load&sync\"; did you mean \"full\"?"),
                arguments("shard-mode unknown", BASE + "shard-mode: careful\n",
                        "task.yaml:9: shard-mode: \"careful\" is not one of \"\", \"pessimistic\", \"optimistic\""),
                arguments("on-duplicate unknown", BASE + "    loader:\n      on-duplicate-logical: overwrite\n",
                        "task.yaml:10: mysql-instances[0].loader.on-duplicate-logical: \"overwrite\" is not one of \"replace\", \"ignore\", \"error\""),
                // ---- missing required keys
                arguments("no name", BASE.replace("name: t\n", ""), "task.yaml:1: name: missing required key \"name\""),
                arguments("empty name", BASE.replace("name: t", "name: \"\""), "task.yaml:1: name: must not be empty"),
                arguments("null name", BASE.replace("name: t", "name:"), "task.yaml:1: name: needs a value"),
                arguments("no task-mode", BASE.replace("task-mode: full\n", ""), "task.yaml:1: task-mode: missing required key \"task-mode\""),
                arguments("no target", "name: t\ntask-mode: full\nmysql-instances:\n  - source-id: s1\n",
                        "task.yaml:1: target-database: missing required key \"target-database\""),
                arguments("no target host", BASE.replace("  host: 127.0.0.1\n", ""),
                        "task.yaml:3: target-database.host: missing required key \"host\""),
                arguments("no instances", "name: t\ntask-mode: full\ntarget-database: {host: h, port: 1, user: u}\n",
                        "task.yaml:1: mysql-instances: missing required key \"mysql-instances\""),
                arguments("empty instances", "name: t\ntask-mode: full\ntarget-database: {host: h, port: 1, user: u}\nmysql-instances: []\n",
                        "task.yaml:4: mysql-instances: needs at least one instance"),
                arguments("no source-id", BASE.replace("- source-id: s1", "- block-allow-list: \"\""),
                        "task.yaml:8: mysql-instances[0].source-id: missing required key \"source-id\""),
                arguments("route without target-schema", BASE + "    route-rules: [r]\nroutes:\n  r:\n    schema-pattern: a\n",
                        "task.yaml:11: routes.r.target-schema: missing required key \"target-schema\""),
                arguments("filter without action", BASE + "    filter-rules: [f]\nfilters:\n  f:\n    schema-pattern: a\n",
                        "task.yaml:11: filters.f.action: missing required key \"action\""),
                arguments("rule written as null", BASE + "    route-rules: [r]\nroutes:\n  r:\n",
                        "task.yaml:11: routes.r.schema-pattern: missing required key \"schema-pattern\""),
                // ---- references
                arguments("route rule not defined", BASE + "    route-rules: [r1, r9]\nroutes:\n  r1: {schema-pattern: a, target-schema: b}\n",
                        "task.yaml:9: mysql-instances[0].route-rules[1]: route rule \"r9\" is not defined in routes"),
                arguments("route rule not defined, close name", BASE + "    route-rules: [route-2]\nroutes:\n  route-1: {schema-pattern: a, target-schema: b}\n",
                        "task.yaml:9: mysql-instances[0].route-rules[0]: route rule \"route-2\" is not defined in routes; did you mean \"route-1\"?"),
                arguments("filter rule not defined", BASE + "    filter-rules: [f]\n",
                        "task.yaml:9: mysql-instances[0].filter-rules[0]: filter rule \"f\" is not defined in filters"),
                arguments("block-allow-list not defined", BASE + "    block-allow-list: ba\n",
                        "task.yaml:9: mysql-instances[0].block-allow-list: block-allow-list rule \"ba\" is not defined in block-allow-list"),
                arguments("black-white-list not defined", BASE + "    black-white-list: ba\n",
                        "task.yaml:9: mysql-instances[0].black-white-list: block-allow-list rule \"ba\" is not defined in block-allow-list"),
                arguments("mydumper config not defined", BASE + "    mydumper-config-name: g\n",
                        "task.yaml:9: mysql-instances[0].mydumper-config-name: mydumper config \"g\" is not defined in mydumpers"),
                arguments("loader config not defined", BASE + "    loader-config-name: g\n",
                        "task.yaml:9: mysql-instances[0].loader-config-name: loader config \"g\" is not defined in loaders"),
                arguments("syncer config not defined", BASE + "    syncer-config-name: g\n",
                        "task.yaml:9: mysql-instances[0].syncer-config-name: syncer config \"g\" is not defined in syncers"),
                arguments("validator config not defined", BASE + "    validator-config-name: g\n",
                        "task.yaml:9: mysql-instances[0].validator-config-name: validator config \"g\" is not defined in validators"),
                arguments("rule listed twice", BASE + "    route-rules: [r, r]\nroutes:\n  r: {schema-pattern: a, target-schema: b}\n",
                        "task.yaml:9: mysql-instances[0].route-rules[1]: route rule \"r\" is listed twice"),
                arguments("route defined but unused", BASE + "routes:\n  r: {schema-pattern: a, target-schema: b}\n",
                        "task.yaml:10: routes.r: route rule \"r\" is defined but no mysql-instance uses it"),
                arguments("filter defined but unused", BASE + "filters:\n  f: {schema-pattern: a, action: Do}\n",
                        "task.yaml:10: filters.f: filter rule \"f\" is defined but no mysql-instance uses it"),
                arguments("mydumper defined but unused", BASE + "mydumpers:\n  g: {threads: 2}\n",
                        "task.yaml:10: mydumpers.g: mydumper config \"g\" is defined but no mysql-instance uses it"),
                arguments("loader defined but unused", BASE + "loaders:\n  g: {pool-size: 2}\n",
                        "task.yaml:10: loaders.g: loader config \"g\" is defined but no mysql-instance uses it"),
                arguments("syncer defined but unused", BASE + "syncers:\n  g: {batch: 2}\n",
                        "task.yaml:10: syncers.g: syncer config \"g\" is defined but no mysql-instance uses it"),
                arguments("validator defined but unused", BASE + "validators:\n  g: {mode: none}\n",
                        "task.yaml:10: validators.g: validator config \"g\" is defined but no mysql-instance uses it"),
                arguments("duplicate source-id", BASE + "  - source-id: s1\n",
                        "task.yaml:9: mysql-instances[1].source-id: source-id \"s1\" is already used by mysql-instances[0]"),
                // ---- conflicts within a section
                arguments("named and inline mydumper", BASE + "    mydumper-config-name: g\n    mydumper: {threads: 2}\nmydumpers:\n  g: {threads: 3}\n",
                        "task.yaml:10: mysql-instances[0].mydumper: give either mydumper-config-name or an inline mydumper, not both"),
                arguments("meta without a position", BASE + "    meta:\n      binlog-pos: 4\n",
                        "task.yaml:9: mysql-instances[0].meta: meta needs binlog-name (with binlog-pos) or binlog-gtid"),
                arguments("strict optimistic without optimistic", BASE + "strict-optimistic-shard-mode: true\n",
                        "task.yaml:9: strict-optimistic-shard-mode: needs shard-mode: optimistic"),
                arguments("safe mode with zero duration", BASE + "    syncer:\n      safe-mode: true\n      safe-mode-duration: 0s\n",
                        "task.yaml:11: mysql-instances[0].syncer.safe-mode-duration: 0s conflicts with safe-mode: true"),
                arguments("old and new block-allow-list", BASE + "block-allow-list:\n  a: {do-dbs: [x]}\nblack-white-list:\n  b: {do-dbs: [y]}\n",
                        "task.yaml:11: black-white-list: black-white-list is the deprecated name of block-allow-list; keep only block-allow-list"),
                arguments("on-duplicate both spellings", BASE + "    loader:\n      on-duplicate: ignore\n      on-duplicate-logical: error\n",
                        "task.yaml:10: mysql-instances[0].loader.on-duplicate: conflicts with on-duplicate-logical; keep only on-duplicate-logical"),
                arguments("two kinds of expression", BASE + "    expression-filters: [e]\nexpression-filter:\n  e: {schema: s, table: t, insert-value-expr: a, delete-value-expr: b}\n",
                        "task.yaml:11: expression-filter.e.schema: an expression filter takes expressions for one kind of change only (insert, update or delete)"),
                arguments("expression filter without an expression", BASE + "    expression-filters: [e]\nexpression-filter:\n  e: {schema: s, table: t}\n",
                        "task.yaml:11: expression-filter.e.schema: an expression filter needs one of insert-value-expr, update-old-value-expr, update-new-value-expr or delete-value-expr"),
                arguments("expression filter not defined", BASE + "    expression-filters: [e, e9]\nexpression-filter:\n  e: {schema: s, table: t, insert-value-expr: \"c > 1\"}\n",
                        "task.yaml:9: mysql-instances[0].expression-filters[1]: expression filter \"e9\" is not defined in expression-filter"),
                arguments("bad block-allow-list regexp", BASE + "    block-allow-list: ba\nblock-allow-list:\n  ba:\n    do-dbs: [\"~(\"]\n",
                        "task.yaml:12: block-allow-list.ba.do-dbs[0]: not a valid regular expression: Unclosed group near index 1")
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTasks")
    void reportsTheProblemWithFileLineAndPath(String why, String yaml, String expected) {
        assertThat(problems(yaml)).contains(expected);
    }

    static Stream<Arguments> notSupported() {
        return Stream.of(
                arguments(BASE + "online-ddl: true\n", "task.yaml:9: not supported yet: online-ddl (set to true)"),
                arguments(BASE + "online-ddl-scheme: gh-ost\n", "task.yaml:9: not supported yet: online-ddl-scheme (set to gh-ost)"),
                arguments(BASE + "shadow-table-rules: [\"^_(.+)_gho$\"]\n", "task.yaml:9: not supported yet: shadow-table-rules (set to [^_(.+)_gho$])"),
                arguments(BASE + "trash-table-rules: [\"^_(.+)_del$\"]\n", "task.yaml:9: not supported yet: trash-table-rules (set to [^_(.+)_del$])"),
                arguments(BASE.replace("task-mode: full", "task-mode: load&sync"), "task.yaml:2: not supported yet: task-mode (set to load&sync)"),
                arguments(BASE + "    column-mapping-rules: [c]\ncolumn-mappings:\n  c: {schema-pattern: a}\n",
                        "task.yaml:9: not supported yet: mysql-instances[0].column-mapping-rules (set to [c])"),
                arguments(BASE + "    column-mapping-rules: [c]\ncolumn-mappings:\n  c: {schema-pattern: a}\n",
                        "task.yaml:10: not supported yet: column-mappings (set to [c])"),
                arguments(BASE + "    validator-config-name: v\nvalidators:\n  v: {mode: full}\n",
                        "task.yaml:11: not supported yet: validators.v.mode (set to full)"),
                arguments(BASE + "    mydumper-config-name: g\nmydumpers:\n  g: {extra-args: \"--consistency none --no-locks\"}\n",
                        "task.yaml:11: not supported yet: mydumpers.g.extra-args: --no-locks"),
                arguments(BASE + "    mydumper: {where: \"id < 10\"}\n", "task.yaml:9: not supported yet: mysql-instances[0].mydumper.where (set to id < 10)"),
                arguments(BASE + "    loader-config-name: g\nloaders:\n  g: {import-mode: physical}\n",
                        "task.yaml:11: not supported yet: loaders.g.import-mode (set to physical)"),
                arguments(BASE + "    syncer-config-name: g\nsyncers:\n  g: {enable-ansi-quotes: true}\n",
                        "task.yaml:11: not supported yet: syncers.g.enable-ansi-quotes (set to true)"),
                arguments(BASE + "    filter-rules: [f]\nfilters:\n  f: {schema-pattern: a, action: Error}\n",
                        "task.yaml:11: not supported yet: filters.f.action (set to Error)"),
                arguments(BASE + "experimental:\n  async-checkpoint-flush: true\n",
                        "task.yaml:10: not supported yet: experimental.async-checkpoint-flush (set to true)")
        );
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("notSupported")
    void rejectsKeysNotSupportedYet(String yaml, String expected) {
        assertThat(problems(yaml)).contains(expected);
    }

    @Test
    void unsupportedKeysAtTheirDefaultAreAccepted() {
        String yaml = BASE + "online-ddl: false\nonline-ddl-scheme: \"\"\nshadow-table-rules: []\nexpression-filter: {}\n"
                + "column-mappings: {}\nexperimental: {async-checkpoint-flush: false}\n";
        assertThat(problems(yaml)).isEmpty();
        String instance = BASE + "    mydumper: {extra-args: \"\", where: \"\"}\n    loader: {import-mode: logical}\n"
                + "    syncer: {enable-ansi-quotes: false}\n    expression-filters: []\n";
        assertThat(problems(instance)).isEmpty();
    }

    @Test
    void collectsEveryProblemBeforeFailing() {
        String yaml = """
                name: t
                task-mode: ful
                target-database:
                  host: 127.0.0.1
                  port: 99999
                mysql-instances:
                  - source-id: s1
                    route-rules: [nope]
                    tread: 3
                routes:
                  unused: {schema-pattern: a, target-schema: b}
                """;
        assertThatThrownBy(() -> ConfigLoader.parseTask(yaml, "task.yaml", PasswordCipher.PLAIN))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(
                            "task.yaml:2: task-mode: \"ful\" is not one of \"full\", \"incremental\", \"all\", \"dump\", \"load\", \"load&sync\"; did you mean \"full\"?",
                            "task.yaml:3: target-database.user: missing required key \"user\"",
                            "task.yaml:5: target-database.port: 99999 is out of range 1..65535",
                            "task.yaml:8: mysql-instances[0].route-rules[0]: route rule \"nope\" is not defined in routes",
                            "task.yaml:9: mysql-instances[0].tread: unknown key \"tread\"",
                            "task.yaml:11: routes.unused: route rule \"unused\" is defined but no mysql-instance uses it");
                    assertThat(e.getMessage().lines()).hasSize(6);
                    assertThat(e.code()).isEqualTo(io.godwit.core.error.ErrorCode.CONFIG_INVALID);
                });
    }

    @Test
    void onlyNotSupportedProblemsGiveTheNotSupportedCode() {
        assertThatThrownBy(() -> ConfigLoader.parseTask(BASE + "online-ddl: true\n", "task.yaml", PasswordCipher.PLAIN))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.code()).isEqualTo(io.godwit.core.error.ErrorCode.CONFIG_NOT_SUPPORTED);
                    assertThat(e.oneLine()).isEqualTo("[code=11003:config] task.yaml:9: not supported yet: online-ddl (set to true)");
                });
    }

    @Test
    void namesTheClosestValueOfALongList() {
        String events = BASE + "    filter-rules: [f]\nfilters:\n  f:\n    schema-pattern: a\n    events: [\"drop tables\"]\n    action: Ignore\n";
        assertThat(problems(events)).singleElement().asString()
                .startsWith("task.yaml:13: filters.f.events[0]: \"drop tables\" is not one of \"all\", \"all dml\", ")
                .endsWith("; did you mean \"drop table\"?");
        assertThat(problems(BASE + "ignore-checking-items: [\"versions\"]\n")).singleElement().asString()
                .startsWith("task.yaml:9: ignore-checking-items[0]: \"versions\" is not one of \"all\", ")
                .endsWith("; did you mean \"version\"?");
    }
}
