package io.godwit.worker.full;

import io.godwit.worker.progress.MigrationProgress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Hands a progress report to the output every interval while the load runs. */
final class ProgressTicker implements AutoCloseable {
    private static final int TABLES_SHOWN = 8;
    private final MigrationProgress progress;
    private final Consumer<List<String>> out;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "progress");
        t.setDaemon(true);
        return t;
    });

    ProgressTicker(MigrationProgress progress, Consumer<List<String>> out, Duration interval) {
        this.progress = progress;
        this.out = out;
        long ms = Math.max(100, interval.toMillis());
        timer.scheduleAtFixedRate(() -> out.accept(progress.report(TABLES_SHOWN)), ms, ms, TimeUnit.MILLISECONDS);
    }

    void finalReport() {
        timer.shutdownNow();
        out.accept(progress.report(0));
    }

    @Override public void close() {
        timer.shutdownNow();
    }
}
