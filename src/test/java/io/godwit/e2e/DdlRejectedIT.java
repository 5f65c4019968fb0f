package io.godwit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.godwit.core.testkit.DbEndpoint;
import io.godwit.core.testkit.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * A DDL the target rejects pauses the source's sync with the error, its binlog position and the
 * statement in the status; DM's {@code binlog replace} and {@code binlog skip} over HTTP, then
 * resume, let it go on, and the target converges. A skip survives a kill -9 before the resume: it is
 * recorded in the target's checkpoints, and the restarted process skips the DDL.
 */
class DdlRejectedIT {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aRejectedDdlPausesAndReplaceOrSkipThenResumeLetsItGoOn() throws Exception {
        DbEndpoint source = TestDatabases.source1();
        DbEndpoint target = TestDatabases.target();
        String db = TestDatabases.schema(getClass(), "x");
        source.execute("CREATE DATABASE " + db, "CREATE TABLE " + db + ".t (id INT PRIMARY KEY, v INT NOT NULL)",
                "INSERT INTO " + db + ".t VALUES (1, 1), (2, 2)");
        Path dir = Files.createTempDirectory("godwit-ddl-rejected");
        Path src = TaskFiles.source(dir, "mysql-01", source);
        Path task = TaskFiles.write(dir, "task.yaml", "name: \"ddlrej\"\n"
                + "task-mode: all\n"
                + "meta-schema: \"" + TestDatabases.schema(getClass(), "meta") + "\"\n"
                + TaskFiles.target(target)
                + "mysql-instances:\n  - source-id: \"mysql-01\"\n    block-allow-list: \"l\"\n"
                + "block-allow-list:\n  l:\n    do-dbs: [\"" + db + "\"]\n");
        GodwitProcess godwit = GodwitProcess.start("standalone", "--progress-interval", "1", "--status-addr",
                "127.0.0.1:0", "--source", src.toString(), "--task", task.toString());
        try {
            String status = await(godwit, () -> statusUrl(godwit), s -> s.contains("\"unit\":\"Sync\""));
            String base = statusUrl(godwit).replace("/status", "");
            assertThat(post(base + "/sources/mysql-01/binlog/skip", "").statusCode())
                    .as("skip while running is refused").isEqualTo(400);

            // the target has the column already: the source's ADD COLUMN is refused (duplicate column)
            target.execute("ALTER TABLE " + db + ".t ADD COLUMN extra INT");
            source.execute("ALTER TABLE " + db + ".t ADD COLUMN extra INT", "INSERT INTO " + db + ".t VALUES (3, 3, 7)");
            status = await(godwit, () -> statusUrl(godwit), s -> s.contains("\"stage\":\"Paused\""));
            assertThat(status).contains("\"error_code\":16002").contains("ADD COLUMN extra")
                    .contains("\"error_position\":\"(");
            assertThat(single(target, "SELECT COUNT(*) FROM " + db + ".t WHERE id = 3")).as("nothing after the DDL").isEqualTo("0");

            HttpResponse<String> replaced = post(base + "/sources/mysql-01/binlog/replace",
                    "{\"sqls\": [\"ALTER TABLE `" + db + "`.`t` MODIFY `extra` INT\"]}");
            assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
            assertThat(post(base + "/resume", "").body()).contains("mysql-01");
            await(godwit, () -> statusUrl(godwit), s -> s.contains("\"stage\":\"Running\""));
            awaitRow(target, "SELECT extra FROM " + db + ".t WHERE id = 3", "7");

            // the target has the index already: CREATE INDEX is refused (duplicate key name); skip it
            target.execute("CREATE INDEX by_v ON " + db + ".t (v)");
            source.execute("CREATE INDEX by_v ON " + db + ".t (v)", "INSERT INTO " + db + ".t VALUES (4, 4, 8)");
            status = await(godwit, () -> statusUrl(godwit), s -> s.contains("\"stage\":\"Paused\""));
            assertThat(status).contains("CREATE INDEX by_v");
            assertThat(post(base + "/sources/mysql-01/binlog/skip", "").statusCode()).isEqualTo(200);
            // the skip is recorded in the target's checkpoints: killed before the resume, a restarted process
            // skips the DDL too instead of pausing on it again
            godwit.kill9();
        } finally {
            if (godwit.isAlive()) {
                godwit.kill9();
            }
        }
        GodwitProcess restarted = GodwitProcess.start("standalone", "--progress-interval", "1", "--status-addr",
                "127.0.0.1:0", "--source", src.toString(), "--task", task.toString());
        try {
            awaitRow(target, "SELECT extra FROM " + db + ".t WHERE id = 4", "8");
            assertThat(restarted.stderr()).doesNotContain("sync of mysql-01 paused");
            assertThat(single(target, "SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = '" + db
                    + "' AND TABLE_NAME = 't' AND INDEX_NAME = 'by_v'")).as("the index made by hand, once").isEqualTo("1");

            GodwitProcess.Result check = GodwitProcess.run(120, "check-data", "--source", src.toString(),
                    "--task", task.toString());
            assertThat(check.exitCode()).as(check.toString()).isZero();
            assertThat(restarted.terminate(90)).as(restarted.stderr()).isZero();
        } finally {
            if (restarted.isAlive()) {
                restarted.kill9();
            }
        }
    }

    private String statusUrl(GodwitProcess godwit) throws Exception {
        return godwit.stdout().lines().filter(l -> l.startsWith("status: ")).findFirst()
                .map(l -> l.substring("status: ".length())).orElse(null);
    }

    @FunctionalInterface
    interface UrlSource {
        String get() throws Exception;
    }

    /** Polls the status until it satisfies {@code until}; returns that status body. */
    private String await(GodwitProcess godwit, UrlSource url, Predicate<String> until) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        String last = "";
        while (System.currentTimeMillis() < deadline) {
            assertThat(godwit.isAlive()).as("godwit died:\n%s", godwit.stderr()).isTrue();
            String u = url.get();
            if (u != null) {
                last = http.send(HttpRequest.newBuilder(URI.create(u)).build(), HttpResponse.BodyHandlers.ofString()).body();
                if (until.test(last)) {
                    return last;
                }
            }
            Thread.sleep(300);
        }
        throw new AssertionError("status never matched; last: " + last + "\nstderr:\n" + godwit.stderr());
    }

    private HttpResponse<String> post(String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("content-type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitRow(DbEndpoint db, String sql, String expected) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        String last = null;
        while (System.currentTimeMillis() < deadline) {
            last = single(db, sql);
            if (expected.equals(last)) {
                return;
            }
            Thread.sleep(300);
        }
        throw new AssertionError(sql + ": expected " + expected + ", last " + last);
    }

    private static String single(DbEndpoint db, String sql) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
