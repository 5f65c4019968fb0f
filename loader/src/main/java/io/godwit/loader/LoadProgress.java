package io.godwit.loader;

import io.godwit.core.model.TableId;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Rows and bytes committed per source table, for progress output. Counted after commit only, so
 * the figures never include a chunk that was rolled back and retried.
 */
public final class LoadProgress {
    public record Counts(long rows, long bytes) {}

    private record Adders(LongAdder rows, LongAdder bytes) {}

    private final ConcurrentHashMap<TableId, Adders> tables = new ConcurrentHashMap<>();

    void add(TableId table, long rows, long bytes) {
        Adders a = tables.computeIfAbsent(table, t -> new Adders(new LongAdder(), new LongAdder()));
        a.rows.add(rows);
        a.bytes.add(bytes);
    }

    public Counts of(TableId table) {
        Adders a = tables.get(table);
        return a == null ? new Counts(0, 0) : new Counts(a.rows.sum(), a.bytes.sum());
    }

    public Map<TableId, Counts> snapshot() {
        Map<TableId, Counts> m = new TreeMap<>();
        tables.forEach((t, a) -> m.put(t, new Counts(a.rows.sum(), a.bytes.sum())));
        return m;
    }

    public Counts total() {
        long rows = 0;
        long bytes = 0;
        for (Adders a : tables.values()) {
            rows += a.rows.sum();
            bytes += a.bytes.sum();
        }
        return new Counts(rows, bytes);
    }
}
