package io.godwit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.godwit.core.testkit.DbEndpoint;
import io.godwit.core.testkit.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * `task-mode: dump` writes dumpling's file layout; `task-mode: load` imports it into the target;
 * check-data then finds source and target equal.
 */
class DumpThenLoadIT {
    private final String p = "dl" + Long.toString(System.nanoTime() % 1_000_000, 36) + "_";

    @Test
    void dumpFilesInDumplingLayoutLoadBackEqual() throws Exception {
        DbEndpoint s1 = TestDatabases.source1();
        DbEndpoint target = TestDatabases.target();
        SampleData.allTypes(s1, p + "db");
        SampleData.sbtest(s1, p + "db", "sbtest1", 50_000);
        Path dir = Files.createTempDirectory("godwit-e2e-dump");
        Path dumpDir = dir.resolve("dumped");
        Path source = TaskFiles.source(dir, "mysql-01", s1);

        GodwitProcess.Result dump = GodwitProcess.run(300, "standalone", "--source", source.toString(),
                "--task", TaskFiles.write(dir, "dump.yaml", task("dump", dumpDir, target)).toString());
        assertThat(dump.exitCode()).as(dump.toString()).isZero();
        List<String> files;
        try (Stream<Path> list = Files.list(dumpDir)) {
            files = list.map(f -> f.getFileName().toString()).sorted().toList();
        }
        assertThat(files).contains("metadata", p + "db-schema-create.sql", p + "db.sbtest1-schema.sql",
                p + "db.all_types-schema.sql", p + "db.all_types.000000000.sql");
        assertThat(files.stream().filter(f -> f.startsWith(p + "db.sbtest1.") && f.endsWith(".sql")).count())
                .as("the 50k-row table is split into chunk files of 10k rows").isEqualTo(5);
        assertThat(Files.readString(dumpDir.resolve("metadata"))).contains("SHOW MASTER STATUS:", "Log: ", "Pos: ");
        assertThat(tableCount(target)).as("a dump writes nothing to the target").isZero();

        Path load = TaskFiles.write(dir, "load.yaml", task("load", dumpDir, target));
        GodwitProcess.Result loaded = GodwitProcess.run(300, "standalone", "--source", source.toString(),
                "--task", load.toString());
        assertThat(loaded.exitCode()).as(loaded.toString()).isZero();
        GodwitProcess.Result check = GodwitProcess.run(300, "check-data", "--source", source.toString(),
                "--task", load.toString());
        assertThat(check.exitCode()).as(check.toString()).isZero();
        assertThat(tableCount(target)).isEqualTo(2);
    }

    private String task(String mode, Path dumpDir, DbEndpoint target) {
        return "name: \"" + p + mode + "\"\n"
                + "task-mode: " + mode + "\n"
                + TaskFiles.target(target)
                + "mysql-instances:\n"
                + "  - source-id: \"mysql-01\"\n"
                + "    block-allow-list: \"only\"\n"
                + "    mydumper:\n"
                + "      threads: 2\n"
                + "      rows: 10000\n"
                + "      extra-args: \"--consistency flush\"\n"
                + "    loader:\n"
                + "      dir: \"" + dumpDir + "\"\n"
                + "      pool-size: 2\n"
                + "block-allow-list:\n"
                + "  only:\n"
                + "    do-dbs: [\"" + p + "db\"]\n";
    }

    private long tableCount(DbEndpoint target) throws Exception {
        try (var c = target.connect(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + p + "db'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
