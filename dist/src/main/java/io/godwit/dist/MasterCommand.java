package io.godwit.dist;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.master.Master;
import io.godwit.master.MasterConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
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
 * Runs a master (DM's dm-master): keeps sources, tasks, bindings and expected stages in its data
 * directory and serves the REST API and the workers' keepalive until SIGTERM, which closes the HTTP
 * server and exits 0. Flags win over the {@code --config} file, which wins over the defaults.
 */
@Command(name = "master", mixinStandardHelpOptions = true,
        description = "Run a master: the desired state of sources and tasks, worker leases, the REST API.")
final class MasterCommand implements Callable<Integer> {
    static final String DEFAULT_NAME = "dm-master";
    static final String DEFAULT_ADDR = "127.0.0.1:8261";
    private static final Set<String> TOML_KEYS = new LinkedHashSet<>(
            List.of("name", "master-addr", "advertise-addr", "data-dir", "keepalive-ttl"));
    private static final Set<String> TOML_IGNORED = Set.of("log-file", "log-level");

    @Option(names = "--config", paramLabel = "file", description = "DM's master.toml; flags win over it")
    Path configFile;
    @Option(names = "--name", paramLabel = "name", description = "member name (default: " + DEFAULT_NAME + ")")
    String name;
    @Option(names = "--master-addr", paramLabel = "host:port",
            description = "where the API listens; port 0 picks a free one (default: " + DEFAULT_ADDR + ")")
    String masterAddr;
    @Option(names = "--advertise-addr", paramLabel = "host:port",
            description = "the address given to others (default: the address bound)")
    String advertiseAddr;
    @Option(names = "--data-dir", paramLabel = "dir", description = "the meta store's directory (default: ./default.<name>)")
    Path dataDir;
    @Option(names = "--keepalive-ttl", paramLabel = "duration",
            description = "a worker not heard of for this long is offline and loses its source; 10s, 1m or seconds"
                    + " (default: 10s)")
    String keepaliveTtl;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override public Integer call() throws InterruptedException {
        MasterConfig config = resolve();
        Master master = Master.start(config);
        PrintWriter out = spec.commandLine().getOut();
        out.println("listening: http://" + master.host() + ":" + master.port());
        out.flush();
        CountDownLatch forever = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            master.close();
            System.out.flush();
            Runtime.getRuntime().halt(0); // SIGTERM asked for a clean stop and got one: exit 0, not 143
        }, "godwit-master-stop"));
        forever.await();
        return 0;
    }

    /** Flags, then the config file, then the defaults. */
    MasterConfig resolve() {
        Map<String, String> file = configFile == null ? Map.of()
                : DmTomlFile.read(configFile, TOML_KEYS, TOML_IGNORED, spec.commandLine().getErr());
        String resolvedName = DmProcessSettings.pick(name, file.get("name"), DEFAULT_NAME);
        String addr = DmProcessSettings.pick(masterAddr, file.get("master-addr"), DEFAULT_ADDR);
        DmProcessSettings.ListenAddress listen = DmProcessSettings.listenAddress("master-addr", addr, DEFAULT_ADDR);
        Path dir = dataDir != null ? dataDir
                : file.containsKey("data-dir") ? Path.of(file.get("data-dir")) : Path.of("default." + resolvedName);
        return new MasterConfig(resolvedName, listen.host(), listen.port(),
                DmProcessSettings.pick(advertiseAddr, file.get("advertise-addr"), ""), dir,
                DmProcessSettings.keepaliveTtl(DmProcessSettings.pick(keepaliveTtl, file.get("keepalive-ttl"), null),
                        MasterConfig.DEFAULT_KEEPALIVE_TTL));
    }
}
