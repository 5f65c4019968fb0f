package io.godwit.binlog.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The stream's small pieces: config validation, backoff, charsets, query event parsing. */
class SmallPartsTest {

    @Test
    void configReportsEveryProblemAtOnceAndNeverPrintsThePassword() {
        assertThatThrownBy(() -> new BinlogStreamConfig("", 0, "", "secret", 0, null, Duration.ofSeconds(30),
                Duration.ofSeconds(10), Duration.ofSeconds(1), 0, BinlogStreamConfig.Reconnect.DEFAULT, null))
                .isInstanceOfSatisfying(GodwitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
                    assertThat(e.getMessage()).contains("host").contains("port 0").contains("user").contains("server-id 0")
                            .contains("start position").contains("shorter than the read timeout").contains("queue capacity");
                });
        BinlogStreamConfig ok = BinlogStreamConfig.of("db", 3306, "repl", "secret", 42,
                BinlogStart.filePosition("mysql-bin.000001", 4));
        assertThat(ok.toString()).contains("repl@db:3306").doesNotContain("secret");
    }

    @Test
    void backoffDoublesUpToTheMaximumAndStartsOverAfterProgress() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMillis(350));
        assertThat(b.nextDelay()).isEqualTo(Duration.ofMillis(100));
        assertThat(b.nextDelay()).isEqualTo(Duration.ofMillis(200));
        assertThat(b.nextDelay()).isEqualTo(Duration.ofMillis(350));
        assertThat(b.nextDelay()).isEqualTo(Duration.ofMillis(350));
        b.reset();
        assertThat(b.nextDelay()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void latin1IsTheServersWindows1252WithItsFiveExtraControls() throws CharacterCodingException {
        MySqlCharsets.TextDecoder latin1 = MySqlCharsets.decoder("latin1");
        assertThat(latin1.decode(new byte[] {(byte) 0x80, (byte) 0x81, (byte) 0x9D, (byte) 0xE9}))
                .isEqualTo("€\u0081\u009Dé");
        assertThatThrownBy(() -> MySqlCharsets.decoder("utf8mb4").decode(new byte[] {(byte) 0xFF}))
                .isInstanceOf(CharacterCodingException.class);
        assertThat(MySqlCharsets.decoder("ucs2").decode(new byte[] {0, 0x41})).isEqualTo("A");
    }

    @Test
    void queryEventsNameTheirClientCollationAndControlStatements() {
        // Q_FLAGS2 (4 bytes), Q_SQL_MODE (8), Q_CATALOG_NZ "std", Q_CHARSET (client 8, connection 8, server 45)
        byte[] status = {0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 6, 3, 's', 't', 'd', 4, 8, 0, 8, 0, 45, 0};
        assertThat(RawQueryEventData.Deserializer.clientCollation(status)).isEqualTo(8);
        assertThat(RawQueryEventData.Deserializer.clientCollation(new byte[] {(byte) 200, 1})).isEqualTo(-1);
        RawQueryEventData begin = new RawQueryEventData("", " begin ".getBytes(StandardCharsets.UTF_8), 45);
        assertThat(begin.is("BEGIN")).isTrue();
        RawQueryEventData rollbackTo = new RawQueryEventData("", "ROLLBACK TO sp1".getBytes(StandardCharsets.UTF_8), 45);
        assertThat(rollbackTo.is("ROLLBACK")).isFalse();
        assertThat(rollbackTo.startsWith("ROLLBACK TO")).isTrue();
        assertThat(new RawQueryEventData("", "XA STARTED".getBytes(StandardCharsets.UTF_8), 45).startsWith("XA START"))
                .isFalse();
    }
}
