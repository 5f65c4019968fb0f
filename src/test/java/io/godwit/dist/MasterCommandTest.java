package io.godwit.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.master.MasterConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** How `godwit master` combines its flags, DM's master.toml and the defaults. */
class MasterCommandTest {
    @TempDir Path dir;
    private final StringWriter err = new StringWriter();

    private MasterConfig resolve(String... args) {
        CommandLine cmd = new CommandLine(new MasterCommand()).setErr(new PrintWriter(err));
        cmd.parseArgs(args);
        return ((MasterCommand) cmd.getCommand()).resolve();
    }

    @Test
    void defaultsAreDms() {
        assertThat(resolve()).isEqualTo(new MasterConfig("dm-master", "127.0.0.1", 8261, "",
                Path.of("default.dm-master"), Duration.ofSeconds(10)));
        assertThat(resolve("--name", "m7").dataDir()).isEqualTo(Path.of("default.m7"));
    }

    @Test
    void flagsWinOverTheFileWhichWinsOverDefaults() throws Exception {
        Path file = Files.writeString(dir.resolve("master.toml"), """
                name = "master-a"
                master-addr = "0.0.0.0:18261"
                advertise-addr = "10.0.0.1:18261"
                data-dir = "/var/lib/dm"
                keepalive-ttl = "30s"
                log-level = "info"
                log-file = "dm-master.log"
                """);

        assertThat(resolve("--config", file.toString())).isEqualTo(new MasterConfig("master-a", "0.0.0.0", 18261,
                "10.0.0.1:18261", Path.of("/var/lib/dm"), Duration.ofSeconds(30)));
        assertThat(resolve("--config", file.toString(), "--name", "m2", "--master-addr", "127.0.0.1:0",
                "--keepalive-ttl", "1m30s", "--data-dir", "/tmp/x", "--advertise-addr", "h:1"))
                .isEqualTo(new MasterConfig("m2", "127.0.0.1", 0, "h:1", Path.of("/tmp/x"), Duration.ofSeconds(90)));
        assertThat(err.toString()).contains("log-level is accepted and ignored").contains("log-file");
    }

    @Test
    void keepaliveTtlAsSecondsLikeDmsWorkerToml() throws Exception {
        Path file = Files.writeString(dir.resolve("master.toml"), "keepalive-ttl = 60\n");

        assertThat(resolve("--config", file.toString()).keepaliveTtl()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void unknownKeyIsAnErrorNamingIt() throws Exception {
        Path file = Files.writeString(dir.resolve("master.toml"), "name = \"m\"\npeer-urlz = \"x\"\n");

        assertThatThrownBy(() -> resolve("--config", file.toString()))
                .isInstanceOfSatisfying(GodwitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID))
                .hasMessageContaining("peer-urlz");
    }

    @Test
    void badAddressOrDurationIsAnError() {
        assertThatThrownBy(() -> resolve("--master-addr", "8261")).hasMessageContaining("host:port");
        assertThatThrownBy(() -> resolve("--master-addr", "h:99999")).hasMessageContaining("host:port");
        assertThatThrownBy(() -> resolve("--keepalive-ttl", "ten")).hasMessageContaining("keepalive-ttl");
    }
}
