package io.godwit.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** dmctl's {@code -b file:pos} and its match against where a sync paused. */
class BinlogPosTest {

    @Test
    void parsesDmsFileColonPositionForm() {
        assertThat(BinlogPos.parse("mysql-bin.000001:1234")).isEqualTo(new BinlogPos("mysql-bin.000001", 1234));
        assertThat(BinlogPos.parse("\"mysql-bin.000001:4\"")).isEqualTo(new BinlogPos("mysql-bin.000001", 4));
        assertThat(BinlogPos.parse("mysql-bin.000001:4294967295").position()).isEqualTo(4294967295L);
        assertThat(BinlogPos.parse("mysql-bin.000001:1234")).hasToString("mysql-bin.000001:1234");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "mysql-bin.000001", "mysql-bin.000001:", ":1234", "mysql-bin.000001:12a4",
            "mysql-bin.000001:-4", "a:b:4", "mysql-bin.000001:4294967296", "(mysql-bin.000001, 1234)"})
    void refusesWhatIsNotFileColonPosition(String text) {
        assertThatThrownBy(() -> BinlogPos.parse(text)).isInstanceOfSatisfying(GodwitException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CLUSTER_BAD_REQUEST);
            assertThat(e.getMessage()).contains("\"" + text + "\"").contains("file:pos").doesNotContain("\n");
        });
    }

    @Test
    void matchesFileAndOffsetWhateverTheGtidSet() {
        BinlogPos pos = BinlogPos.parse("mysql-bin.000001:1234");

        assertThat(pos.isAt(new BinlogLocation("mysql-bin.000001", 1234, "0-1-7"))).isTrue();
        assertThat(pos.isAt(new BinlogLocation("mysql-bin.000001", 1234, ""))).isTrue();
        assertThat(pos.isAt(new BinlogLocation("mysql-bin.000001", 1235, ""))).isFalse();
        assertThat(pos.isAt(new BinlogLocation("mysql-bin.000002", 1234, ""))).isFalse();
        assertThat(BinlogPos.of(new BinlogLocation("mysql-bin.000002", 4567, "0-1-9")))
                .hasToString("mysql-bin.000002:4567");
    }
}
