package io.godwit.dist;

import io.godwit.core.checkpoint.TaskCheckpointTable;
import io.godwit.core.config.MySqlInstance;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.master.MasterConfig;
import io.godwit.worker.http.TaskHttpServer;
import io.godwit.worker.sync.SyncStatus;
import io.godwit.worker.task.StandaloneTask;
import java.io.PrintWriter;
import java.nio.file.Path;
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
 * Without task files: a master and its workers in this JVM ({@link StandaloneCluster}), driven by
 * dmctl and the REST API on {@code --master-addr} like a cluster, until SIGTERM.
 *
 * <p>With {@code --task}: runs that one task in this process. For task-mode full, dump and
 * load it exits 0 when done; for all and incremental it keeps replicating until SIGTERM, which
 * stops the sync at a batch boundary with everything applied checkpointed, and exits 0. A rerun
 * after a crash or failure resumes from the checkpoints.
 */
@Command(name = "standalone", mixinStandardHelpOptions = true,
        description = "Without --task: a master and its workers in this process, for dmctl and the REST API."
                + " With --task: run that DM task here; full, dump and load run to completion, all and"
                + " incremental replicate until stopped (SIGTERM).")
final class StandaloneCommand implements Callable<Integer> {
    /** How long SIGTERM waits for the sync to checkpoint before the process exits anyway. */
    private static final long STOP_WAIT_SECONDS = 60;
    private static final String DEFAULT_ADDR = MasterCommand.DEFAULT_ADDR;
    /** The master's member name without --task; its workers are standalone-worker-1, -2, ... */
    private static final String CLUSTER_NAME = "standalone";

    @Mixin TaskFilesOptions files;
    @Option(names = "--progress-interval", defaultValue = "2", paramLabel = "seconds",
            description = "seconds between progress reports (default: ${DEFAULT-VALUE})")
    double progressSeconds;
    @Option(names = {"--status-addr", "--master-addr"}, defaultValue = DEFAULT_ADDR, paramLabel = "host:port",
            description = "where the API listens: the master's without --task, else GET"
                    + " /api/v1/tasks/{name}/status of an all or incremental task"
                    + " (DM's master address; port 0 picks a free one; default: ${DEFAULT-VALUE})")
    String statusAddr;
    @Option(names = "--data-dir", paramLabel = "dir",
            description = "without --task: the master's meta store (default: ./default.standalone)")
    Path dataDir;
    @Option(names = "--keepalive-ttl", paramLabel = "duration",
            description = "without --task: how long a worker may go unheard before it loses its source (default: 10s)")
    String keepaliveTtl;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (files.task == null) {
            if (!files.sources.isEmpty()) {
                throw new GodwitException(ErrorCode.CONFIG_INVALID, "--source needs --task: without task files"
                        + " standalone runs a master and its workers; create sources with dmctl operate-source create");
            }
            return runCluster(out);
        }
        TaskFilesOptions.Loaded loaded = files.load();
        Duration interval = Duration.ofMillis((long) (progressSeconds * 1000));
        if (loaded.task().removeMeta()) {
            // DM's deprecated task.yaml flag: every start forgets the checkpoints, as DM's start-task does with it
            List<String> cleared = TaskCheckpointTable.removeSources(loaded.task(),
                    loaded.task().mysqlInstances().stream().map(MySqlInstance::sourceId).toList());
            print(out, List.of("remove-meta: deleted the checkpoints of task " + loaded.task().name() + " from "
                    + (cleared.isEmpty() ? "no table" : String.join(", ", cleared))));
        }
        StandaloneTask task = new StandaloneTask(loaded.task(), loaded.sources(), lines -> print(out, lines), interval);
        if (!task.replicates()) {
            task.run();
            return 0;
        }
        DmProcessSettings.ListenAddress listen = DmProcessSettings.listenAddress("status-addr", statusAddr, DEFAULT_ADDR);
        TaskHttpServer http = TaskHttpServer.start(listen.host(), listen.port(), task);
        print(out, List.of("status: http://" + listen.host() + ":" + http.port() + "/api/v1/tasks/"
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

    /**
     * The master and its workers in this JVM until SIGTERM, which stops every subtask at a batch
     * boundary with everything checkpointed and exits 0.
     */
    private int runCluster(PrintWriter out) throws InterruptedException {
        DmProcessSettings.ListenAddress listen = DmProcessSettings.listenAddress("master-addr", statusAddr, DEFAULT_ADDR);
        MasterConfig config = new MasterConfig(CLUSTER_NAME, listen.host(), listen.port(), "",
                dataDir != null ? dataDir : Path.of("default." + CLUSTER_NAME),
                DmProcessSettings.keepaliveTtl(keepaliveTtl, MasterConfig.DEFAULT_KEEPALIVE_TTL));
        StandaloneCluster cluster = StandaloneCluster.start(config, Duration.ofSeconds(STOP_WAIT_SECONDS),
                line -> print(out, List.of(line)));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            boolean clean = cluster.stop();
            print(out, List.of(clean ? "stopped: subtasks checkpointed, exiting" : "stopped: a subtask did not reach"
                    + " its batch boundary in " + STOP_WAIT_SECONDS + " s; it resumes from its last checkpoint"));
            System.err.flush();
            Runtime.getRuntime().halt(0); // SIGTERM asked for a clean stop and got one: exit 0, not 143
        }, "godwit-standalone-stop"));
        // printed once the hook is in place: from here on SIGTERM is a clean stop
        print(out, List.of("listening: http://" + cluster.host() + ":" + cluster.port()
                + " (master " + CLUSTER_NAME + "; dmctl --master-addr " + cluster.host() + ":" + cluster.port() + ")"));
        new CountDownLatch(1).await(); // until SIGTERM
        return 0;
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
