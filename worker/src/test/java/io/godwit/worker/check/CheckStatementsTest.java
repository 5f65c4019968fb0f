package io.godwit.worker.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.godwit.core.model.TableId;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckStatementsTest {
    @Test
    void digestFlagsNullsSoNullAndEmptyDiffer() {
        String q = CheckStatements.digestQuery(TableId.of("db", "t"), List.of("id", "na`me"), "`id` >= 10");
        assertThat(q).isEqualTo("SELECT COUNT(*), SUM(CRC32(CONCAT_WS('#', `id`, `na``me`, CONCAT(ISNULL(`id`), ISNULL(`na``me`))))),"
                + " BIT_XOR(CRC32(CONCAT_WS('#', `id`, `na``me`, CONCAT(ISNULL(`id`), ISNULL(`na``me`))))) FROM `db`.`t` WHERE `id` >= 10");
    }

    @Test
    void shardDigestsAddUpAndDuplicateRowsDoNotCancel() {
        ChunkChecksum row = new ChunkChecksum(1, BigDecimal.valueOf(7), 7);
        ChunkChecksum twice = row.plus(row);
        assertThat(twice.crcXor()).isZero();
        assertThat(twice.sameAs(new ChunkChecksum(2, BigDecimal.ZERO, 0))).as("xor alone would call these equal").isFalse();
        assertThat(twice.sameAs(new ChunkChecksum(2, BigDecimal.valueOf(14), 0))).isTrue();
        assertThat(ChunkChecksum.EMPTY.plus(row).sameAs(row)).isTrue();
    }
}
