package io.godwit.e2e;

import io.godwit.core.testkit.DbEndpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes DM-format source.yaml and task.yaml files for the end-to-end tests. */
final class TaskFiles {
    private TaskFiles() {}

    static Path source(Path dir, String sourceId, DbEndpoint db) throws IOException {
        Path p = dir.resolve(sourceId + ".yaml");
        Files.writeString(p, "source-id: \"" + sourceId + "\"\n"
                + "enable-gtid: true\n"
                + "from:\n" + db.yamlConnection(2));
        return p;
    }

    static String target(DbEndpoint db) {
        return "target-database:\n" + db.yamlConnection(2);
    }

    static Path write(Path dir, String name, String yaml) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, yaml);
        return p;
    }
}
