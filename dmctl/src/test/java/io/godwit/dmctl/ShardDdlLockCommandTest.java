package io.godwit.dmctl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** shard-ddl-lock against a stand-in master: the path it asks and DM's output shape. */
class ShardDdlLockCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOCKS = "{\"total\": 1, \"data\": [{\"id\": \"t1-`sales`.`orders`\", \"task\": \"t1\","
            + " \"mode\": \"optimistic\", \"owner\": \"s1:`shard_0`.`orders`\","
            + " \"ddls\": [\"ALTER TABLE `sales`.`orders` ADD COLUMN `c` int\"],"
            + " \"synced\": [\"s1:`shard_0`.`orders`\"], \"unsynced\": [\"s2:`shard_1`.`orders`\"]}]}";

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
}
