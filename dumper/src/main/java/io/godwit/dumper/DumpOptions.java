package io.godwit.dumper;

import io.godwit.core.config.DatabaseConfig;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.TableId;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What {@link SnapshotDumper#open} needs.
 *
 * @param source      the source server
 * @param poolName    names the connection pool and, through the connection attributes, the
 *                    server's processlist entries ({@code orders-src1-dump})
 * @param threads     snapshot connections, i.e. how many chunks may stream at once
 * @param consistency see {@link Consistency}
 * @param scope       the tables this dump may read; {@link Consistency#LOCK} locks exactly these.
 *                    System schemas are never in scope.
 */
public record DumpOptions(DatabaseConfig source, String poolName, int threads, Consistency consistency,
                          Predicate<TableId> scope) {
    /** Schemas no dump reads. */
    static final Set<String> SYSTEM_SCHEMAS = Set.of("mysql", "information_schema", "performance_schema",
            "sys", "metrics_schema", "inspection_schema");

    public DumpOptions {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(poolName, "poolName");
        consistency = consistency == null ? Consistency.AUTO : consistency;
        scope = scope == null ? t -> true : scope;
        if (threads < 1) {
            throw new GodwitException(ErrorCode.CONFIG_INVALID, "dump threads must be at least 1, got " + threads);
        }
    }

    public static DumpOptions of(DatabaseConfig source, String poolName, int threads, Consistency consistency) {
        return new DumpOptions(source, poolName, threads, consistency, null);
    }

    public DumpOptions withScope(Predicate<TableId> newScope) {
        return new DumpOptions(source, poolName, threads, consistency, newScope);
    }

    /** In scope and not a system table. */
    boolean covers(TableId t) {
        return !SYSTEM_SCHEMAS.contains(t.schema().toLowerCase(Locale.ROOT)) && scope.test(t);
    }
}
