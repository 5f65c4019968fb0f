package io.godwit.worker.sync;

import io.godwit.core.model.BinlogLocation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What an operator said to do instead of a source DDL, as DM's {@code binlog skip} and
 * {@code binlog replace}: keyed by the binlog position the DDL's batch starts at (the position a
 * paused sync shows with its error). Taken once, when that DDL is applied or resumed; the DDL is
 * then checkpointed as done with the replacement, so a restart does not run the original.
 */
public final class DdlOverrides {
    private final Map<String, List<String>> byPosition = new ConcurrentHashMap<>();

    /** Skip the DDL at {@code at}: the target runs nothing for it (the schema tracker still follows the source). */
    public void skip(BinlogLocation at) {
        byPosition.put(key(at), List.of());
    }

    /** Run {@code statements} (schema-qualified) instead of the DDL at {@code at}. */
    public void replace(BinlogLocation at, List<String> statements) {
        byPosition.put(key(at), List.copyOf(statements));
    }

    /** Whether the operator said what to do instead of the DDL whose batch starts at {@code at}. */
    boolean has(BinlogLocation at) {
        return byPosition.containsKey(key(at));
    }

    /** The replacement for the DDL whose batch starts at {@code at}, removed; empty when none was given. */
    Optional<List<String>> take(BinlogLocation at) {
        return Optional.ofNullable(byPosition.remove(key(at)));
    }

    private static String key(BinlogLocation at) {
        return at.file() + ":" + at.position();
    }
}
