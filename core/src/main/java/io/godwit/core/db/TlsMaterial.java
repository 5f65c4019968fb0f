package io.godwit.core.db;

import io.godwit.core.config.SecurityConfig;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS material of one {@code security} block, read from its PEM files: the CA certificates to
 * trust, the optional client certificate chain and key, and the common names the server's
 * certificate may carry. Two forms of it are handed out:
 * <ul>
 *   <li>{@link #sslContext()} for code that layers TLS itself (the binlog client): it trusts the CA
 *       certificates only and checks {@code cert-allowed-cn} in its trust manager;</li>
 *   <li>{@link #keyStores()} for Connector/J, which takes its trust and key material only as
 *       keystores by URL (its {@code trustCertificateKeyStoreUrl}/{@code clientCertificateKeyStoreUrl};
 *       it has no property for an {@code SSLContext} or for PEM files): owner-only PKCS#12 files
 *       under a random password that lives only in this process, deleted when the JVM exits.</li>
 * </ul>
 * Loaded once per block and state of its files (a changed file is read again) and shared by every
 * pool and connection; key material and passwords are never logged.
 */
public final class TlsMaterial {
    private static final ConcurrentHashMap<CacheKey, TlsMaterial> LOADED = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<String, TlsMaterial> BY_TRUST_STORE_URL = new ConcurrentHashMap<>();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String configPath;
    private final List<X509Certificate> authorities;
    private final List<X509Certificate> clientChain;
    private final PrivateKey clientKey;
    private final List<String> allowedCn;
    private final SSLContext sslContext;
    private KeyStoreFiles keyStores;

    /** The files the key stands for, with their modification times, so a replaced file is read again. */
    private record CacheKey(String configPath, SecurityConfig security, List<Optional<FileTime>> stamps) {}

    /**
     * Connector/J's view of the material: file URLs of the PKCS#12 stores and their password.
     * {@code clientStore} is null without a client certificate. {@link #toString()} hides the password.
     */
    public record KeyStoreFiles(String trustStoreUrl, String clientStoreUrl, String password) {
        @Override public String toString() {
            return "KeyStoreFiles[" + trustStoreUrl + ", " + clientStoreUrl + ", password=******]";
        }
    }

    private TlsMaterial(String configPath, SecurityConfig security) {
        this.configPath = configPath;
        this.authorities = PemFiles.certificates(security.sslCa(), configPath + ".ssl-ca");
        if (!security.sslCert().isEmpty()) {
            this.clientChain = PemFiles.certificates(security.sslCert(), configPath + ".ssl-cert");
            this.clientKey = PemFiles.privateKey(security.sslKey(), configPath + ".ssl-key");
            checkKeyMatches(security);
        } else {
            this.clientChain = List.of();
            this.clientKey = null;
        }
        this.allowedCn = security.certAllowedCn();
        this.sslContext = buildContext();
    }

    /**
     * The material of {@code security}, empty when the block turns TLS off (no {@code ssl-ca}).
     *
     * @param configPath the block's key path for messages: {@code from.security} or {@code target-database.security}
     * @throws GodwitException TLS_FILE_INVALID naming the key and path of a file that is missing,
     *                         unreadable or not the PEM it should be, or of a half-given client certificate
     */
    public static Optional<TlsMaterial> of(SecurityConfig security, String configPath) {
        boolean clientCert = !security.sslCert().isEmpty();
        boolean clientKey = !security.sslKey().isEmpty();
        if (!security.enabled()) {
            if (clientCert || clientKey || !security.certAllowedCn().isEmpty()) {
                throw new GodwitException(ErrorCode.TLS_FILE_INVALID, configPath + ": ssl-cert, ssl-key or cert-allowed-cn "
                        + "is set but ssl-ca is not, which would connect without TLS: set " + configPath + ".ssl-ca");
            }
            return Optional.empty();
        }
        if (clientCert != clientKey) {
            String missing = clientCert ? ".ssl-key" : ".ssl-cert";
            throw new GodwitException(ErrorCode.TLS_FILE_INVALID, configPath + missing + " is empty while "
                    + configPath + (clientCert ? ".ssl-cert" : ".ssl-key") + " is set: a client certificate needs both");
        }
        CacheKey key = new CacheKey(configPath, security, List.of(stamp(security.sslCa()), stamp(security.sslCert()),
                stamp(security.sslKey())));
        return Optional.of(LOADED.computeIfAbsent(key, k -> new TlsMaterial(k.configPath(), k.security())));
    }

    /** The material whose trust store {@link #keyStores()} wrote to {@code url}; for the Connector/J socket factory. */
    static Optional<TlsMaterial> byTrustStoreUrl(String url) {
        return Optional.ofNullable(url == null ? null : BY_TRUST_STORE_URL.get(url));
    }

    /** A TLS context that trusts the CA certificates only, presents the client certificate if any, and enforces {@code cert-allowed-cn}. */
    public SSLContext sslContext() { return sslContext; }

    public boolean hasClientCertificate() { return clientKey != null; }

    public List<String> allowedCn() { return allowedCn; }

    /** The PKCS#12 files for Connector/J, written on first use. */
    public synchronized KeyStoreFiles keyStores() {
        if (keyStores == null) {
            String password = randomPassword();
            try {
                KeyStore trust = trustStore(password.toCharArray());
                Path trustFile = write(trust, password.toCharArray(), "trust");
                String clientUrl = null;
                if (clientKey != null) {
                    clientUrl = write(clientStore(password.toCharArray()), password.toCharArray(), "client").toUri().toString();
                }
                keyStores = new KeyStoreFiles(trustFile.toUri().toString(), clientUrl, password);
                BY_TRUST_STORE_URL.put(keyStores.trustStoreUrl(), this);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot build the PKCS#12 stores of " + configPath + ": " + e, e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the PKCS#12 stores of " + configPath + ": " + e, e);
            }
        }
        return keyStores;
    }

    /**
     * Checks the server's certificate chain against {@code cert-allowed-cn}; the CA check is the
     * trust manager's.
     *
     * @throws PeerNotAllowedException naming the certificate's common name and the allowed list
     */
    void checkAllowedCn(X509Certificate[] chain) throws CertificateException {
        if (allowedCn.isEmpty()) {
            return;
        }
        if (chain == null || chain.length == 0) {
            throw new PeerNotAllowedException("the server sent no certificate, so " + configPath
                    + ".cert-allowed-cn " + allowedCn + " cannot be checked");
        }
        String cn = commonName(chain[0]);
        if (cn == null || !allowedCn.contains(cn)) {
            throw new PeerNotAllowedException("the server certificate's common name "
                    + (cn == null ? "(none)" : "'" + cn + "'") + " is not in " + configPath + ".cert-allowed-cn " + allowedCn);
        }
    }

    /**
     * The certificate problem that made a TLS handshake fail (CA not trusted, common name not
     * allowed), found in {@code t}'s causes; empty when the failure was something else.
     */
    public static Optional<CertificateException> peerRejection(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof CertificateException ce) {
                return Optional.of(ce);
            }
        }
        return Optional.empty();
    }

    /**
     * Why the server's certificate was refused, for a one-line message: the {@code cert-allowed-cn}
     * refusal as it is, anything else as a failed verification against {@code configPath.ssl-ca}.
     */
    public static String rejectionReason(CertificateException e, String configPath) {
        String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        return e instanceof PeerNotAllowedException ? message
                : "it fails verification against " + configPath + ".ssl-ca (" + message + ")";
    }

    /** A server certificate whose common name is not in {@code cert-allowed-cn}. */
    public static final class PeerNotAllowedException extends CertificateException {
        private static final long serialVersionUID = 1L;

        PeerNotAllowedException(String message) {
            super(message);
        }
    }

    /**
     * The subject CN as Go's {@code x509.Certificate.Subject.CommonName} has it (DM compares that):
     * the last CN attribute of the subject, null when there is none.
     */
    static String commonName(X509Certificate cert) {
        try {
            String cn = null;
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    cn = String.valueOf(rdn.getValue());
                }
            }
            return cn;
        } catch (InvalidNameException e) {
            return null;
        }
    }

    private SSLContext buildContext() {
        try {
            char[] password = randomPassword().toCharArray();
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore(password));
            X509ExtendedTrustManager caOnly = null;
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x) {
                    caOnly = x;
                }
            }
            if (caOnly == null) {
                throw new IllegalStateException("the JDK has no X509 trust manager");
            }
            KeyManager[] keyManagers = null;
            if (clientKey != null) {
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(clientStore(password), password);
                keyManagers = kmf.getKeyManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, new TrustManager[] {new AllowedCnTrustManager(caOnly)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new GodwitException(ErrorCode.TLS_FILE_INVALID, configPath + ": the certificates and key cannot form a TLS context ("
                    + e.getMessage() + ")", e);
        }
    }

    private KeyStore trustStore(char[] password) throws GeneralSecurityException {
        KeyStore ks = emptyStore(password);
        for (int i = 0; i < authorities.size(); i++) {
            ks.setCertificateEntry("ca-" + i, authorities.get(i));
        }
        return ks;
    }

    private KeyStore clientStore(char[] password) throws GeneralSecurityException {
        KeyStore ks = emptyStore(password);
        ks.setKeyEntry("client", clientKey, password, clientChain.toArray(new X509Certificate[0]));
        return ks;
    }

    private static KeyStore emptyStore(char[] password) throws GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try {
            ks.load(null, password);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return ks;
    }

    private static Path write(KeyStore ks, char[] password, String kind) throws IOException, GeneralSecurityException {
        Path file = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? Files.createTempFile("godwit-tls-" + kind + "-", ".p12",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile("godwit-tls-" + kind + "-", ".p12");
        file.toFile().deleteOnExit();
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, password);
        }
        return file;
    }

    /** A key that does not belong to the certificate fails only in the handshake, obscurely: say so up front. */
    private void checkKeyMatches(SecurityConfig security) {
        String algorithm = switch (clientKey.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "Ed448", "EdDSA" -> clientKey.getAlgorithm();
            default -> null;
        };
        if (algorithm == null) {
            return;
        }
        boolean matches;
        try {
            byte[] probe = "godwit key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            Signature sign = Signature.getInstance(algorithm);
            sign.initSign(clientKey);
            sign.update(probe);
            byte[] signature = sign.sign();
            Signature verify = Signature.getInstance(algorithm);
            verify.initVerify(clientChain.get(0).getPublicKey());
            verify.update(probe);
            matches = verify.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false;
        }
        if (!matches) {
            throw new GodwitException(ErrorCode.TLS_FILE_INVALID, configPath + ".ssl-key '" + security.sslKey()
                    + "': the key does not belong to the first certificate of " + configPath + ".ssl-cert '"
                    + security.sslCert() + "'");
        }
    }

    private static Optional<FileTime> stamp(String path) {
        if (path.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.getLastModifiedTime(Path.of(path)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String randomPassword() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    @Override public String toString() {
        List<String> parts = new ArrayList<>();
        parts.add(authorities.size() + " CA certificate(s)");
        parts.add(clientKey == null ? "no client certificate" : "client certificate '" + commonName(clientChain.get(0)) + "'");
        if (!allowedCn.isEmpty()) {
            parts.add("allowed CN " + allowedCn);
        }
        return "TlsMaterial[" + configPath + ": " + String.join(", ", parts) + "]";
    }

    /** The CA-only trust manager plus the {@code cert-allowed-cn} check on the server's certificate. */
    private final class AllowedCnTrustManager extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager caOnly;

        AllowedCnTrustManager(X509ExtendedTrustManager caOnly) {
            this.caOnly = caOnly;
        }

        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            caOnly.checkServerTrusted(chain, authType, socket);
            checkAllowedCn(chain);
        }

        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            caOnly.checkServerTrusted(chain, authType, engine);
            checkAllowedCn(chain);
        }

        @Override public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            caOnly.checkServerTrusted(chain, authType);
            checkAllowedCn(chain);
        }

        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            caOnly.checkClientTrusted(chain, authType, socket);
        }

        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            caOnly.checkClientTrusted(chain, authType, engine);
        }

        @Override public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            caOnly.checkClientTrusted(chain, authType);
        }

        @Override public X509Certificate[] getAcceptedIssuers() {
            return caOnly.getAcceptedIssuers();
        }
    }
}
