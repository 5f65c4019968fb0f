package io.godwit.dmctl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * operate-source update, config task|source|master|worker, binlog skip|replace -b and shard-ddl-lock against a stand-in
 * master: what dmctl sends and prints.
 */
class MasterBackedCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SOURCE_YAML = "source-id: s1\nfrom:\n  host: db1.example\n  port: 3306\n"
            + "  user: repl\n  password: \"s3cret\"\n";
    private static final String LOCKS = "{\"total\": 1, \"data\": [{\"id\": \"t1-`sales`.`orders`\", \"task\": \"t1\","
            + " \"mode\": \"optimistic\", \"owner\": \"s1:`shard_0`.`orders`\","
            + " \"ddls\": [\"ALTER TABLE `sales`.`orders` ADD COLUMN `c` int\"],"
            + " \"synced\": [\"s1:`shard_0`.`orders`\"], \"unsynced\": [\"s2:`shard_1`.`orders`\"]}]}";

    @TempDir Path dir;
    private final FakeMaster master = new FakeMaster();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void stopMaster() {
        master.close();
    }

    private int run(String... args) {
        String[] full = new String[args.length + 2];
        full[0] = "--master-addr";
        full[1] = master.addr();
        System.arraycopy(args, 0, full, 2, args.length);
        return Dmctl.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(full);
    }

    @Test
    void updateSourcePutsTheFileUnderItsSourceIdAndPrintsDmShape() throws Exception {
        Path file = Files.writeString(dir.resolve("source.yaml"), SOURCE_YAML);
        master.answer("PUT", "/api/v1/sources/s1", 200, "{\"source_name\": \"s1\", \"worker_name\": \"w2\"}");

        assertThat(run("operate-source", "update", file.toString())).as(err.toString()).isZero();

        FakeMaster.Request sent = master.requests().get(0);
        assertThat(sent.method()).isEqualTo("PUT");
        assertThat(sent.path()).isEqualTo("/api/v1/sources/s1");
        assertThat(JSON.readTree(sent.body()).get("source_yaml").asText()).isEqualTo(SOURCE_YAML);
        JsonNode printed = JSON.readTree(out.toString());
        assertThat(printed.get("result").asBoolean()).isTrue();
        assertThat(printed.get("sources").get(0).get("source").asText()).isEqualTo("s1");
        assertThat(printed.get("sources").get(0).get("worker").asText()).isEqualTo("w2");
    }

    @Test
    void updateRefusedByTheMasterIsOneLineAndExitOne() throws Exception {
        Path file = Files.writeString(dir.resolve("source.yaml"), SOURCE_YAML);
        master.answer("PUT", "/api/v1/sources/s1", 409, "{\"error_code\": 38003, \"error_msg\":"
                + " \"source s1 is used by task(s) t1 that are not stopped; stop them first\"}");

        assertThat(run("operate-source", "update", file.toString())).isEqualTo(1);

        assertThat(err.toString().strip()).isEqualTo(
                "dmctl: source s1 is used by task(s) t1 that are not stopped; stop them first (code 38003)");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void configTaskPrintsTheYamlTheMasterReturns() throws Exception {
        String masked = "name: t1\ntarget-database:\n  password: \"******\"\n";
        master.answer("GET", "/api/v1/tasks/t1", 200, JSON.writeValueAsString(java.util.Map.of(
                "name", "t1", "task_mode", "all", "stage", "Running", "task_yaml", masked)));

        assertThat(run("config", "task", "t1")).as(err.toString()).isZero();

        JsonNode printed = JSON.readTree(out.toString());
        assertThat(printed.get("result").asBoolean()).isTrue();
        assertThat(printed.get("msg").asText()).isEmpty();
        assertThat(printed.get("cfg").asText()).isEqualTo(masked);
    }

    @Test
    void configTaskWithPathWritesTheFile() throws Exception {
        master.answer("GET", "/api/v1/tasks/t1", 200, "{\"name\": \"t1\", \"task_yaml\": \"name: t1\\n\"}");
        Path target = dir.resolve("t1.yaml");

        assertThat(run("config", "task", "t1", "--path", target.toString())).as(err.toString()).isZero();

        assertThat(Files.readString(target)).isEqualTo("name: t1\n");
        assertThat(JSON.readTree(out.toString()).has("cfg")).isFalse();
    }

    @Test
    void configOfUnknownTaskIsOneLineAndExitOne() {
        assertThat(run("config", "task", "nope")).isEqualTo(1);

        assertThat(err.toString().strip()).startsWith("dmctl: GET /api/v1/tasks/nope not found").doesNotContain("\n");
    }

    @Test
    void configSourcePrintsTheMaskedYamlTheMasterReturns() throws Exception {
        String masked = "source-id: s1\nfrom:\n  host: db1.example\n  password: '******'\n";
        master.answer("GET", "/api/v1/sources/s1", 200, JSON.writeValueAsString(java.util.Map.of(
                "source_name", "s1", "host", "db1.example", "source_yaml", masked)));

        assertThat(run("config", "source", "s1")).as(err.toString()).isZero();

        JsonNode printed = JSON.readTree(out.toString());
        assertThat(printed.get("result").asBoolean()).isTrue();
        assertThat(printed.get("msg").asText()).isEmpty();
        assertThat(printed.get("cfg").asText()).isEqualTo(masked);
    }

    @Test
    void configSourceWithPathWritesTheFileAndSaysSo() throws Exception {
        master.answer("GET", "/api/v1/sources/s1", 200, "{\"source_yaml\": \"source-id: s1\\n\"}");
        Path target = dir.resolve("s1.yaml");

        assertThat(run("config", "source", "s1", "-p", target.toString())).as(err.toString()).isZero();

        assertThat(Files.readString(target)).isEqualTo("source-id: s1\n");
        JsonNode printed = JSON.readTree(out.toString());
        assertThat(printed.has("cfg")).isFalse();
        assertThat(printed.get("msg").asText()).isEqualTo("write config to file " + target + " succeed");
    }

    @Test
    void configSourceFromAMasterWithoutTheYamlIsAnErrorNotAnEmptyConfig() {
        master.answer("GET", "/api/v1/sources/s1", 200, "{\"source_name\": \"s1\"}");

        assertThat(run("config", "source", "s1")).isEqualTo(1);

        assertThat(err.toString().strip()).isEqualTo(
                "dmctl: the master's answer has no \"source_yaml\" (a master older than this dmctl?)");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void configMasterAndWorkerPrintTheirToml() throws Exception {
        String masterToml = "name = \"m1\"\nmaster-addr = \"127.0.0.1:8261\"\n";
        String workerToml = "name = \"w1\"\nworker-addr = \"127.0.0.1:8262\"\n";
        master.answer("GET", "/api/v1/cluster/masters/m1/config", 200, JSON.writeValueAsString(java.util.Map.of(
                "name", "m1", "config", masterToml)));
        master.answer("GET", "/api/v1/cluster/workers/w1/config", 200, JSON.writeValueAsString(java.util.Map.of(
                "name", "w1", "config", workerToml)));

        assertThat(run("config", "master", "m1")).as(err.toString()).isZero();
        assertThat(JSON.readTree(out.toString()).get("cfg").asText()).isEqualTo(masterToml);
        out.getBuffer().setLength(0);
        Path target = dir.resolve("worker.toml");
        assertThat(run("config", "worker", "w1", "--path", target.toString())).as(err.toString()).isZero();

        assertThat(Files.readString(target)).isEqualTo(workerToml);
        assertThat(JSON.readTree(out.toString()).get("result").asBoolean()).isTrue();
    }

    @Test
    void configOfAnOfflineWorkerIsOneLineAndExitOne() {
        master.answer("GET", "/api/v1/cluster/workers/w1/config", 409, "{\"error_code\": 38002, \"error_msg\":"
                + " \"[code=38002:cluster] worker w1 is offline\"}");

        assertThat(run("config", "worker", "w1")).isEqualTo(1);

        assertThat(err.toString().strip()).isEqualTo("dmctl: [code=38002:cluster] worker w1 is offline (code 38002)");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void binlogSkipWithBinlogPosSendsItToTheOneSource() throws Exception {
        master.answer("GET", "/api/v1/tasks/t1/status", 200, "{\"total\": 1, \"data\": [{\"source_name\": \"s1\"}]}");
        master.answer("POST", "/api/v1/tasks/t1/sources/s1/binlog/skip", 200,
                "{\"binlog_pos\": \"(mysql-bin.000001, 1234)\", \"worker_name\": \"w1\"}");

        assertThat(run("binlog", "skip", "t1", "-b", "mysql-bin.000001:1234")).as(err.toString()).isZero();

        FakeMaster.Request sent = master.requests().get(1);
        assertThat(sent.path()).isEqualTo("/api/v1/tasks/t1/sources/s1/binlog/skip");
        assertThat(JSON.readTree(sent.body()).get("binlog_pos").asText()).isEqualTo("mysql-bin.000001:1234");
        JsonNode line = JSON.readTree(out.toString()).get("sources").get(0);
        assertThat(line.get("source").asText()).isEqualTo("s1");
        assertThat(line.get("worker").asText()).isEqualTo("w1");
    }

    @Test
    void binlogReplaceWithBinlogPosSendsBothThePositionAndTheStatements() throws Exception {
        master.answer("POST", "/api/v1/tasks/t1/sources/s2/binlog/replace", 200, "{\"worker_name\": \"w2\"}");

        assertThat(run("binlog", "replace", "t1", "-s", "s2", "--binlog-pos", "mysql-bin.000003:4",
                "ALTER TABLE `d`.`t` ADD COLUMN c INT; ALTER TABLE `d`.`t` ADD COLUMN e INT")).as(err.toString())
                .isZero();

        JsonNode body = JSON.readTree(master.requests().get(0).body());
        assertThat(body.get("binlog_pos").asText()).isEqualTo("mysql-bin.000003:4");
        assertThat(body.get("sqls")).hasSize(2);
    }

    @Test
    void aMalformedBinlogPosIsOneLineAndExitOneBeforeAnyRequest() {
        assertThat(run("binlog", "skip", "t1", "-s", "s1", "-b", "mysql-bin.000001")).isEqualTo(1);
        assertThat(run("binlog", "replace", "t1", "-b", "mysql-bin.000001:x", "DROP TABLE `d`.`t`")).isEqualTo(1);

        assertThat(err.toString().strip().lines().toList()).containsExactly(
                "dmctl: binlog-pos \"mysql-bin.000001\" is not file:pos, like mysql-bin.000001:1234",
                "dmctl: binlog-pos \"mysql-bin.000001:x\" is not file:pos, like mysql-bin.000001:1234");
        assertThat(master.requests()).isEmpty();
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aBinlogPosNeedsExactlyOneSource() {
        master.answer("GET", "/api/v1/tasks/t1/status", 200,
                "{\"total\": 2, \"data\": [{\"source_name\": \"s1\"}, {\"source_name\": \"s2\"}]}");

        assertThat(run("binlog", "skip", "t1", "-b", "mysql-bin.000001:1234")).isEqualTo(1);

        assertThat(err.toString().strip()).startsWith("dmctl: -b names a position in one source's binlog")
                .contains("[s1, s2]").doesNotContain("\n");
        assertThat(master.requests()).extracting(FakeMaster.Request::method).containsExactly("GET");
    }

    @Test
    void aSkipTheWorkerRefusesForAnotherPositionIsOneLineAndExitOne() {
        master.answer("POST", "/api/v1/tasks/t1/sources/s1/binlog/skip", 409, "{\"error_code\": 38002, \"error_msg\":"
                + " \"[code=38002:cluster] the sync of source s1 is paused at the DDL at mysql-bin.000002:4567,"
                + " not at mysql-bin.000001:1234\", \"worker_name\": \"w1\"}");

        assertThat(run("binlog", "skip", "t1", "-s", "s1", "-b", "mysql-bin.000001:1234")).isEqualTo(1);

        assertThat(err.toString().strip()).isEqualTo("dmctl: [code=38002:cluster] the sync of source s1 is paused at"
                + " the DDL at mysql-bin.000002:4567, not at mysql-bin.000001:1234 (code 38002)");
    }

    @Test
    void aTasksLocksInDmShape() throws Exception {
        master.answer("GET", "/api/v1/tasks/t1/shard-ddl-locks", 200, LOCKS);

        assertThat(run("shard-ddl-lock", "t1")).as(err.toString()).isZero();

        assertThat(master.requests()).extracting(FakeMaster.Request::path)
                .containsExactly("/api/v1/tasks/t1/shard-ddl-locks");
        JsonNode printed = JSON.readTree(out.toString());
        assertThat(printed).isEqualTo(JSON.readTree("{\"result\": true, \"msg\": \"\", \"lock\": [{"
                + "\"ID\": \"t1-`sales`.`orders`\", \"task\": \"t1\", \"mode\": \"optimistic\","
                + " \"owner\": \"s1:`shard_0`.`orders`\", \"DDLs\": [\"ALTER TABLE `sales`.`orders` ADD COLUMN `c` int\"],"
                + " \"synced\": [\"s1:`shard_0`.`orders`\"], \"unsynced\": [\"s2:`shard_1`.`orders`\"]}]}"));
        assertThat(out.toString()).startsWith("{\n    \"result\" : true,\n    \"msg\" : \"\",\n    \"lock\" : [");
    }

    @Test
    void withoutATaskEveryTasksLocksAndNoneIsAnEmptyList() throws Exception {
        master.answer("GET", "/api/v1/shard-ddl-locks", 200, "{\"total\": 0, \"data\": []}");

        assertThat(run("shard-ddl-lock")).as(err.toString()).isZero();

        assertThat(master.requests()).extracting(FakeMaster.Request::path).containsExactly("/api/v1/shard-ddl-locks");
        assertThat(JSON.readTree(out.toString())).isEqualTo(JSON.readTree(
                "{\"result\": true, \"msg\": \"\", \"lock\": []}"));
    }

    @Test
    void anUnknownTaskIsTheMastersErrorOnOneLine() {
        master.answer("GET", "/api/v1/tasks/nope/shard-ddl-locks", 404,
                "{\"error_code\": 38001, \"error_msg\": \"[code=38001:cluster] task nope not found\"}");

        assertThat(run("shard-ddl-lock", "nope")).isEqualTo(1);

        assertThat(err.toString().strip()).isEqualTo("dmctl: [code=38001:cluster] task nope not found (code 38001)");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void unlockIsNotPretended() {
        assertThat(run("shard-ddl-lock", "unlock")).isEqualTo(2);
        assertThat(err.toString()).contains("shard-ddl-lock unlock is not supported yet");
        assertThat(master.requests()).isEmpty();
    }

    @Test
    void queryStatusNamesTheShardDdlLockASubtaskWaitsOn() throws Exception {
        master.answer("GET", "/api/v1/tasks/shd/status", 200, "{\"total\": 2, \"data\": ["
                + "{\"source_name\": \"s1\", \"worker_name\": \"w1\", \"stage\": \"Running\","
                + " \"status\": {\"unresolved_ddl_lock_id\": \"\"}},"
                + "{\"source_name\": \"s2\", \"worker_name\": \"w2\", \"stage\": \"Running\","
                + " \"status\": {\"unresolved_ddl_lock_id\": \"shd-`m`.`t`\"}}]}");

        assertThat(run("query-status", "shd")).as(err.toString()).isZero();

        JsonNode sources = JSON.readTree(out.toString()).path("sources");
        assertThat(sources.get(0).path("subTaskStatus").get(0).path("unresolvedDDLLockID").asText()).isEmpty();
        assertThat(sources.get(1).path("subTaskStatus").get(0).path("unresolvedDDLLockID").asText())
                .isEqualTo("shd-`m`.`t`");
    }
}
