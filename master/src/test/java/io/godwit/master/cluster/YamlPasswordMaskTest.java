package io.godwit.master.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.godwit.core.config.ConfigLoader;
import io.godwit.core.config.PasswordCipher;
import io.godwit.core.config.TaskConfig;
import io.godwit.master.TestYaml;
import org.junit.jupiter.api.Test;

class YamlPasswordMaskTest {
    @Test
    void targetPasswordIsMaskedAndTheRestStillParsesAsTheSameTask() {
        String yaml = TestYaml.taskYaml("t1", "s1", "s2").replace("password: \"\"", "password: \"t4rget-pw\"");

        String masked = YamlPasswordMask.mask(yaml);

        assertThat(masked).doesNotContain("t4rget-pw");
        TaskConfig original = ConfigLoader.parseTask(yaml, "task.yaml", ConfigLoader.DEFAULT_CIPHER);
        TaskConfig shown = ConfigLoader.parseTask(masked, "task.yaml", ConfigLoader.DEFAULT_CIPHER);
        assertThat(shown.targetDatabase().password()).isEqualTo("******");
        assertThat(shown.name()).isEqualTo(original.name());
        assertThat(shown.taskMode()).isEqualTo(original.taskMode());
        assertThat(shown.mysqlInstances()).isEqualTo(original.mysqlInstances());
        assertThat(shown.targetDatabase().host()).isEqualTo(original.targetDatabase().host());
    }

    @Test
    void encryptedAndNumericPasswordsAtAnyDepthAreMasked() {
        String encrypted = PasswordCipher.encryptDm("s3cret", PasswordCipher.DM_BUILT_IN_KEY);
        String yaml = "source-id: s1\nfrom:\n  host: h\n  password: " + encrypted + "\n"
                + "list:\n  - {user: a, Password: 123456}\n";

        String masked = YamlPasswordMask.mask(yaml);

        assertThat(masked).doesNotContain(encrypted).doesNotContain("123456").doesNotContain("s3cret");
        assertThat(masked).contains("host: h").contains("user: a");
    }
}
