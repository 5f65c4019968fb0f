package io.godwit.core.config;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Turns a password as stored in a config file into the one to log in with. DM's files hold either the
 * plain password or the output of {@code dmctl encrypt}; like DM, anything that is not a valid
 * ciphertext is taken as plain text.
 */
@FunctionalInterface
public interface PasswordCipher {

    String decrypt(String stored);

    /** Passwords are plain text. */
    PasswordCipher PLAIN = stored -> stored;

    /**
     * {@code dmctl encrypt}'s format (base64 of IV, {@code '@'}, AES-256-CFB ciphertext) with the key built
     * into DM releases that have no configurable key: what most existing DM files use.
     */
    static PasswordCipher dmBuiltInKey() {
        return dm(DM_BUILT_IN_KEY);
    }

    /** The AES-256 key of DM releases without {@code secret-key-path}. */
    byte[] DM_BUILT_IN_KEY = HexFormat.of().parseHex("a529b7665997f043a30ac8fadcb51d6aa032c226ab5b7750530b12b8c1a16a48");

    /** {@code dmctl encrypt}: base64 of a random IV, {@code '@'} and the AES-256-CFB ciphertext. */
    static String encryptDm(String plain, byte[] key) {
        byte[] iv = new byte[16];
        new java.security.SecureRandom().nextBytes(iv);
        try {
            Cipher c = Cipher.getInstance("AES/CFB/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            byte[] body = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = Arrays.copyOf(iv, 17 + body.length);
            out[16] = '@';
            System.arraycopy(body, 0, out, 17, body.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CFB is part of every Java runtime", e);
        }
    }

    /** {@code dmctl encrypt}'s format with a key of one's own (DM's {@code secret-key-path}), 32 bytes. */
    static PasswordCipher dm(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("a DM secret key has 32 bytes, got " + key.length);
        }
        SecretKeySpec spec = new SecretKeySpec(key.clone(), "AES");
        return stored -> {
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(stored);
            } catch (IllegalArgumentException notBase64) {
                return stored;
            }
            if (raw.length <= 17 || raw[16] != '@') {
                return stored;
            }
            try {
                Cipher c = Cipher.getInstance("AES/CFB/NoPadding");
                c.init(Cipher.DECRYPT_MODE, spec, new IvParameterSpec(Arrays.copyOf(raw, 16)));
                return new String(c.doFinal(raw, 17, raw.length - 17), StandardCharsets.UTF_8);
            } catch (GeneralSecurityException e) {
                return stored;
            }
        };
    }
}
