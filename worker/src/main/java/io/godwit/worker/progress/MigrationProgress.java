package io.godwit.worker.progress;

import io.godwit.core.model.TableId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Progress of a full migration across tables and sources: rows, bytes, %, rate and ETA.
 * The rate is measured over the interval since the previous report, so it shows the current
 * speed rather than an average diluted by planning time.
 */
public final class MigrationProgress {
    private final List<TableProgress> tables = new CopyOnWriteArrayList<>();
    private final long startNanos = System.nanoTime();
    private long lastReportNanos = startNanos;
    private long lastReportRows;

    public TableProgress table(String sourceId, TableId table, long estimatedRows) {
        TableProgress p = new TableProgress(sourceId, table, estimatedRows);
        tables.add(p);
        return p;
    }

    public List<TableProgress> tables() { return List.copyOf(tables); }

    public long rows() { return tables.stream().mapToLong(TableProgress::rows).sum(); }
    public long bytes() { return tables.stream().mapToLong(TableProgress::bytes).sum(); }
    public long expectedRows() { return tables.stream().mapToLong(TableProgress::expectedRows).sum(); }
    public Duration elapsed() { return Duration.ofNanos(System.nanoTime() - startNanos); }

    /**
     * One report: a total line, then a line per table still in progress (at most {@code maxTables}).
     * Called by one reporter thread.
     */
    public synchronized List<String> report(int maxTables) {
        long now = System.nanoTime();
        long rows = rows();
        double seconds = Math.max(1e-3, (now - lastReportNanos) / 1e9);
        double rate = (rows - lastReportRows) / seconds;
        lastReportNanos = now;
        lastReportRows = rows;
        long expected = expectedRows();
        long indexing = tables.stream().filter(TableProgress::buildingIndexes).count();
        // All rows in is not done while secondary indexes are still being built.
        double pct = Math.min(indexing > 0 ? 99.9 : 100.0, expected == 0 ? 100.0 : 100.0 * rows / expected);
        String eta = rate <= 0 ? "--" : formatDuration(Duration.ofSeconds((long) ((expected - rows) / rate)));
        List<String> lines = new ArrayList<>();
        long tablesDone = tables.stream().filter(TableProgress::done).count();
        lines.add(String.format(Locale.ROOT, "progress %5.1f%%  %,d/%,d rows  %s  %,.0f rows/s  %s/s  tables %d/%d  ETA %s",
                pct, rows, expected, formatBytes(bytes()), rate, formatBytes((long) (rate * avgRowBytes())),
                tablesDone, tables.size(), eta));
        if (indexing > 0) {
            lines.add(String.format(Locale.ROOT, "  building indexes of %d table(s)", indexing));
        }
        tables.stream().filter(t -> !t.chunksLoaded() && t.rows() > 0)
                .sorted(Comparator.comparingLong(TableProgress::rows).reversed())
                .limit(maxTables)
                .forEach(t -> lines.add(String.format(Locale.ROOT, "  %s %s  %,d/%,d rows  %s  chunks %d/%d",
                        t.sourceId(), t.table(), t.rows(), t.expectedRows(), formatBytes(t.bytes()),
                        t.chunksDone(), t.chunks())));
        return lines;
    }

    private double avgRowBytes() {
        long rows = rows();
        return rows == 0 ? 0 : (double) bytes() / rows;
    }

    public static String formatBytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    public static String formatDuration(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, s / 60 % 60, s % 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
