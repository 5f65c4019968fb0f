package io.godwit.master.precheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.godwit.core.config.ConfigLoader;
import io.godwit.core.config.SourceConfig;
import io.godwit.core.config.TaskConfig;
import io.godwit.core.testkit.DbEndpoint;
import io.godwit.core.testkit.TestDatabases;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DM's prechecks against the real test servers: what passes, what fails naming the item, what is only a warning. */
class TaskPrecheckIT {
    private static final String DB = TestDatabases.schema(TaskPrecheckIT.class, "pc");
    /** DM's patterns allow `*` only at the end: the shards share a prefix. */
    private static final String SHARDS = TestDatabases.schema(TaskPrecheckIT.class, "shard");
    private static final String SHARD1 = SHARDS + "_1";
    private static final String SHARD2 = SHARDS + "_2";

    @BeforeAll
    static void tables() {
        TestDatabases.source1().execute("CREATE DATABASE " + DB,
                "CREATE TABLE " + DB + ".keyed (id INT PRIMARY KEY, v INT)",
                "CREATE TABLE " + DB + ".keyless (a INT, b INT)",
                "CREATE DATABASE " + SHARD1, "CREATE DATABASE " + SHARD2,
                "CREATE TABLE " + SHARD1 + ".orders (id INT AUTO_INCREMENT PRIMARY KEY, v INT)",
                "CREATE TABLE " + SHARD2 + ".orders (id INT AUTO_INCREMENT PRIMARY KEY, v INT, extra INT)");
    }

    private static TaskConfig task(String mode, String schemas, String extra) {
        return ConfigLoader.parseTask("name: \"pc\"\ntask-mode: " + mode + "\n"
                + "target-database:\n" + TestDatabases.target().yamlConnection(2)
                + "mysql-instances:\n  - source-id: \"s1\"\n    block-allow-list: \"l\"\n" + extra
                + "block-allow-list:\n  l:\n    do-dbs: [" + schemas + "]\n", "task.yaml", ConfigLoader.DEFAULT_CIPHER);
    }

    private static Map<String, SourceConfig> source(DbEndpoint db) {
        return Map.of("s1", ConfigLoader.parseSource("source-id: \"s1\"\nenable-gtid: true\nfrom:\n" + db.yamlConnection(2),
                "source.yaml", ConfigLoader.DEFAULT_CIPHER));
    }

    private static Map<String, SourceConfig> source(DbEndpoint db, String user, String password) {
        return Map.of("s1", ConfigLoader.parseSource("source-id: \"s1\"\nenable-gtid: true\nfrom:\n  host: \"" + db.host()
                + "\"\n  port: " + db.port() + "\n  user: \"" + user + "\"\n  password: \"" + password + "\"\n",
                "source.yaml", ConfigLoader.DEFAULT_CIPHER));
    }

    @Test
    void aHealthySourcePassesWithAWarningForItsKeylessTable() {
        CheckReport r = new TaskPrecheck(task("all", "\"" + DB + "\"", ""), source(TestDatabases.source1())).run();
        assertThat(r.failures()).as("%s", r.failures()).isEmpty();
        assertThat(r.passed()).isTrue();
        assertThat(r.warnings()).singleElement().satisfies(w -> {
            assertThat(w.item()).isEqualTo(CheckItem.TABLE_SCHEMA);
            assertThat(w.message()).contains(DB + ".keyless").doesNotContain("keyed,");
        });
        assertThat(r.results()).extracting(CheckResult::item).contains(CheckItem.BINLOG_FORMAT, CheckItem.REPLICATION_PRIVILEGE,
                CheckItem.DUMP_PRIVILEGE, CheckItem.TARGET_PRIVILEGE, CheckItem.CONN_NUMBER, CheckItem.VERSION);
    }

    @Test
    void statementBinlogFailsNamingTheItemUnlessIgnored() {
        DbEndpoint s1 = TestDatabases.source1();
        s1.execute("SET GLOBAL binlog_format = 'STATEMENT'");
        try {
            CheckReport r = new TaskPrecheck(task("all", "\"" + DB + "\"", ""), source(s1)).run();
            assertThat(r.passed()).isFalse();
            assertThat(r.failures()).singleElement().satisfies(f -> {
                assertThat(f.item()).isEqualTo(CheckItem.BINLOG_FORMAT);
                assertThat(f.oneLine()).startsWith("binlog_format on source s1 (").contains("binlog_format is STATEMENT")
                        .contains("should be ROW");
            });
            assertThat(r.toJson().toString()).contains("name=binlog_format", "state=fail", "passed=false");

            TaskConfig ignoring = ConfigLoader.parseTask("name: \"pc\"\ntask-mode: all\nignore-checking-items: [\"binlog_format\"]\n"
                    + "target-database:\n" + TestDatabases.target().yamlConnection(2)
                    + "mysql-instances:\n  - source-id: \"s1\"\n    block-allow-list: \"l\"\n"
                    + "block-allow-list:\n  l:\n    do-dbs: [\"" + DB + "\"]\n", "task.yaml", ConfigLoader.DEFAULT_CIPHER);
            assertThat(new TaskPrecheck(ignoring, source(s1)).run().passed()).isTrue();
            // a full migration reads no binlog: the format does not matter to it
            assertThat(new TaskPrecheck(task("full", "\"" + DB + "\"", ""), source(s1)).run().passed()).isTrue();
        } finally {
            s1.execute("SET GLOBAL binlog_format = 'ROW'");
        }
    }

