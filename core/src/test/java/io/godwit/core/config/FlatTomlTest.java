package io.godwit.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlatTomlTest {
    @Test
    void writesKeysInOrderWithQuotedTextAndSecondsForDurations() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", "w\"1\\");
        values.put("keepalive-ttl", Duration.ofSeconds(60));
        values.put("short-ttl", Duration.ofMillis(1500));
        values.put("log-file", null);
        values.put("port", 8262);

        assertThat(FlatToml.write(values)).isEqualTo(
                "name = \"w\\\"1\\\\\"\nkeepalive-ttl = 60\nshort-ttl = \"1500ms\"\nport = 8262\n");
    }
}
