package io.godwit.e2e;

import io.godwit.core.testkit.DbEndpoint;
import io.godwit.core.testkit.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The cluster tests' data and files: schema {@code a} on source 1 and {@code b} on source 2, each with a
 * table {@code t (id, n)} of {@code rows} rows, the source files mysql-01 and mysql-02, and a task-mode all
 * task that migrates {@code a} from the one and {@code b} from the other.
 */
record TwoSourceTask(String a, String b, String meta, Path dir, Path src1, Path src2, Path task) {
    static TwoSourceTask create(Class<?> test, String taskName, int rows) throws IOException {
        DbEndpoint s1 = TestDatabases.source1();
        DbEndpoint s2 = TestDatabases.source2();
        String a = TestDatabases.schema(test, "a");
        String b = TestDatabases.schema(test, "b");
        String meta = TestDatabases.schema(test, "meta");
        s1.execute("CREATE DATABASE " + a, "CREATE TABLE " + a + ".t (id INT PRIMARY KEY, n INT NOT NULL)",
                "INSERT INTO " + a + ".t SELECT seq, 0 FROM " + a + ".seq_1_to_" + rows);
        s2.execute("CREATE DATABASE " + b, "CREATE TABLE " + b + ".t (id INT PRIMARY KEY, n INT NOT NULL)",
                "INSERT INTO " + b + ".t SELECT seq, 0 FROM " + b + ".seq_1_to_" + rows);
        Path dir = Files.createTempDirectory("godwit-" + taskName);
        Path src1 = TaskFiles.source(dir, "mysql-01", s1);
        Path src2 = TaskFiles.source(dir, "mysql-02", s2);
        Path task = TaskFiles.write(dir, "task.yaml", "name: \"" + taskName + "\"\n"
                + "task-mode: all\n"
                + "meta-schema: \"" + meta + "\"\n"
                + TaskFiles.target(TestDatabases.target())
                + "mysql-instances:\n"
                + "  - source-id: \"mysql-01\"\n    block-allow-list: \"l1\"\n"
                + "  - source-id: \"mysql-02\"\n    block-allow-list: \"l2\"\n"
                + "block-allow-list:\n"
                + "  l1:\n    do-dbs: [\"" + a + "\"]\n"
                + "  l2:\n    do-dbs: [\"" + b + "\"]\n");
        return new TwoSourceTask(a, b, meta, dir, src1, src2, task);
    }
}
