package io.godwit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A master on a fixed free port and workers joining it, as child JVMs, and dmctl against them.
 * {@link #close} kills with kill -9 whatever is still running, so a failed test leaves nothing behind.
 */
final class ClusterProcesses implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<GodwitProcess> started = new ArrayList<>();
    /** The master's {@code host:port}; fixed, so that a restarted master is found where it was. */
    final String addr;

    ClusterProcesses() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            addr = "127.0.0.1:" + s.getLocalPort();
        }
    }

    /** Starts {@code godwit master} (lease 5 s) and waits until it listens. */
    GodwitProcess startMaster(Path dataDir) throws Exception {
        return awaitListening(start("master", "--name", "m1", "--master-addr", addr, "--data-dir", dataDir.toString(),
                "--keepalive-ttl", "5s"));
    }

    /** Starts {@code godwit standalone} without task files (master and workers in one JVM, lease 5 s). */
    GodwitProcess startStandalone(Path dataDir) throws Exception {
        return awaitListening(start("standalone", "--master-addr", addr, "--data-dir", dataDir.toString(),
                "--keepalive-ttl", "5s"));
    }

    private static GodwitProcess awaitListening(GodwitProcess m) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!m.stdout().contains("listening: ")) {
            assertThat(m.isAlive()).as("master died:\n%s", m.stderr()).isTrue();
            assertThat(System.currentTimeMillis()).as("master did not start").isLessThan(deadline);
            Thread.sleep(200);
        }
        return m;
    }

    GodwitProcess startWorker(String name) throws IOException {
        return start("worker", "--name", name, "--worker-addr", "127.0.0.1:0", "--join", addr);
    }

    /** dmctl with {@code --master-addr} of this cluster. */
    GodwitProcess.Result dmctl(String... args) throws Exception {
        String[] all = new String[args.length + 2];
        all[0] = "--master-addr";
        all[1] = addr;
        System.arraycopy(args, 0, all, 2, args.length);
        return GodwitProcess.dmctl(120, all);
    }

    /** dmctl that must exit 0 with {@code "result": true}; its JSON output. */
    JsonNode dmctlOk(String... args) throws Exception {
        GodwitProcess.Result r = dmctl(args);
        assertThat(r.exitCode()).as("dmctl %s: %s", String.join(" ", args), r).isZero();
        JsonNode out = JSON.readTree(r.stdout());
        assertThat(out.path("result").asBoolean()).as("%s", r.stdout()).isTrue();
        return out;
    }

    /**
     * Waits until {@code subtasks} subtasks of {@code task} report {@code stage} in query-status;
     * returns that output.
     */
    JsonNode awaitStage(String task, String stage, int subtasks, int seconds) throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        JsonNode last = null;
        while (System.currentTimeMillis() < deadline) {
            last = dmctlOk("query-status", task);
            int matching = 0;
            for (JsonNode s : last.path("sources")) {
                if (stage.equals(s.path("subTaskStatus").get(0).path("stage").asText())) {
                    matching++;
                }
            }
            if (matching == subtasks) {
                return last;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(subtasks + " subtask(s) of " + task + " not " + stage + " within " + seconds + " s: "
                + last);
    }

    private GodwitProcess start(String... args) throws IOException {
        GodwitProcess p = GodwitProcess.start(args);
        started.add(p);
        return p;
    }

    @Override public void close() throws InterruptedException {
        for (GodwitProcess p : started) {
            if (p.isAlive()) {
                p.kill9();
            }
        }
    }
}
