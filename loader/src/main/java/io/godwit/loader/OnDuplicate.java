package io.godwit.loader;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import java.util.Locale;

/** {@code loaders.*.on-duplicate} of DM's task.yaml: what a loaded row does to an existing row with the same key. */
public enum OnDuplicate {
    /** {@code REPLACE INTO}: the loaded row wins (DM's default). */
    REPLACE,
    /** The existing row wins; other row errors (truncation, bad values) still fail the chunk. */
    IGNORE,
    /** {@code INSERT}: a duplicate key fails the chunk with LOAD_DUPLICATE. */
    ERROR;

    /** Parses the task.yaml value ({@code replace}, {@code ignore}, {@code error}); empty means {@link #REPLACE}. */
    public static OnDuplicate of(String value) {
        if (value == null || value.isBlank()) {
            return REPLACE;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new GodwitException(ErrorCode.CONFIG_INVALID,
                    "loaders.on-duplicate: '" + value + "' is not one of replace, ignore, error");
        }
    }
}
