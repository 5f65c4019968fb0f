package io.godwit.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** How `godwit worker` combines its flags, DM's worker.toml and the defaults. */
class WorkerCommandTest {
    @TempDir Path dir;

    private WorkerCommand.Settings resolve(String... args) {
        CommandLine cmd = new CommandLine(new WorkerCommand()).setErr(new PrintWriter(new StringWriter()));
        cmd.parseArgs(args);
        return ((WorkerCommand) cmd.getCommand()).resolve();
    }

    @Test
    void flagsWinOverTheFileWhichWinsOverDefaults() throws Exception {
        Path file = Files.writeString(dir.resolve("worker.toml"), """
                name = "worker1"
                worker-addr = "0.0.0.0:18262"
                advertise-addr = "10.0.0.5:18262"
                join = "10.0.0.1:8261,10.0.0.2:8261"
                keepalive-ttl = 60
                log-level = "info"
                log-file = "dm-worker.log"
                """);

        assertThat(resolve("--config", file.toString())).isEqualTo(new WorkerCommand.Settings("worker1", "0.0.0.0",
                18262, "10.0.0.5:18262", List.of("10.0.0.1:8261", "10.0.0.2:8261"), "info", "dm-worker.log"));
        assertThat(resolve("--config", file.toString(), "--name", "w2", "--worker-addr", "127.0.0.1:0",
                "--advertise-addr", "h:1", "--join", "m:8261", "-L", "debug", "--log-file", "w.log",
                "--keepalive-ttl", "30s"))
                .isEqualTo(new WorkerCommand.Settings("w2", "127.0.0.1", 0, "h:1", List.of("m:8261"), "debug",
                        "w.log"));
    }

    @Test
    void defaultsAreDmsAndTheAdvertisedAddressFollowsAConcreteListenAddress() {
        assertThat(resolve("--name", "w1", "--join", "127.0.0.1:8261", "--worker-addr", "127.0.0.1:8262"))
                .isEqualTo(new WorkerCommand.Settings("w1", "127.0.0.1", 8262, "", List.of("127.0.0.1:8261"), null,
                        null));
        assertThat(resolve("--name", "w1", "--join", "m:8261", "--advertise-addr", "10.0.0.5:8262"))
                .satisfies(s -> assertThat(s.host() + ":" + s.port()).isEqualTo(WorkerCommand.DEFAULT_WORKER_ADDR));
        // loopback unless told otherwise: the worker's API can skip DDL
        assertThat(resolve("--name", "w1", "--join", "m:8261").host()).isEqualTo("127.0.0.1");
    }

    @Test
    void everyMissingOrBadSettingIsAConfigErrorNamingIt() throws Exception {
        assertConfigError(() -> resolve("--join", "m:8261"), "name is not set");
        assertConfigError(() -> resolve("--name", "w1"), "join is not set");
        assertConfigError(() -> resolve("--name", "w1", "--join", "m:8261", "--worker-addr", "0.0.0.0:8262"),
                "--advertise-addr");
        assertConfigError(() -> resolve("--name", "w1", "--join", "m:8261", "--worker-addr", "8262"), "host:port");
        assertConfigError(() -> resolve("--name", "w1", "--join", "m:8261", "--worker-addr", "h:x"), "host:port");
        assertConfigError(() -> resolve("--name", "w1", "--join", "m:8261", "--worker-addr", "h:1", "-L", "loud"),
                "log-level");
        assertConfigError(() -> resolve("--name", "w1", "--join", "m:8261", "--worker-addr", "h:1",
                "--keepalive-ttl", "ten"), "keepalive-ttl");
        Path typo = Files.writeString(dir.resolve("typo.toml"), "nmae = \"w1\"\n");
        assertConfigError(() -> resolve("--config", typo.toString()), "nmae");
    }

    private static void assertConfigError(Runnable call, String mentioned) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(GodwitException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID))
                .hasMessageContaining(mentioned);
    }
}
