package io.godwit.loader;

import static org.assertj.core.api.Assertions.assertThat;

import io.godwit.core.model.TableId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChunkTargetTest {
    @Test
    void extractColumnsFollowTheDataColumnsAsQuotedLiterals() {
        Map<String, String> extract = new LinkedHashMap<>();
        extract.put("c_table", "o'rders\\01");
        extract.put("c_source", "s1");
        ChunkTarget t = new ChunkTarget(TableId.of("m", "b"), List.of("id", "v"), extract);
        assertThat(t.columns()).containsExactly("id", "v", "c_table", "c_source");
        assertThat(t.extraLiterals()).isEqualTo("'o''rders\\\\01','s1'");
    }

    @Test
    void noExtractColumnsMeansNoLiterals() {
        ChunkTarget t = ChunkTarget.of(TableId.of("a", "b"), List.of("id"));
        assertThat(t.extraLiterals()).isEmpty();
        assertThat(t.columns()).containsExactly("id");
    }
}