    @Test
    void aUserWithoutReplicationPrivilegesFails() {
        DbEndpoint s1 = TestDatabases.source1();
        s1.execute("CREATE USER IF NOT EXISTS 'pc_reader'@'%' IDENTIFIED BY 'pw'", "GRANT SELECT ON *.* TO 'pc_reader'@'%'");
        CheckReport r = new TaskPrecheck(task("all", "\"" + DB + "\"", ""), source(s1, "pc_reader", "pw")).run();
        assertThat(r.failures()).extracting(CheckResult::item).containsExactly(CheckItem.REPLICATION_PRIVILEGE);
        assertThat(r.failures().get(0).message()).contains("REPLICATION SLAVE");
        // the dump needs SELECT only on MariaDB's lock-free snapshot; consistency flush needs RELOAD too
        CheckReport flush = new TaskPrecheck(task("full", "\"" + DB + "\"",
                "    mydumper-config-name: \"d\"\nmydumpers:\n  d:\n    extra-args: \"--consistency flush\"\n"),
                source(s1, "pc_reader", "pw")).run();
        assertThat(flush.failures()).extracting(CheckResult::item).containsExactly(CheckItem.DUMP_PRIVILEGE);
        assertThat(flush.failures().get(0).message()).contains("RELOAD");
    }

    @Test
    void privilegesHeldThroughTheDefaultRoleCountAndThoseOfARoleNotActiveDoNot() {
        DbEndpoint s1 = TestDatabases.source1();
        s1.execute("CREATE ROLE IF NOT EXISTS pc_replicator", "CREATE ROLE IF NOT EXISTS pc_reader_role",
                "GRANT REPLICATION SLAVE, REPLICATION CLIENT, RELOAD ON *.* TO pc_replicator",
                "GRANT SELECT ON *.* TO pc_reader_role", "GRANT pc_reader_role TO pc_replicator",
                "CREATE USER IF NOT EXISTS 'pc_role_user'@'%' IDENTIFIED BY 'pw'",
                "GRANT pc_replicator TO 'pc_role_user'@'%'");
        TaskConfig all = task("all", "\"" + DB + "\"", "");
        // granted but not the default role: a new session does not have it
        CheckReport inactive = new TaskPrecheck(all, source(s1, "pc_role_user", "pw")).run();
        assertThat(inactive.failures()).extracting(CheckResult::item)
                .contains(CheckItem.REPLICATION_PRIVILEGE, CheckItem.DUMP_PRIVILEGE);
        // the default role, and the role granted to it, are what every new session has
        s1.execute("SET DEFAULT ROLE pc_replicator FOR 'pc_role_user'@'%'");
        CheckReport active = new TaskPrecheck(all, source(s1, "pc_role_user", "pw")).run();
        assertThat(active.failures()).extracting(CheckResult::item)
                .doesNotContain(CheckItem.REPLICATION_PRIVILEGE, CheckItem.DUMP_PRIVILEGE);
    }

    @Test
    void shardsMergedIntoOneTableMustHaveTheSameColumns() {
        String routes = "    route-rules: [\"r\"]\nroutes:\n  r:\n    schema-pattern: \"" + SHARDS + "_*\"\n"
                + "    target-schema: \"merged\"\n";
        TaskConfig t = ConfigLoader.parseTask("name: \"pc\"\ntask-mode: full\nshard-mode: \"pessimistic\"\n"
                + "target-database:\n" + TestDatabases.target().yamlConnection(2)
                + "mysql-instances:\n  - source-id: \"s1\"\n    block-allow-list: \"l\"\n" + routes
                + "block-allow-list:\n  l:\n    do-dbs: [\"" + SHARD1 + "\", \"" + SHARD2 + "\"]\n", "task.yaml",
                ConfigLoader.DEFAULT_CIPHER);
        CheckReport r = new TaskPrecheck(t, source(TestDatabases.source1())).run();
        assertThat(r.failures()).as("%s", r.failures()).extracting(CheckResult::item)
                .containsExactly(CheckItem.SCHEMA_OF_SHARD_TABLES);
        assertThat(r.failures().get(0).message()).contains("merged.orders").contains("extra int");
        assertThat(r.warnings()).extracting(CheckResult::item).contains(CheckItem.AUTO_INCREMENT_ID);
    }

    @Test
    void anIncrementalTaskFromAMissingBinlogFileFails() {
        CheckReport r = new TaskPrecheck(task("incremental", "\"" + DB + "\"",
                "    meta:\n      binlog-name: \"mysql-bin.999999\"\n      binlog-pos: 4\n"), source(TestDatabases.source1())).run();
        assertThat(r.failures()).extracting(CheckResult::item).containsExactly(CheckItem.META_POSITION);
        assertThat(r.failures().get(0).message()).contains("mysql-bin.999999");
    }
}
