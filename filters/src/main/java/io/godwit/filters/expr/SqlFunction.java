package io.godwit.filters.expr;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The functions an expression may call; any other name is an error when the expression is parsed. */
enum SqlFunction {
    /** Bytes of the value in UTF-8 (the usual column charset). */
    LENGTH(1, 1) {
        Object call(Object[] a) {
            return a[0] instanceof byte[] b ? BigDecimal.valueOf(b.length)
                    : BigDecimal.valueOf(SqlValue.text(a[0]).getBytes(StandardCharsets.UTF_8).length);
        }
    },
    CHAR_LENGTH(1, 1) {
        Object call(Object[] a) {
            String s = SqlValue.text(a[0]);
            return BigDecimal.valueOf(s.codePointCount(0, s.length()));
        }
    },
    CHARACTER_LENGTH(1, 1) {
        Object call(Object[] a) { return CHAR_LENGTH.call(a); }
    },
    LOWER(1, 1) {
        Object call(Object[] a) { return SqlValue.text(a[0]).toLowerCase(Locale.ROOT); }
    },
    LCASE(1, 1) {
        Object call(Object[] a) { return LOWER.call(a); }
    },
    UPPER(1, 1) {
        Object call(Object[] a) { return SqlValue.text(a[0]).toUpperCase(Locale.ROOT); }
    },
    UCASE(1, 1) {
        Object call(Object[] a) { return UPPER.call(a); }
    },
    TRIM(1, 1) {
        Object call(Object[] a) { return SqlValue.text(a[0]).strip(); }
    },
    ABS(1, 1) {
        Object call(Object[] a) {
            Object n = SqlValue.number(a[0]);
            return n instanceof Double d ? (Object) Math.abs(d) : ((BigDecimal) n).abs();
        }
    },
    CONCAT(1, Integer.MAX_VALUE) {
        Object call(Object[] a) {
            StringBuilder b = new StringBuilder();
            for (Object v : a) {
                b.append(SqlValue.text(v));
            }
            return b.toString();
        }
    },
    /** Takes NULL arguments: the first non-NULL one. */
    COALESCE(1, Integer.MAX_VALUE, true) {
        Object call(Object[] a) {
            for (Object v : a) {
                if (v != null) {
                    return v;
                }
            }
            return null;
        }
    },
    IFNULL(2, 2, true) {
        Object call(Object[] a) { return a[0] != null ? a[0] : a[1]; }
    },
    ISNULL(1, 1, true) {
        Object call(Object[] a) { return SqlValue.bool(a[0] == null); }
    },
    /** {@code IF(cond, then, else)}: a NULL condition takes the else branch. */
    IF(3, 3, true) {
        Object call(Object[] a) { return Boolean.TRUE.equals(SqlValue.truth(a[0])) ? a[1] : a[2]; }
    };

    private final int minArgs;
    private final int maxArgs;
    /** Whether the function sees NULL arguments; the others return NULL for any NULL argument. */
    private final boolean takesNull;

    SqlFunction(int minArgs, int maxArgs) {
        this(minArgs, maxArgs, false);
    }

    SqlFunction(int minArgs, int maxArgs, boolean takesNull) {
        this.minArgs = minArgs;
        this.maxArgs = maxArgs;
        this.takesNull = takesNull;
    }

    abstract Object call(Object[] args);

    static Optional<SqlFunction> named(String name) {
        for (SqlFunction f : values()) {
            if (f.name().equalsIgnoreCase(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    boolean accepts(int args) {
        return args >= minArgs && args <= maxArgs;
    }

    String arity() {
        return minArgs == maxArgs ? String.valueOf(minArgs) : maxArgs == Integer.MAX_VALUE ? minArgs + " or more"
                : minArgs + " to " + maxArgs;
    }

    Object apply(List<Node> args, Object[] row) {
        Object[] values = new Object[args.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = args.get(i).eval(row);
            if (values[i] == null && !takesNull) {
                return null;
            }
        }
        return call(values);
    }
}
