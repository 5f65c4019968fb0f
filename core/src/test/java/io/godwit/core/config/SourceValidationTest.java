package io.godwit.core.config;

import io.godwit.core.db.ServerFlavor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class SourceValidationTest {

    /** Lines 1..5; a key appended lands on line 6, at the top level. */
    static final String BASE = ConfigDefaultsTest.MINIMAL_SOURCE;

    static List<String> problems(String yaml) {
        return ConfigLoader.readSource(yaml, "source.yaml").problems().stream().map(ConfigProblem::toString).toList();
    }

    static Stream<Arguments> badSources() {
        return Stream.of(
                arguments(BASE.replace("source-id: s1\n", ""), "source.yaml:1: source-id: missing required key \"source-id\""),
                arguments(BASE.replace("source-id: s1", "source-id: a-source-id-that-is-far-too-long-for-dm"),
                        "source.yaml:1: source-id: is 39 characters long; at most 32 are allowed"),
                arguments(BASE.replace("  host: 127.0.0.1\n", ""), "source.yaml:2: from.host: missing required key \"host\""),
                arguments("source-id: s1\n", "source.yaml:1: from: missing required key \"from\""),
                arguments(BASE + "enable-gtid: sometimes\n", "source.yaml:6: enable-gtid: expected true or false, got \"sometimes\""),
                arguments(BASE + "flavor: percona\n", "source.yaml:6: flavor: \"percona\" is not one of \"\", \"mysql\", \"mariadb\""),
                arguments(BASE + "server-id: -1\n", "source.yaml:6: server-id: -1 is out of range 0..4294967295"),
                arguments(BASE + "relay-binlog-name: binlog\n",
                        "source.yaml:6: relay-binlog-name: \"binlog\" is not a binlog file name (like mysql-bin.000001)"),
                arguments(BASE + "relay-binlog-gtid: \"0-1\"\n",
                        "source.yaml:6: relay-binlog-gtid: \"0-1\" is not a GTID set element (MySQL uuid:1-100 or MariaDB 0-1-100)"),
                arguments(BASE + "checker:\n  backoff-max: 500ms\n", "source.yaml:7: checker.backoff-max: must be at least 1s"),
                arguments(BASE + "checker:\n  backof-max: 1m\n",
                        "source.yaml:7: checker.backof-max: unknown key \"backof-max\"; did you mean \"backoff-max\"?"),
                arguments(BASE + "purge:\n  interval: -5\n", "source.yaml:7: purge.interval: -5 is out of range: must be at least 0"),
                arguments(BASE + "filters:\n  - table-pattern: t\n    action: Ignore\n",
                        "source.yaml:7: filters[0].schema-pattern: missing required key \"schema-pattern\""),
                arguments(BASE + "filters:\n  - schema-pattern: a\n    action: Skip\n",
                        "source.yaml:8: filters[0].action: \"Skip\" is not one of \"Do\", \"Ignore\", \"Error\""),
                arguments(BASE + "enable-relay: true\n", "source.yaml:6: not supported yet: enable-relay (set to true)"),
                arguments(BASE.replace("port: 3306", "port: 0"), "source.yaml:4: from.port: 0 is out of range 1..65535"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badSources")
    void reportsTheProblemWithFileLineAndPath(String yaml, String expected) {
        assertThat(problems(yaml)).contains(expected);
    }

    @Test
    void readsEveryDocumentedKey() {
        SourceConfig s = ConfigLoader.parseSource(BASE + """
                enable-gtid: true
                flavor: mariadb
                server-id: 4242
                case-sensitive: true
                relay-binlog-gtid: "0-1-100,1-2-3"
                relay-dir: ./relay
                tracer: {enable: false}
                purge: {interval: 60, expires: 24, remain-space: 5}
                checker: {check-enable: false, backoff-rollback: 1m, backoff-max: 10m, backoff-factor: 3}
                filters:
                  - {schema-pattern: "shop*", table-pattern: "t_*", events: [truncate table], sql-pattern: ["^DROP"], action: Ignore}
                """, "source.yaml", PasswordCipher.PLAIN);
        assertThat(s.enableGtid()).isTrue();
        assertThat(s.flavor()).isEqualTo(ServerFlavor.MARIADB);
        assertThat(s.serverId()).isEqualTo(4242);
        assertThat(s.caseSensitive()).isTrue();
        assertThat(s.relayBinlogGtid()).isEqualTo("0-1-100,1-2-3");
        assertThat(s.purge()).isEqualTo(new PurgeConfig(60, 24, 5));
        assertThat(s.checker().backoffMax()).hasMinutes(10);
        assertThat(s.filters()).singleElement().satisfies(f -> {
            assertThat(f.schemaPattern()).isEqualTo("shop*");
            assertThat(f.events()).containsExactly("truncate table");
            assertThat(f.sqlPattern()).containsExactly("^DROP");
        });
    }
}
