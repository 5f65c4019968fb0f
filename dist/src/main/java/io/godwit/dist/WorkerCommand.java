package io.godwit.dist;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.worker.agent.MasterClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A cluster worker, like DM's dm-worker: joins the master, runs the subtasks of the source the master
 * binds to it and answers {@code GET /api/v1/status} on {@code worker-addr}. Flags win over the
 * {@code --config} file (DM's worker.toml keys), which wins over DM's defaults. SIGTERM stops every
 * subtask at a batch boundary with everything checkpointed and exits 0.
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Run a worker that joins a master and runs the subtasks of the source bound to it.")
final class WorkerCommand implements Callable<Integer> {
    /**
     * DM's default port on loopback: DM listens on every interface by default, but the worker's API
     * can skip and replace DDL, so it is reachable from elsewhere only when the operator says so.
     */
    static final String DEFAULT_WORKER_ADDR = "127.0.0.1:8262";
    private static final Set<String> TOML_KEYS = new LinkedHashSet<>(List.of("name", "worker-addr", "advertise-addr",
            "join", "keepalive-ttl", "log-file", "log-level"));
    /** How long SIGTERM waits for the subtasks to checkpoint before the process exits anyway. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);
    /** DM's default keepalive-ttl of a worker, shown by {@code config worker} when none is given. */
    private static final Duration DM_KEEPALIVE_TTL = Duration.ofSeconds(60);

    @Option(names = "--config", paramLabel = "file", description = "DM's worker.toml; flags win over it")
    Path configFile;
    @Option(names = "--name", paramLabel = "name", description = "the worker's name, unique in the cluster")
    String name;
    @Option(names = "--worker-addr", paramLabel = "host:port",
            description = "where to listen; port 0 picks a free one (default: " + DEFAULT_WORKER_ADDR + ")")
    String workerAddr;
    @Option(names = "--advertise-addr", paramLabel = "host:port",
            description = "where the master reaches this worker (default: worker-addr with the port bound)")
    String advertiseAddr;
    @Option(names = "--join", paramLabel = "host:port[,host:port...]", description = "the master address(es)")
    String join;
    @Option(names = "--keepalive-ttl", paramLabel = "duration",
            description = "accepted for DM compatibility (10s, 1m or seconds); the lease is the one the master sets")
    String keepaliveTtl;
    @Option(names = {"-L", "--log-level"}, paramLabel = "level", description = "debug, info, warn, error or fatal")
    String logLevel;
    @Option(names = "--log-file", paramLabel = "file", description = "write the log to this file instead of stderr")
    String logFile;
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    /** The keepalive-ttl {@link #resolve} read (DM's default when not given); only shown, never used. */
    private Duration resolvedKeepaliveTtl = DM_KEEPALIVE_TTL;

    /**
     * @param advertiseAddr the address given to the master; "" = {@code host} with the port bound
     */
    record Settings(String name, String host, int port, String advertiseAddr, List<String> masters, String logLevel,
                    String logFile) {}

    @Override public Integer call() throws InterruptedException {
        Settings settings = resolve();
        LogSettings.apply(settings.logLevel(), settings.logFile());
        ClusterWorker worker = ClusterWorker.start(settings.name(), settings.host(), settings.port(),
                settings.advertiseAddr(), settings.masters(), STOP_WAIT);
        worker.showSettings(shownSettings(settings));
        PrintWriter out = spec.commandLine().getOut();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            boolean clean = worker.stop(STOP_WAIT);
            out.println(clean ? "stopped: subtasks checkpointed, exiting" : "stopped: a subtask did not reach its"
                    + " batch boundary in " + STOP_WAIT.toSeconds() + " s; it resumes from its last checkpoint");
            out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(0); // SIGTERM asked for a clean stop and got one: exit 0, not 143
        }, "godwit-worker-stop"));
        // printed once the hook is in place: from here on SIGTERM is a clean stop
        out.println("listening: http://" + settings.host() + ":" + worker.port());
        out.flush();
        worker.join();
        new CountDownLatch(1).await(); // until SIGTERM
        return 0;
    }

    /** Flags, then the config file, then the defaults; every problem a config error naming the key. */
    Settings resolve() {
        Map<String, String> file = configFile == null ? Map.of()
                : DmTomlFile.read(configFile, TOML_KEYS, Set.of(), spec.commandLine().getErr());
        String workerName = DmProcessSettings.pick(name, file.get("name"), "");
        if (workerName.isBlank()) {
            throw new GodwitException(ErrorCode.CONFIG_INVALID, "name is not set: give --name or name in the"
                    + " --config file (unique in the cluster, like w1)");
        }
        List<String> masters = MasterClient.parseJoin(DmProcessSettings.pick(join, file.get("join"), ""));
        if (masters.isEmpty()) {
            throw new GodwitException(ErrorCode.CONFIG_INVALID, "join is not set: give --join with the master's"
                    + " host:port (DM's default master port is 8261)");
        }
        String addr = DmProcessSettings.pick(workerAddr, file.get("worker-addr"), DEFAULT_WORKER_ADDR);
        DmProcessSettings.ListenAddress listen = DmProcessSettings.listenAddress("worker-addr", addr, DEFAULT_WORKER_ADDR);
        String advertise = DmProcessSettings.pick(advertiseAddr, file.get("advertise-addr"), "");
        if (advertise.isEmpty() && listen.everyInterface()) {
            throw new GodwitException(ErrorCode.CONFIG_INVALID, "worker-addr " + addr + " listens on every interface:"
                    + " give --advertise-addr host:port, the address the master reaches this worker at");
        }
        // validated so that a typo is caught, though the master's lease is what counts
        resolvedKeepaliveTtl = DmProcessSettings.keepaliveTtl(DmProcessSettings.pick(keepaliveTtl,
                file.get("keepalive-ttl"), null), DM_KEEPALIVE_TTL);
        String level = DmProcessSettings.pick(logLevel, file.get("log-level"), null);
        if (level != null) {
            LogSettings.level(level);
        }
        return new Settings(workerName, listen.host(), listen.port(), advertise, masters, level,
                DmProcessSettings.pick(logFile, file.get("log-file"), null));
    }

    /**
     * What {@code dmctl config worker} shows beyond where the worker listens and joins (which
     * {@link ClusterWorker} knows): its DM worker.toml keys for the lease and the log.
     */
    Map<String, Object> shownSettings(Settings settings) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("keepalive-ttl", resolvedKeepaliveTtl);
        values.put("log-level", settings.logLevel() != null ? settings.logLevel() : LogSettings.effectiveLevel());
        values.put("log-file", settings.logFile() != null ? settings.logFile() : "");
        return values;
    }
}
