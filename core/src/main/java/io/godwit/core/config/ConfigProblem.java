package io.godwit.core.config;

import java.util.Objects;

/**
 * One thing wrong in a config file: the file, the 1-based line (0 when the problem has no single
 * place, e.g. an unreadable file), the key path ({@code mysql-instances[0].route-rules[1]}) and what
 * is wrong. {@link #toString()} is the line an operator sees.
 */
public record ConfigProblem(String file, int line, String path, String message) {
    private static final String NOT_SUPPORTED = "not supported yet: ";

    public ConfigProblem {
        file = file == null ? "" : file;
        path = path == null ? "" : path;
        Objects.requireNonNull(message, "message");
    }

    /** A key Godwit does not implement yet, set to a value other than its default. */
    public static ConfigProblem notSupported(String file, int line, String path, String value) {
        return new ConfigProblem(file, line, path, NOT_SUPPORTED + path + " (set to " + shorten(value) + ")");
    }

    /**
     * A part of a key's value Godwit does not implement yet, where the rest of the value is supported:
     * {@code not supported yet: mydumpers.global.extra-args: --no-locks}.
     */
    public static ConfigProblem notSupportedPart(String file, int line, String path, String part) {
        return new ConfigProblem(file, line, path, NOT_SUPPORTED + path + ": " + shorten(part));
    }

    private static String shorten(String value) {
        return value.length() > 60 ? value.substring(0, 57) + "..." : value;
    }

    public boolean isNotSupported() { return message.startsWith(NOT_SUPPORTED); }

    /** {@code task.yaml:14: mysql-instances[0].route-rules[1]: route rule "r9" is not defined in routes}. */
    @Override public String toString() {
        StringBuilder b = new StringBuilder(file);
        if (line > 0) {
            b.append(':').append(line);
        }
        b.append(": ");
        // a not-supported message already names its path
        if (!path.isEmpty() && !isNotSupported()) {
            b.append(path).append(": ");
        }
        return b.append(message).toString();
    }
}
