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

/** operate-source update and config task against a stand-in master: what dmctl sends and prints. */
class MasterBackedCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SOURCE_YAML = "source-id: s1\nfrom:\n  host: db1.example\n  port: 3306\n"
            + "  user: repl\n  password: \"s3cret\"\n";

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
}
