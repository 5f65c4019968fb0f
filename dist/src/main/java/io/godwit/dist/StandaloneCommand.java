package io.godwit.dist;

import io.godwit.worker.http.TaskHttpServer;
import io.godwit.worker.sync.SyncStatus;
import io.godwit.worker.task.StandaloneTask;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs one task in this process (master and worker in one JVM). For task-mode full, dump and
 * load it exits 0 when done; for all and incremental it keeps replicating until SIGTERM, which
 * stops the sync at a batch boundary with everything applied checkpointed, and exits 0. A rerun
 * after a crash or failure resumes from the checkpoints.
 */
@Command(name = "standalone", mixinStandardHelpOptions = true,
        description = "Run a DM task in this process: full, dump and load run to completion; all and"
                + " incremental replicate until stopped (SIGTERM).")
final class StandaloneCommand implements Callable<Integer> {
    /** How long SIGTERM waits for the sync to checkpoint before the process exits anyway. */
    private static final long STOP_WAIT_SECONDS = 60;

    @Mixin TaskFilesOptions files;
    @Option(names = "--progress-interval", defaultValue = "2", paramLabel = "seconds",
            description = "seconds between progress reports (default: ${DEFAULT-VALUE})")
    double progressSeconds;
    @Option(names = "--status-addr", defaultValue = "127.0.0.1:8261", paramLabel = "host:port",
            description = "where all and incremental tasks answer GET /api/v1/tasks/{name}/status"
                    + " (DM's master address; port 0 picks a free one; default: ${DEFAULT-VALUE})")
    String statusAddr;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override public Integer call() {
        TaskFilesOptions.Loaded loaded = files.load();
        PrintWriter out = spec.commandLine().getOut();
        Duration interval = Duration.ofMillis((long) (progressSeconds * 1000));
        StandaloneTask task = new StandaloneTask(loaded.task(), loaded.sources(), lines -> print(out, lines), interval);
        if (!task.replicates()) {
            task.run();
            return 0;
        }
        int colon = statusAddr.lastIndexOf(':');
        TaskHttpServer http = TaskHttpServer.start(statusAddr.substring(0, colon),
                Integer.parseInt(statusAddr.substring(colon + 1)), task);
        print(out, List.of("status: http://" + statusAddr.substring(0, colon) + ":" + http.port() + "/api/v1/tasks/"
                + loaded.task().name() + "/status"));
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            task.stop();
            try {
                finished.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            print(out, List.of("stopped: sync checkpointed, exiting"));
            System.err.flush();
            Runtime.getRuntime().halt(0); // SIGTERM asked for a clean stop and got one: exit 0, not 143
        }, "godwit-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "godwit-sync-status");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(() -> print(out, syncLines(task.syncStatus())), interval.toMillis(),
                interval.toMillis(), TimeUnit.MILLISECONDS);
        try {
            task.run();
            return 0;
        } finally {
            ticker.shutdownNow();
            http.close();
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it exits once this thread is done
            }
        }
    }

    /** One line per source: where the sync is, how far behind, how fast, what failed. */
    static List<String> syncLines(Map<String, SyncStatus> status) {
        List<String> lines = new ArrayList<>();
        long now = System.currentTimeMillis();
        status.forEach((source, s) -> lines.add(String.format(
                "sync %s  applied %s  behind %ss  %,.0f rows/s  %,d rows applied  %,d filtered%s%s", source,
                s.appliedLocation(), s.secondsBehind(now) < 0 ? "?" : String.valueOf(s.secondsBehind(now)),
                s.rowsPerSecond(), s.rowsApplied(), s.rowsFiltered(), s.safeMode() ? "  safe-mode" : "",
                s.lastError() == null ? "" : "  error " + s.lastError().message())));
        return lines;
    }

    private static void print(PrintWriter out, List<String> lines) {
        synchronized (out) {
            lines.forEach(out::println);
            out.flush();
        }
    }
}
