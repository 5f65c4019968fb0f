package io.godwit.worker.full;

import static org.assertj.core.api.Assertions.assertThat;

import io.godwit.core.model.TableId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SourceTablePlanTest {
    @Test
    void extractColumnsFollowTheDataColumnsAsQuotedLiterals() {
        Map<String, String> extract = new LinkedHashMap<>();
        extract.put("c_table", "o'rders\\01");
        extract.put("c_source", "s1");
        SourceTablePlan p = new SourceTablePlan("s1", TableId.of("a", "b"), TableId.of("m", "b"), List.of("id", "v"),
                extract, List.of(), Set.of(), c -> null, null);
        assertThat(p.targetColumns()).containsExactly("id", "v", "c_table", "c_source");
        assertThat(p.extraLiterals()).isEqualTo("'o''rders\\\\01','s1'");
    }

    @Test
    void noExtractColumnsMeansNoLiterals() {
        SourceTablePlan p = new SourceTablePlan("s1", TableId.of("a", "b"), TableId.of("a", "b"), List.of("id"),
                Map.of(), List.of(), Set.of(), c -> null, null);
        assertThat(p.extraLiterals()).isEmpty();
        assertThat(p.targetColumns()).containsExactly("id");
    }
}
