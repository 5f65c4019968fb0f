package io.godwit.worker.full;

import io.godwit.core.config.TaskMode;
import io.godwit.worker.progress.MigrationProgress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What a finished full-migration run did, printed at the end of `godwit standalone`. */
public record MigrationSummary(String task, TaskMode mode, int tables, long rows, long bytes, Duration elapsed,
                               List<String> consistentPoints) {
    public List<String> lines() {
        double seconds = Math.max(1e-3, elapsed.toMillis() / 1000.0);
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "summary: task %s (%s) finished: %d tables, %,d rows, %s in %s (%,.0f rows/s, %s/s)",
                task, mode.name().toLowerCase(Locale.ROOT), tables, rows, MigrationProgress.formatBytes(bytes),
                MigrationProgress.formatDuration(elapsed), rows / seconds, MigrationProgress.formatBytes((long) (bytes / seconds))));
        consistentPoints.forEach(p -> lines.add("  consistent point: " + p));
        return lines;
    }
}
