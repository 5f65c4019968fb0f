package io.godwit.core.db;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the PEM files of a {@code security} block as DM (Go's crypto/tls) takes them: certificates
 * ({@code CERTIFICATE} blocks) and one unencrypted private key, as PKCS#8 ({@code PRIVATE KEY}),
 * PKCS#1 RSA ({@code RSA PRIVATE KEY}) or SEC1 EC ({@code EC PRIVATE KEY}); the last two are
 * wrapped into PKCS#8 here, since the JDK's key factories only read that. Every error is a
 * TLS_FILE_INVALID whose one-line message names the config key and the path, never file content.
 */
final class PemFiles {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    // DER encodings of the algorithm OIDs a PKCS#8 key may carry.
    private static final byte[] OID_RSA = der(0x06, hex("2a864886f70d010101"));
    private static final byte[] OID_EC = der(0x06, hex("2a8648ce3d0201"));
    private static final Map<String, String> ALGORITHM_BY_OID = Map.of(
            "1.2.840.113549.1.1.1", "RSA", "1.2.840.113549.1.1.10", "RSASSA-PSS", "1.2.840.10045.2.1", "EC",
            "1.3.101.112", "Ed25519", "1.3.101.113", "Ed448");
    private static final byte[] DER_NULL = {0x05, 0x00};
    private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};
    private static final String CONVERT = "convert it with `openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY-pkcs8.pem`";

    private record Block(String type, byte[] der) {}

    private PemFiles() {}

    /** Every certificate in the file, in file order; at least one. */
    static List<X509Certificate> certificates(String path, String key) {
        List<X509Certificate> out = new ArrayList<>();
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("the JDK has no X.509 certificate factory", e);
        }
        List<Block> blocks = blocks(path, key);
        for (Block b : blocks) {
            if (!b.type().equals("CERTIFICATE")) {
                continue;
            }
            try {
                out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(b.der())));
            } catch (CertificateException e) {
                throw invalid(key, path, "certificate " + (out.size() + 1) + " cannot be parsed (" + e.getMessage() + ")", e);
            }
        }
        if (out.isEmpty()) {
            throw invalid(key, path, "holds no CERTIFICATE block but " + types(blocks), null);
        }
        return out;
    }

    /** The file's private key (the first key block). */
    static PrivateKey privateKey(String path, String key) {
        List<Block> blocks = blocks(path, key);
        byte[] ecParameters = null;
        for (Block b : blocks) {
            if (b.type().equals("EC PARAMETERS")) {
                ecParameters = b.der();
            }
        }
        for (Block b : blocks) {
            switch (b.type()) {
                case "PRIVATE KEY":
                    return pkcs8(b.der(), path, key);
                case "RSA PRIVATE KEY":
                    return pkcs8(concatSequence(VERSION_0, der(0x30, OID_RSA, DER_NULL), der(0x04, b.der())), path, key);
                case "EC PRIVATE KEY":
                    return pkcs8(concatSequence(VERSION_0, der(0x30, OID_EC, curveOf(b.der(), ecParameters, path, key)),
                            der(0x04, b.der())), path, key);
                case "ENCRYPTED PRIVATE KEY":
                    throw invalid(key, path, "the private key is encrypted; Godwit reads unencrypted keys only: " + CONVERT, null);
                default:
                    // certificates or parameters next to the key: skip
            }
        }
        throw invalid(key, path, "holds no private key block (PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY) but "
                + types(blocks), null);
    }

    private static List<Block> blocks(String path, String key) {
        String text;
        try {
            text = new String(Files.readAllBytes(Path.of(path)), StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw invalid(key, path, "no such file", e);
        } catch (AccessDeniedException e) {
            throw invalid(key, path, "not readable (permission denied)", e);
        } catch (IOException | RuntimeException e) {
            throw invalid(key, path, "cannot be read (" + e + ")", e);
        }
        List<Block> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String type = m.group(1);
            String body = m.group(2);
            if (body.contains("Proc-Type:") && body.contains("ENCRYPTED")) {
                throw invalid(key, path, "the " + type + " block is encrypted; Godwit reads unencrypted keys only: "
                        + CONVERT, null);
            }
            try {
                out.add(new Block(type, Base64.getDecoder().decode(WHITESPACE.matcher(body).replaceAll(""))));
            } catch (IllegalArgumentException e) {
                throw invalid(key, path, "the " + type + " block is not valid base64", e);
            }
        }
        if (out.isEmpty()) {
            throw invalid(key, path, "not a PEM file (no -----BEGIN ...----- / -----END ...----- block)", null);
        }
        return out;
    }

    private static PrivateKey pkcs8(byte[] pkcs8, String path, String key) {
        String oid;
        try {
            Der info = Der.read(pkcs8, 0);
            oid = Der.read(info.child(1).content(), 0).oid();
        } catch (IllegalArgumentException e) {
            throw invalid(key, path, "the private key is not valid DER (" + e.getMessage() + ")", e);
        }
        String algorithm = ALGORITHM_BY_OID.get(oid);
        if (algorithm == null) {
            throw invalid(key, path, "the private key's algorithm " + oid + " is not supported (RSA, EC, Ed25519, Ed448)", null);
        }
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw invalid(key, path, "the " + algorithm + " private key cannot be read (" + e.getMessage() + "); " + CONVERT, e);
        }
    }

    /**
     * The curve OID of a SEC1 {@code ECPrivateKey}: its {@code [0] parameters}, or else a separate
     * {@code EC PARAMETERS} block as {@code openssl ecparam -genkey} writes it.
     */
    private static byte[] curveOf(byte[] sec1, byte[] ecParameters, String path, String key) {
        try {
            Der seq = Der.read(sec1, 0);
            for (Der element : seq.children()) {
                if (element.tag() == 0xA0) {
                    return element.content();
                }
            }
        } catch (IllegalArgumentException e) {
            throw invalid(key, path, "the EC private key is not valid DER (" + e.getMessage() + ")", e);
        }
        if (ecParameters != null && ecParameters.length > 0 && ecParameters[0] == 0x06) {
            return ecParameters;
        }
        throw invalid(key, path, "the EC private key names no curve; " + CONVERT, null);
    }

    private static String types(List<Block> blocks) {
        return blocks.stream().map(Block::type).distinct().toList().toString();
    }

    private static GodwitException invalid(String key, String path, String problem, Throwable cause) {
        return new GodwitException(ErrorCode.TLS_FILE_INVALID, key + " '" + path + "': " + problem, cause);
    }

    private static byte[] concatSequence(byte[]... parts) {
        return der(0x30, parts);
    }

    /** One DER TLV of the given tag around the concatenated parts. */
    static byte[] der(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            content.writeBytes(p);
        }
        int n = content.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        if (n < 0x80) {
            out.write(n);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(n) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(n >>> (8 * i));
            }
        }
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }

    private static byte[] hex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    /** One DER element read from a buffer: just enough of DER to find a key's algorithm and curve. */
    private record Der(int tag, byte[] buffer, int contentStart, int contentEnd) {
        static Der read(byte[] buf, int at) {
            if (at + 2 > buf.length) {
                throw new IllegalArgumentException("truncated");
            }
            int tag = buf[at] & 0xFF;
            int len = buf[at + 1] & 0xFF;
            int start = at + 2;
            if (len >= 0x80) {
                int bytes = len & 0x7F;
                if (bytes == 0 || bytes > 4 || start + bytes > buf.length) {
                    throw new IllegalArgumentException("bad length");
                }
                len = 0;
                for (int i = 0; i < bytes; i++) {
                    len = (len << 8) | (buf[start + i] & 0xFF);
                }
                start += bytes;
            }
            if (len < 0 || start + len > buf.length) {
                throw new IllegalArgumentException("truncated");
            }
            return new Der(tag, buf, start, start + len);
        }

        byte[] content() { return Arrays.copyOfRange(buffer, contentStart, contentEnd); }

        List<Der> children() {
            List<Der> out = new ArrayList<>();
            for (int at = contentStart; at < contentEnd; ) {
                Der d = read(Arrays.copyOf(buffer, contentEnd), at);
                out.add(d);
                at = d.contentEnd;
            }
            return out;
        }

        Der child(int i) {
            List<Der> c = children();
            if (i >= c.size()) {
                throw new IllegalArgumentException("missing element " + i);
            }
            return c.get(i);
        }

        String oid() {
            if (tag != 0x06 || contentEnd == contentStart) {
                throw new IllegalArgumentException("not an object identifier");
            }
            StringBuilder b = new StringBuilder();
            long value = 0;
            boolean first = true;
            for (int i = contentStart; i < contentEnd; i++) {
                value = (value << 7) | (buffer[i] & 0x7F);
                if ((buffer[i] & 0x80) == 0) {
                    if (first) {
                        long head = Math.min(value / 40, 2);
                        b.append(head).append('.').append(value - 40 * head);
                        first = false;
                    } else {
                        b.append('.').append(value);
                    }
                    value = 0;
                }
            }
            return b.toString();
        }
    }
}
