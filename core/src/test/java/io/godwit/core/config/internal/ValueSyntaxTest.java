package io.godwit.core.config.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The value syntaxes borrowed from Go: durations, sizes; and the name hints. */
class ValueSyntaxTest {

    @ParameterizedTest
    @CsvSource({"0, 0", "30s, 30000", "5m0s, 300000", "1h30m, 5400000", "1.5h, 5400000", "300ms, 300", "2m30.5s, 150500"})
    void parsesGoDurations(String text, long millis) {
        assertThat(GoDuration.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @CsvSource({"300, 300", "5 min, 5 min", "m, m", "'', ''", "1h 30m, 1h 30m"})
    void rejectsWhatGoRejects(String text, String shown) {
        assertThatThrownBy(() -> GoDuration.parse(text)).hasMessageContaining("\"" + shown + "\" is not a duration");
    }

    @ParameterizedTest
    @CsvSource({"0, 0s", "60000, 1m0s", "300000, 5m0s", "3600000, 1h0m0s", "10000, 10s", "500, 500ms", "90500, 1m30.5s"})
    void formatsAsGo(long millis, String text) {
        assertThat(GoDuration.format(Duration.ofMillis(millis))).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"64, 1048576, 67108864", "0, 1, 0", "64MiB, 1, 67108864", "500m, 1, 524288000", "2g, 1, 2147483648",
            "1.5k, 1, 1536", "100, 1, 100", "1GB, 1048576, 1073741824"})
    void parsesSizesAsGoUnits(String text, long plainUnit, long bytes) {
        assertThat(ByteSize.parse(text, plainUnit)).isEqualTo(bytes);
    }

    @Test
    void rejectsSizesWithoutANumber() {
        assertThatThrownBy(() -> ByteSize.parse("big", 1)).hasMessage("\"big\" is not a size (write it like 64MiB, 500m or 2g)");
        assertThatThrownBy(() -> ByteSize.parse("-1", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hintsOnlyCloseNames() {
        List<String> keys = List.of("threads", "chunk-filesize", "rows", "collation_compatible");
        assertThat(NameHints.closest("tread", keys)).contains("threads");
        assertThat(NameHints.closest("collation-compatible", keys)).contains("collation_compatible");
        assertThat(NameHints.closest("chunk_filesize", keys)).contains("chunk-filesize");
        assertThat(NameHints.closest("colour", keys)).isEmpty();
        assertThat(NameHints.closest("x", keys)).isEmpty();
    }

    @Test
    void checksGtidSetsOfBothFlavours() {
        assertThat(Syntax.gtidSet("3E11FA47-71CA-11E1-9E33-C80AA9429562:1-5:7, 3e11fa47-71ca-11e1-9e33-c80aa9429563:1")).isNull();
        assertThat(Syntax.gtidSet("0-1-100,1-2-3")).isNull();
        assertThat(Syntax.gtidSet("3e11fa47-71ca-11e1-9e33-c80aa9429562:tag_1:1-5")).isNull();
        assertThat(Syntax.gtidSet("3e11fa47:1-5")).isNotNull();
    }
}
