package io.godwit.core.config;

import io.godwit.core.config.internal.UnitSchema;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's configuration reference is the generated one. To refresh it after changing a
 * declaration: {@code mvn -o -pl core test -Dtest=ConfigReferenceTest -Dgodwit.writeReadme=true}.
 */
class ConfigReferenceTest {
    static final Path README = Path.of("..", "README.md");
    static final String BEGIN = "<!-- config-reference:begin -->\n";
    static final String END = "<!-- config-reference:end -->";

    @Test
    void readmeHoldsTheGeneratedReference() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        assertThat(begin).as("README markers").isNotNegative();
        assertThat(end).isGreaterThan(begin);
        String generated = "\n" + ConfigReference.markdown() + "\n";
        if (Boolean.getBoolean("godwit.writeReadme")) {
            Files.writeString(README, readme.substring(0, begin + BEGIN.length()) + generated + readme.substring(end),
                    StandardCharsets.UTF_8);
            return;
        }
        assertThat(readme.substring(begin + BEGIN.length(), end)).isEqualTo(generated);
    }

    @Test
    void listsEveryKeyNotSupportedYet() {
        assertThat(ConfigReference.notSupportedKeys()).containsExactly(
                "`task-mode` (task.yaml): `load&sync`",
                "`online-ddl` (task.yaml): `true`",
                "`online-ddl-scheme` (task.yaml): `gh-ost` or `pt`",
                "`shadow-table-rules` (task.yaml): not empty",
                "`trash-table-rules` (task.yaml): not empty",
                "`column-mappings` (task.yaml): not empty",
                "`mysql-instances[].column-mapping-rules` (task.yaml): not empty",
                "`filters.<name>.action` (task.yaml): `Error`",
                "`mydumpers.<name>.where` (task.yaml): not empty",
                "`mydumpers.<name>.extra-args` (task.yaml): any flag but `--consistency`",
                "`loaders.<name>.import-mode` (task.yaml): `physical`",
                "`syncers.<name>.enable-ansi-quotes` (task.yaml): `true`",
                "`validators.<name>.mode` (task.yaml): `fast` or `full`",
                "`experimental.async-checkpoint-flush` (task.yaml): `true`",
                "`enable-relay` (source.yaml): `true`");
    }

    @Test
    void constantsAgreeWithTheDeclaredDefaults() {
        assertThat(ValidatorConfig.OFF).isEqualTo(UnitSchema.VALIDATOR.defaults());
    }

    @Test
    void everySectionHasADocumentedTable() {
        String md = ConfigReference.markdown();
        assertThat(md).contains("### task.yaml", "#### task.yaml: `mysql-instances[]`", "#### task.yaml: `routes.<name>`",
                "#### task.yaml: `mysql-instances[].meta`", "### source.yaml", "#### source.yaml: `purge`",
                "| `chunk-filesize` | size (a plain number is MiB) | `64` |");
    }
}
