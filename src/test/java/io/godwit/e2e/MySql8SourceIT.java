package io.godwit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.godwit.core.testkit.DbEndpoint;
import io.godwit.core.testkit.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.MySQLContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * A MySQL 8 source (its GTID flavour, utf8mb4_0900 collations, a real JSON type) migrated into the
 * target. Needs a Docker engine for Testcontainers; where there is none, JUnit reports the class
 * as skipped with that reason. Any MySQL 8 can also be given as GODWIT_TEST_SOURCE1 to run every
 * other end-to-end test against it.
 */
@Testcontainers(disabledWithoutDocker = true)
class MySql8SourceIT {
    @Container
    static final MySQLContainer<?> MYSQL = new MySQLContainer<>("mysql:8.0")
            .withUsername("root").withPassword("godwit")
            .withCommand("--log-bin=mysql-bin", "--binlog-format=ROW", "--binlog-row-image=FULL", "--server-id=801",
                    "--gtid-mode=ON", "--enforce-gtid-consistency=ON");

    private final String p = "my8" + Long.toString(System.nanoTime() % 1_000_000, 36) + "_";

    @Test
    void mysql8SourceMigratesEqual() throws Exception {
        DbEndpoint source = new DbEndpoint("mysql8", MYSQL.getHost(), MYSQL.getMappedPort(3306), "root", "godwit");
        SampleData.allTypes(source, p + "db");
        SampleData.sbtest(source, p + "db", "sbtest1", 100_000);
        Path dir = Files.createTempDirectory("godwit-e2e-mysql8");
        Path sourceYaml = TaskFiles.source(dir, "mysql8", source);
        Path task = TaskFiles.write(dir, "task.yaml", "name: \"" + p + "t\"\n"
                + "task-mode: full\n"
                + TaskFiles.target(TestDatabases.target())
                + "mysql-instances:\n"
                + "  - source-id: \"mysql8\"\n"
                + "    block-allow-list: \"only\"\n"
                + "block-allow-list:\n"
                + "  only:\n"
                + "    do-dbs: [\"" + p + "db\"]\n");
        GodwitProcess.Result run = GodwitProcess.run(600, "standalone", "--source", sourceYaml.toString(), "--task", task.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        GodwitProcess.Result check = GodwitProcess.run(300, "check-data", "--source", sourceYaml.toString(), "--task", task.toString());
        assertThat(check.exitCode()).as(check.toString()).isZero();
    }
}
