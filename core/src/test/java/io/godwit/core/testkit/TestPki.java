package io.godwit.core.testkit;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway PKI for TLS tests, made at test time: certificate authorities that sign server and
 * client certificates, written as PEM files the way openssl writes them (keys as PKCS#8, PKCS#1
 * RSA or SEC1 EC). BouncyCastle signs; the JDK has no public API for it.
 */
public final class TestPki {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private TestPki() {}

    /** A certificate with its key pair. */
    public record Issued(X509Certificate certificate, KeyPair keys) {
        /** The certificate as a PEM file. */
        public Path writeCertificate(Path file) {
            return TestPki.write(file, pem("CERTIFICATE", encoded(certificate)));
        }

        /** The private key as {@code BEGIN PRIVATE KEY} (PKCS#8). */
        public Path writeKeyPkcs8(Path file) {
            return TestPki.write(file, pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
        }

        /** The private key as openssl's traditional form: {@code BEGIN RSA PRIVATE KEY} or {@code BEGIN EC PRIVATE KEY}. */
        public Path writeKeyTraditional(Path file) {
            StringWriter out = new StringWriter();
            try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
                pem.writeObject(keys.getPrivate());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return TestPki.write(file, out.toString());
        }
    }

    /** A self-signed CA. */
    public static final class Authority {
        private final Issued self;

        private Authority(Issued self) {
            this.self = self;
        }

        public X509Certificate certificate() { return self.certificate(); }

        public Path writeCertificate(Path file) { return self.writeCertificate(file); }

        /** A server certificate for {@code cn}, also valid for 127.0.0.1 and localhost as subject alternative names. */
        public Issued issueServer(String cn) {
            return issue(cn, rsa(), true);
        }

        /** A client certificate with an RSA key. */
        public Issued issueClient(String cn) {
            return issue(cn, rsa(), false);
        }

        /** A client certificate with an EC P-256 key. */
        public Issued issueClientEc(String cn) {
            return issue(cn, ec(), false);
        }

        private Issued issue(String cn, KeyPair keys, boolean server) {
            try {
                X509v3CertificateBuilder b = builder(X500Name.getInstance(self.certificate().getSubjectX500Principal().getEncoded()),
                        new X500Name("CN=" + cn + ",O=Godwit tests"), keys);
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
                b.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(server ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth));
                if (server) {
                    b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                            new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
                }
                return new Issued(sign(b, self.keys().getPrivate()), keys);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A new self-signed certificate authority named {@code cn}. */
    public static Authority newAuthority(String cn) {
        try {
            KeyPair keys = rsa();
            X500Name name = new X500Name("CN=" + cn + ",O=Godwit tests");
            X509v3CertificateBuilder b = builder(name, name, keys);
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return new Authority(new Issued(sign(b, keys.getPrivate()), keys));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))), subject, keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey issuerKey) {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey)));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair ec() {
        try {
            // BouncyCastle's keys carry the curve inside the SEC1 form too, as openssl writes it
            // (the JDK's leave it out, and then the traditional PEM names no curve).
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC", new org.bouncycastle.jce.provider.BouncyCastleProvider());
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] encoded(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PEM block of {@code type} around {@code der}, 64 characters a line. */
    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** Writes {@code text} to {@code file}, appending when the file exists (a PEM bundle). */
    public static Path write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.US_ASCII, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
