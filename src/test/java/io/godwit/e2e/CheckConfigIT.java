package io.godwit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** `godwit check-config` lints DM files without connecting: exit 0, or 1 with every problem and its line. */
class CheckConfigIT {
    private static final Path EXAMPLES = Path.of(System.getProperty("user.dir")).resolve("../task-configs");

    @Test
    void theShippedExampleIsValid() throws Exception {
        Path dir = EXAMPLES.resolve("full-migration");
        GodwitProcess.Result r = GodwitProcess.run(60, "check-config", "--task", dir.resolve("task.yaml").toString(),
                "--source", dir.resolve("source1.yaml").toString(), "--source", dir.resolve("source2.yaml").toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
    }

    @Test
    void everyProblemIsListedWithItsLine() throws Exception {
        Path dir = Files.createTempDirectory("godwit-check-config");
        Path task = TaskFiles.write(dir, "task.yaml", ""
                + "name: t\n"
                + "task-mode: fulll\n"
                + "target-database:\n"
                + "  host: 127.0.0.1\n"
                + "  port: 4000\n"
                + "  user: root\n"
                + "mysql-instances:\n"
                + "  - source-id: s1\n"
                + "    route-rules: [\"nope\"]\n"
                + "    mydumper-thread: many\n"
                + "colour: blue\n");
        GodwitProcess.Result r = GodwitProcess.run(60, "check-config", "--task", task.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stdout()).contains("task.yaml:2:", "task-mode", "task.yaml:9:", "nope", "task.yaml:10:",
                "mydumper-thread", "task.yaml:11:", "colour");
    }
}
