package io.godwit.dmctl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatementSplitterTest {

    @Test
    void splitsAtTerminatingSemicolonsAndDropsEmptyStatements() {
        assertThat(StatementSplitter.split(" ALTER TABLE a ADD c INT;ALTER TABLE b DROP d ;; "))
                .containsExactly("ALTER TABLE a ADD c INT", "ALTER TABLE b DROP d");
        assertThat(StatementSplitter.split("CREATE TABLE t (id INT)")).containsExactly("CREATE TABLE t (id INT)");
        assertThat(StatementSplitter.split(" ; ")).isEmpty();
    }

    @Test
    void semicolonsInStringsNamesAndCommentsDoNotSplit() {
        assertThat(StatementSplitter.split("ALTER TABLE `a;b` COMMENT 'x;\\'y'; ALTER TABLE t COMMENT \"p;\"\"q\""))
                .containsExactly("ALTER TABLE `a;b` COMMENT 'x;\\'y'", "ALTER TABLE t COMMENT \"p;\"\"q\"");
        assertThat(StatementSplitter.split("ALTER TABLE t /* a; b */ ADD c INT -- why; not\n; DROP TABLE u # x;y"))
                .containsExactly("ALTER TABLE t /* a; b */ ADD c INT -- why; not", "DROP TABLE u # x;y");
    }
}
