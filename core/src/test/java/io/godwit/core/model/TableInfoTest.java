package io.godwit.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableInfoTest {
    private static TableInfo table(String createTableSql) {
        return new TableInfo(TableId.of("db", "t"), createTableSql, List.of(), List.of());
    }

    @Test
    void theDefinitionDigestIgnoresTheAutoIncrementCounterOnly() {
        String base = "CREATE TABLE `t` (\n  `id` int(11) NOT NULL AUTO_INCREMENT,\n  PRIMARY KEY (`id`)\n)"
                + " ENGINE=InnoDB%s DEFAULT CHARSET=utf8mb4";
        String digest = table(String.format(base, "")).definitionDigest();
        assertThat(table(String.format(base, " AUTO_INCREMENT=12")).definitionDigest()).isEqualTo(digest);
        assertThat(table(String.format(base, " AUTO_INCREMENT=99999")).definitionDigest()).isEqualTo(digest);
        assertThat(table(String.format(base, "").replace("int(11)", "bigint(20)")).definitionDigest())
                .isNotEqualTo(digest);
        assertThat(table(String.format(base, "").replace("NOT NULL AUTO_INCREMENT", "NOT NULL")).definitionDigest())
                .as("the column attribute is part of the definition").isNotEqualTo(digest);
        assertThat(digest).hasSize(64);
    }
}
