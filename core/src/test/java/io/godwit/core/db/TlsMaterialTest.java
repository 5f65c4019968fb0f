package io.godwit.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godwit.core.config.SecurityConfig;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.testkit.TestPki;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a {@code security} block's PEM files, the errors that name key and path, and the TLS context built from them. */
class TlsMaterialTest {
    private static final String FROM = "from.security";

    @TempDir static Path dir;
    private static TestPki.Authority ca;
    private static TestPki.Issued server;
    private static TestPki.Issued client;
    private static Path caPem;
    private static Path clientCert;
    private static Path clientKeyPkcs8;

    @BeforeAll
    static void pki() {
        ca = TestPki.newAuthority("Godwit test CA");
        server = ca.issueServer("db1.example");
        client = ca.issueClient("godwit-client");
        caPem = ca.writeCertificate(dir.resolve("ca.pem"));
        clientCert = client.writeCertificate(dir.resolve("client-cert.pem"));
        clientKeyPkcs8 = client.writeKeyPkcs8(dir.resolve("client-key.pem"));
    }

    @Test
    void aMissingFileIsNamedByKeyAndPath() {
        String missing = dir.resolve("nope.pem").toString();
        assertRejected(new SecurityConfig(missing, "", ""),
                "[code=11004:config] from.security.ssl-ca '" + missing + "': no such file");
        assertRejected(new SecurityConfig(caPem.toString(), clientCert.toString(), missing),
                "[code=11004:config] from.security.ssl-key '" + missing + "': no such file");
    }

