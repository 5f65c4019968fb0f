package io.godwit.dist;

import io.godwit.core.embedded.EmbeddedMariaDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs one embedded MariaDB server until killed; for the benchmarks, which need the same server
 * build as the tests without installing one. Hidden: not a user feature.
 */
@Command(name = "embedded-mariadb", hidden = true, description = "Run an embedded MariaDB server until stopped.")
final class EmbeddedMariaDbCommand implements java.util.concurrent.Callable<Integer> {
    @Option(names = "--name", defaultValue = "bench") String name;
    @Option(names = "--server-id", defaultValue = "1") int serverId;
    @Option(names = "--port-file", required = true, description = "written with the port once the server accepts connections")
    Path portFile;
    /** For server options that SET GLOBAL cannot change, e.g. {@code --log-slave-updates} for bench/sync.sh's replicas. */
    @Option(names = "--server-arg", description = "a further mariadbd option, e.g. --server-arg=--log-slave-updates; repeatable")
    List<String> serverArgs = new ArrayList<>();

    @Override public Integer call() throws Exception {
        EmbeddedMariaDb db = EmbeddedMariaDb.start(name, serverId, serverArgs);
        Runtime.getRuntime().addShutdownHook(new Thread(db::close));
        Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
        Files.writeString(tmp, Integer.toString(db.port()));
        Files.move(tmp, portFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        new CountDownLatch(1).await();
        return 0;
    }
}
