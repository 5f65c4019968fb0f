package io.godwit.dmctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DmctlTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Dmctl.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    }

    @Test
    void encryptThenDecryptGivesThePasswordBack() {
        assertThat(run("encrypt", "123456")).isZero();
        String encrypted = out.toString().trim();
        assertThat(encrypted).isNotEqualTo("123456");
        out.getBuffer().setLength(0);
        assertThat(run("decrypt", encrypted)).isZero();
        assertThat(out.toString().trim()).isEqualTo("123456");
    }

    @Test
    void decryptRefusesPlainText() {
        assertThat(run("decrypt", "plain")).isEqualTo(1);
        assertThat(err.toString()).contains("not an encrypted password");
    }

    @Test
    void commandsDmctlLacksAreUnknownNotPretended() {
        assertThat(run("start-relay")).isEqualTo(2);
        assertThat(err.toString()).contains("start-relay");
    }

    @Test
    void anUnreachableMasterIsOneLineAndExitOne() {
        // port 1 on loopback: nothing listens there
        assertThat(run("--master-addr", "127.0.0.1:1", "query-status")).isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("dmctl: cannot reach the master at http://127.0.0.1:1")
                .doesNotContain("\n");
    }
}
