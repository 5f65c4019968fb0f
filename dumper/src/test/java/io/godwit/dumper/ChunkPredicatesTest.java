package io.godwit.dumper;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkPredicatesTest {
    @Test
    void oneChunkSelectsEverything() {
        assertThat(ChunkPredicates.between(List.of("`id`"), List.of())).containsExactly("1=1");
    }

    @Test
    void singleKeyChunksAreOpenAtBothEnds() {
        assertThat(ChunkPredicates.between(List.of("`id`"), List.of(List.of("1000"), List.of("2000"))))
                .containsExactly("(`id` < 1000)", "(`id` >= 1000 AND `id` < 2000)", "(`id` >= 2000)");
    }

    @Test
    void compositeBoundsExpandIntoNestedOrForm() {
        List<String> cols = List.of("`a`", "`b`", "`c`");
        List<String> bound = List.of("1", "'x'", "0x00");
        assertThat(ChunkPredicates.atLeast(cols, bound))
                .isEqualTo("(`a` > 1 OR (`a` = 1 AND (`b` > 'x' OR (`b` = 'x' AND `c` >= 0x00))))");
        assertThat(ChunkPredicates.below(cols, bound))
                .isEqualTo("(`a` < 1 OR (`a` = 1 AND (`b` < 'x' OR (`b` = 'x' AND `c` < 0x00))))");
    }

    @Test
    void compositeChunksJoinBothBounds() {
        List<String> chunks = ChunkPredicates.between(List.of("`a`", "`b`"), List.of(List.of("1", "2")));
        assertThat(chunks).containsExactly("((`a` < 1 OR (`a` = 1 AND `b` < 2)))",
                "((`a` > 1 OR (`a` = 1 AND `b` >= 2)))");
    }
}
