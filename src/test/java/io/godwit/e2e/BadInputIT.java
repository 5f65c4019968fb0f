package io.godwit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.godwit.core.testkit.DbEndpoint;
import io.godwit.core.testkit.TestDatabases;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Each bad input: a one-line error naming what is wrong, exit 1, and no table data in the target. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIT {
    private final String p = "bad" + Long.toString(System.nanoTime() % 1_000_000, 36) + "_";
    private DbEndpoint s1;
    private DbEndpoint target;
    private Path dir;

    @BeforeAll
    void sourceWithData() throws Exception {
        s1 = TestDatabases.source1();
        target = TestDatabases.target();
        s1.execute("CREATE DATABASE `" + p + "src`",
                "CREATE TABLE `" + p + "src`.t (id INT PRIMARY KEY, v VARCHAR(10))",
                "INSERT INTO `" + p + "src`.t VALUES (1, 'a'), (2, 'b')");
        dir = Files.createTempDirectory("godwit-bad-input");
    }

    private String task(String mode, DbEndpoint tgt, String extra) {
        return "name: \"" + p + "task\"\n"
                + "task-mode: " + mode + "\n"
                + TaskFiles.target(tgt)
                + "mysql-instances:\n"
                + "  - source-id: \"mysql-01\"\n"
                + "    block-allow-list: \"only\"\n"
                + extra
                + "block-allow-list:\n"
                + "  only:\n"
                + "    do-dbs: [\"" + p + "src\"]\n";
    }

    private GodwitProcess.Result standalone(Path source, String taskYaml) throws Exception {
        Path t = TaskFiles.write(dir, "task-" + System.nanoTime() + ".yaml", taskYaml);
        return GodwitProcess.run(120, "standalone", "--source", source.toString(), "--task", t.toString());
    }

    private void assertOneLineErrorAndNothingWritten(GodwitProcess.Result r, String... fragments) throws Exception {
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.errorLines()).as(r.toString()).hasSize(1);
        assertThat(r.errorLines().get(0)).contains(fragments);
        try (var c = target.connect(); var s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA LIKE '"
                     + p + "%'")) {
            rs.next();
            assertThat(rs.getLong(1)).as("tables of the task in the target").isZero();
        }
    }

    @Test
    void malformedYamlNamesTheLine() throws Exception {
        Path source = TaskFiles.source(dir, "mysql-01", s1);
        GodwitProcess.Result r = standalone(source, task("full", target, "") + "routes: [unclosed\n");
        assertOneLineErrorAndNothingWritten(r, "task-", ".yaml:15:", "malformed YAML");
    }

    @Test
    void unknownKeyIsNamedWithItsLine() throws Exception {
        Path source = TaskFiles.source(dir, "mysql-01", s1);
        GodwitProcess.Result r = standalone(source, task("full", target, "    loader-thraed: 4\n"));
        assertOneLineErrorAndNothingWritten(r, "loader-thraed", ":11");
    }

    @Test
    void unreachableSourceNamesTheAddress() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        DbEndpoint nowhere = new DbEndpoint("nowhere", "127.0.0.1", closedPort, "root", "");
        Path source = TaskFiles.source(dir, "mysql-01", nowhere);
        GodwitProcess.Result r = standalone(source, task("full", target, ""));
        assertOneLineErrorAndNothingWritten(r, "127.0.0.1:" + closedPort);
    }

    @Test
    void checkDataExitsTwoWhenItCannotCompare() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Path source = TaskFiles.source(dir, "mysql-01", new DbEndpoint("nowhere", "127.0.0.1", closedPort, "root", ""));
        Path t = TaskFiles.write(dir, "check-" + System.nanoTime() + ".yaml", task("full", target, ""));
        GodwitProcess.Result r = GodwitProcess.run(120, "check-data", "--source", source.toString(), "--task", t.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.errorLines()).as(r.toString()).hasSize(1);
        assertThat(r.errorLines().get(0)).contains("127.0.0.1:" + closedPort);
    }

    @Test
    void wrongPasswordIsAnAccessError() throws Exception {
        s1.execute("CREATE USER IF NOT EXISTS 'godwit_pw'@'%' IDENTIFIED BY 'right'",
                "GRANT ALL ON *.* TO 'godwit_pw'@'%'");
        DbEndpoint wrong = new DbEndpoint("wrong", s1.host(), s1.port(), "godwit_pw", "wrong");
        Path source = TaskFiles.source(dir, "mysql-01", wrong);
        GodwitProcess.Result r = standalone(source, task("full", target, ""));
        assertOneLineErrorAndNothingWritten(r, "code=12002", s1.host() + ":" + s1.port());
    }

    @Test
    void targetUserWithoutCreatePrivilegeIsRefused() throws Exception {
        target.execute("CREATE USER IF NOT EXISTS 'godwit_nocreate'@'%' IDENTIFIED BY 'pw'",
                "GRANT SELECT, INSERT, UPDATE, DELETE ON *.* TO 'godwit_nocreate'@'%'");
        DbEndpoint limited = new DbEndpoint("limited", target.host(), target.port(), "godwit_nocreate", "pw");
        Path source = TaskFiles.source(dir, "mysql-01", s1);
        GodwitProcess.Result r = standalone(source, task("full", limited, ""));
        assertOneLineErrorAndNothingWritten(r, "code=13003");
    }

    @Test
    void incrementalWithoutMetaIsRefused() throws Exception {
        Path source = TaskFiles.source(dir, "mysql-01", s1);
        GodwitProcess.Result r = standalone(source, task("incremental", target, ""));
        assertOneLineErrorAndNothingWritten(r, "meta");
    }
}
