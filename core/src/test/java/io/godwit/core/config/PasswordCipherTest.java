package io.godwit.core.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordCipherTest {

    @Test
    void decryptsWhatDmctlEncryptWrote() {
        // the encrypted password of DM's own documentation example
        assertThat(PasswordCipher.dmBuiltInKey().decrypt("/Q7B9DizNLLTTfiZHv9WoEAKamfpIUs=")).isEqualTo("123456");
    }

    @Test
    void takesAnythingElseAsPlainText() {
        PasswordCipher c = PasswordCipher.dmBuiltInKey();
        assertThat(c.decrypt("secret")).isEqualTo("secret");
        assertThat(c.decrypt("")).isEqualTo("");
        assertThat(c.decrypt("c2VjcmV0IHdpdGhvdXQgYSBzZXBhcmF0b3I=")).isEqualTo("c2VjcmV0IHdpdGhvdXQgYSBzZXBhcmF0b3I=");
        assertThat(PasswordCipher.PLAIN.decrypt("/Q7B9DizNLLTTfiZHv9WoEAKamfpIUs=")).isEqualTo("/Q7B9DizNLLTTfiZHv9WoEAKamfpIUs=");
    }

    @Test
    void theLoaderDecryptsPasswords() {
        TaskConfig t = ConfigLoader.parseTask(TaskValidationTest.BASE.replace("user: root",
                "user: root\n  password: \"/Q7B9DizNLLTTfiZHv9WoEAKamfpIUs=\""), "task.yaml", ConfigLoader.DEFAULT_CIPHER);
        assertThat(t.targetDatabase().password()).isEqualTo("123456");
        assertThat(t.targetDatabase().toString()).doesNotContain("123456");
    }

    @Test
    void encryptsWhatDmDecrypts() {
        String stored = PasswordCipher.encryptDm("s3creté", PasswordCipher.DM_BUILT_IN_KEY);
        assertThat(stored).isNotEqualTo(PasswordCipher.encryptDm("s3creté", PasswordCipher.DM_BUILT_IN_KEY));
        assertThat(PasswordCipher.dmBuiltInKey().decrypt(stored)).isEqualTo("s3creté");
    }
}