    @Test
    void aFileThatIsNoPemIsNamedByKeyAndPath() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "this is not a certificate\n");
        assertRejected(new SecurityConfig(garbage.toString(), "", ""), "[code=11004:config] from.security.ssl-ca '"
                + garbage + "': not a PEM file (no -----BEGIN ...----- / -----END ...----- block)");
        Path badBase64 = Files.writeString(dir.resolve("bad64.pem"), "-----BEGIN CERTIFICATE-----\n@@@@\n-----END CERTIFICATE-----\n");
        assertThatThrownBy(() -> TlsMaterial.of(new SecurityConfig(badBase64.toString(), "", ""), FROM))
                .isInstanceOfSatisfying(GodwitException.class, e -> assertThat(e.oneLine()).startsWith(
                        "[code=11004:config] from.security.ssl-ca '" + badBase64 + "': the CERTIFICATE block is not valid base64"));
        Path notDer = Files.writeString(dir.resolve("notder.pem"), TestPki.pem("CERTIFICATE", new byte[] {1, 2, 3}));
        assertThatThrownBy(() -> TlsMaterial.of(new SecurityConfig(notDer.toString(), "", ""), FROM))
                .isInstanceOfSatisfying(GodwitException.class, e -> assertThat(e.oneLine())
                        .startsWith("[code=11004:config] from.security.ssl-ca '" + notDer + "': certificate 1 cannot be parsed"));
    }

    @Test
    void aBlockOfTheWrongTypeIsNamedByKeyAndPath() {
        assertRejected(new SecurityConfig(clientKeyPkcs8.toString(), "", ""), "[code=11004:config] target-database.security.ssl-ca '"
                + clientKeyPkcs8 + "': holds no CERTIFICATE block but [PRIVATE KEY]", "target-database.security");
        assertRejected(new SecurityConfig(caPem.toString(), clientCert.toString(), clientCert.toString()),
                "[code=11004:config] from.security.ssl-key '" + clientCert + "': holds no private key block "
                        + "(PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY) but [CERTIFICATE]");
    }

    @Test
    void anEncryptedKeyIsRefusedWithTheWayToConvertIt() throws Exception {
        Path encrypted = Files.writeString(dir.resolve("encrypted.pem"), TestPki.pem("ENCRYPTED PRIVATE KEY", new byte[] {48, 0}));
        assertRejected(new SecurityConfig(caPem.toString(), clientCert.toString(), encrypted.toString()),
                "[code=11004:config] from.security.ssl-key '" + encrypted + "': the private key is encrypted; Godwit reads "
                        + "unencrypted keys only: convert it with `openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY-pkcs8.pem`");
        Path legacy = Files.writeString(dir.resolve("legacy-encrypted.pem"), "-----BEGIN RSA PRIVATE KEY-----\n"
                + "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00000000000000000000000000000000\n\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        assertThatThrownBy(() -> TlsMaterial.of(new SecurityConfig(caPem.toString(), clientCert.toString(), legacy.toString()), FROM))
                .isInstanceOfSatisfying(GodwitException.class, e -> assertThat(e.oneLine())
                        .contains("from.security.ssl-key '" + legacy + "': the RSA PRIVATE KEY block is encrypted")
                        .contains("openssl pkcs8 -topk8 -nocrypt"));
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() {
        Path otherKey = ca.issueClient("someone-else").writeKeyPkcs8(dir.resolve("other-key.pem"));
        assertRejected(new SecurityConfig(caPem.toString(), clientCert.toString(), otherKey.toString()),
                "[code=11004:config] from.security.ssl-key '" + otherKey + "': the key does not belong to the first "
                        + "certificate of from.security.ssl-cert '" + clientCert + "'");
    }

    @Test
    void halfAClientCertificateOrTlsFilesWithoutACaAreRefused() {
        assertRejected(new SecurityConfig(caPem.toString(), clientCert.toString(), ""),
                "[code=11004:config] from.security.ssl-key is empty while from.security.ssl-cert is set: a client certificate needs both");
        assertRejected(new SecurityConfig("", clientCert.toString(), clientKeyPkcs8.toString()),
                "[code=11004:config] from.security: ssl-cert, ssl-key or cert-allowed-cn is set but ssl-ca is not, which would "
                        + "connect without TLS: set from.security.ssl-ca");
        assertThat(TlsMaterial.of(SecurityConfig.NONE, FROM)).isEmpty();
    }

    @Test
    void readsPkcs8Pkcs1AndEcKeys() throws Exception {
        PrivateKey pkcs8 = PemFiles.privateKey(clientKeyPkcs8.toString(), "k");
        assertThat(pkcs8.getEncoded()).isEqualTo(client.keys().getPrivate().getEncoded());
        Path pkcs1 = client.writeKeyTraditional(dir.resolve("client-key-pkcs1.pem"));
        assertThat(Files.readAllLines(pkcs1).get(0)).isEqualTo("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(PemFiles.privateKey(pkcs1.toString(), "k").getEncoded()).isEqualTo(pkcs8.getEncoded());

        TestPki.Issued ecClient = ca.issueClientEc("ec-client");
        Path sec1 = ecClient.writeKeyTraditional(dir.resolve("ec-key.pem"));
        assertThat(Files.readAllLines(sec1).get(0)).isEqualTo("-----BEGIN EC PRIVATE KEY-----");
        PrivateKey ec = PemFiles.privateKey(sec1.toString(), "k");
        assertThat(ec.getAlgorithm()).isEqualTo("EC");
        assertThat(((java.security.interfaces.ECPrivateKey) ec).getS())
                .isEqualTo(((java.security.interfaces.ECPrivateKey) ecClient.keys().getPrivate()).getS());
        Path ecCert = ecClient.writeCertificate(dir.resolve("ec-cert.pem"));
        assertThat(TlsMaterial.of(new SecurityConfig(caPem.toString(), ecCert.toString(), sec1.toString()), FROM)
                .orElseThrow().hasClientCertificate()).isTrue();
    }

    @Test
    void aBundleOfCertificatesIsReadWhole() {
        Path bundle = dir.resolve("bundle.pem");
        TestPki.newAuthority("another CA").writeCertificate(bundle);
        ca.writeCertificate(bundle);
        List<X509Certificate> certs = PemFiles.certificates(bundle.toString(), "k");
        assertThat(certs).hasSize(2);
        assertThat(certs.get(1)).isEqualTo(ca.certificate());
    }

    @Test
    void keyStoresAreOwnerOnlyPkcs12FilesWhosePasswordIsNeverPrinted() throws Exception {
        TlsMaterial m = TlsMaterial.of(new SecurityConfig(caPem.toString(), clientCert.toString(), clientKeyPkcs8.toString()), FROM)
                .orElseThrow();
        TlsMaterial.KeyStoreFiles stores = m.keyStores();
        assertThat(m.keyStores()).isSameAs(stores);
        Path trust = Path.of(URI.create(stores.trustStoreUrl()));
        Path clientStore = Path.of(URI.create(stores.clientStoreUrl()));
        for (Path p : List.of(trust, clientStore)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).isEqualTo("rw-------");
        }
        KeyStore t = load(trust, stores.password());
        assertThat(t.getCertificate(t.aliases().nextElement())).isEqualTo(ca.certificate());
        KeyStore k = load(clientStore, stores.password());
        String alias = k.aliases().nextElement();
        assertThat(k.getKey(alias, stores.password().toCharArray()).getEncoded()).isEqualTo(client.keys().getPrivate().getEncoded());
        assertThat(stores.toString()).doesNotContain(stores.password());
        assertThat(m.toString()).doesNotContain(stores.password());
        assertThat(Databases.tlsProperties(io.godwit.core.config.DatabaseConfig.of("h", 1, "u", "p"), Endpoint.SOURCE)).isEmpty();
    }

    @Test
    void materialIsLoadedOnceUntilAFileChanges() throws Exception {
        Path caCopy = Files.copy(caPem, dir.resolve("ca-copy.pem"));
        SecurityConfig s = new SecurityConfig(caCopy.toString(), "", "");
        TlsMaterial first = TlsMaterial.of(s, FROM).orElseThrow();
        assertThat(TlsMaterial.of(s, FROM).orElseThrow()).isSameAs(first);
        Files.setLastModifiedTime(caCopy, FileTime.from(Instant.now().plusSeconds(60)));
        assertThat(TlsMaterial.of(s, FROM).orElseThrow()).isNotSameAs(first);
    }

    @Test
    void theContextTrustsOnlyTheCaAndChecksTheAllowedCommonNames() throws Exception {
        SSLContext serverContext = serverContext(server);
        String ok = handshake(serverContext, new SecurityConfig(caPem.toString(), "", "", List.of("other", "db1.example")));
        assertThat(ok).contains("CN=db1.example");

        assertThatThrownBy(() -> handshake(serverContext, new SecurityConfig(caPem.toString(), "", "", List.of("db2.example"))))
                .isInstanceOf(SSLHandshakeException.class)
                .satisfies(e -> assertThat(TlsMaterial.peerRejection(e)).get()
                        .isInstanceOf(TlsMaterial.PeerNotAllowedException.class)
                        .extracting(Throwable::getMessage).isEqualTo("the server certificate's common name 'db1.example' "
                                + "is not in from.security.cert-allowed-cn [db2.example]"));

        Path otherCa = TestPki.newAuthority("Other CA").writeCertificate(dir.resolve("other-ca.pem"));
        assertThatThrownBy(() -> handshake(serverContext, new SecurityConfig(otherCa.toString(), "", "")))
                .isInstanceOf(SSLHandshakeException.class)
                .satisfies(e -> assertThat(TlsMaterial.peerRejection(e)).isPresent());
    }

    /** One TLS handshake against a loopback server with {@code serverContext}; returns the server's subject as seen by the client. */
    private static String handshake(SSLContext serverContext, SecurityConfig security) throws Exception {
        try (SSLServerSocket listener = (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> accepted = CompletableFuture.runAsync(() -> {
                try (SSLSocket s = (SSLSocket) listener.accept()) {
                    s.startHandshake();
                    s.getInputStream().read();
                } catch (Exception e) {
                    // the client's refusal ends the handshake here too
                }
            });
            SSLContext client = TlsMaterial.of(security, FROM).orElseThrow().sslContext();
            try (SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
                    listener.getLocalPort())) {
                s.startHandshake();
                return ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
            } finally {
                accepted.get(10, TimeUnit.SECONDS);
            }
        }
    }

    private static SSLContext serverContext(TestPki.Issued cert) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", cert.keys().getPrivate(), "x".toCharArray(), new X509Certificate[] {cert.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "x".toCharArray());
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(kmf.getKeyManagers(), null, null);
        return c;
    }

    private static KeyStore load(Path file, String password) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, password.toCharArray());
        }
        return ks;
    }

    private static void assertRejected(SecurityConfig security, String oneLine) {
        assertRejected(security, oneLine, FROM);
    }

    private static void assertRejected(SecurityConfig security, String oneLine, String configPath) {
        assertThatThrownBy(() -> TlsMaterial.of(security, configPath)).isInstanceOfSatisfying(GodwitException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.TLS_FILE_INVALID);
            assertThat(e.code().errorClass()).isEqualTo(io.godwit.core.error.ErrorClass.CONFIG);
            assertThat(e.oneLine()).isEqualTo(oneLine);
        });
    }
}
