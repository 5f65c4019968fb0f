package io.godwit.core.config;

import java.time.Duration;
import java.util.Map;

/**
 * A DM process config ({@code master.toml}, {@code worker.toml}) written back as text, for dmctl's
 * {@code config master|worker}: top-level keys in the order given, one {@code key = value} a line. Text
 * is a TOML basic string, numbers and booleans are bare, a duration is whole seconds as DM's files
 * write {@code keepalive-ttl} (a Go duration string when it has a fraction); null values are left out.
 */
public final class FlatToml {
    private FlatToml() {
    }

    public static String write(Map<String, ?> values) {
        StringBuilder out = new StringBuilder();
        values.forEach((key, value) -> {
            if (value != null) {
                out.append(key).append(" = ").append(literal(value)).append('\n');
            }
        });
        return out.toString();
    }

    private static String literal(Object value) {
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Duration d) {
            return d.toMillis() % 1000 == 0 ? Long.toString(d.toSeconds()) : quoted(d.toMillis() + "ms");
        }
        return quoted(value.toString());
    }

    private static String quoted(String text) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
