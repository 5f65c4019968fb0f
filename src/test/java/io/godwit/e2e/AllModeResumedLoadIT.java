package io.godwit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.godwit.core.testkit.DbEndpoint;
import io.godwit.core.testkit.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Task mode all, killed with kill -9 in the middle of its load while the source keeps changing:
 * the rerun loads the remaining chunks from a newer snapshot, yet the sync starts at the first
 * snapshot's point. The changes in between must not be applied twice: a keyless table loaded from
 * the newer snapshot would otherwise get its rows again (safe mode cannot make a keyless insert
 * idempotent), a keyed one its inserts as duplicates. DDL runs in between too: a table half loaded
 * when it changed starts over from the newer snapshot (its loaded chunks hold the old columns), a
 * table loaded whole before it changed keeps its rows and gets the change from the sync. Once the
 * writes stop, check-data is equal and the keyless table has exactly the source's rows.
 */
class AllModeResumedLoadIT {
    @Test
    void aLoadResumedFromANewerSnapshotSyncsWithoutDuplicates() throws Exception {
        DbEndpoint source = TestDatabases.source1();
        DbEndpoint target = TestDatabases.target();
        String db = TestDatabases.schema(getClass(), "r");
        String meta = TestDatabases.schema(getClass(), "meta");
        source.execute("CREATE DATABASE " + db,
                "CREATE TABLE " + db + ".aa_done (id INT PRIMARY KEY, v VARCHAR(40) NOT NULL)",
                "INSERT INTO " + db + ".aa_done SELECT seq, CONCAT('d', seq) FROM " + db + ".seq_1_to_10",
                "CREATE TABLE " + db + ".abig (id INT PRIMARY KEY, v VARCHAR(40) NOT NULL)",
                "INSERT INTO " + db + ".abig SELECT seq, CONCAT('v', seq) FROM " + db + ".seq_1_to_200000",
                "CREATE TABLE " + db + ".zlog (k INT NOT NULL, note VARCHAR(20))",
                "INSERT INTO " + db + ".zlog SELECT seq % 7, 'before' FROM " + db + ".seq_1_to_100");
        Path dir = Files.createTempDirectory("godwit-all-resume");
        Path src = TaskFiles.source(dir, "mysql-01", source);
        Path task = TaskFiles.write(dir, "task.yaml", "name: \"allresume\"\n"
                + "task-mode: all\n"
                + "meta-schema: \"" + meta + "\"\n"
                + TaskFiles.target(target)
                + "mysql-instances:\n  - source-id: \"mysql-01\"\n    block-allow-list: \"l\"\n"
                + "    mydumper-config-name: \"d\"\n    loader-config-name: \"ld\"\n"
                + "block-allow-list:\n  l:\n    do-dbs: [\"" + db + "\"]\n"
                + "mydumpers:\n  d:\n    threads: 1\n    rows: 10000\n"
                + "loaders:\n  ld:\n    pool-size: 1\n");
        String[] args = {"standalone", "--status-addr", "127.0.0.1:0", "--source", src.toString(), "--task", task.toString()};

        GodwitProcess first = GodwitProcess.start(args);
        GodwitProcess second = null;
        try {
            awaitFinishedChunks(first, target, meta + ".allresume_loader_checkpoint", 3);
            first.kill9();
            assertThat(Checks.count(target, "SELECT COUNT(*) FROM " + db + ".zlog")).as("keyless table not loaded yet").isZero();

            // changes between the first snapshot and the second: they are in the chunks loaded next
            source.execute("INSERT INTO " + db + ".zlog SELECT seq % 7, 'between' FROM " + db + ".seq_1_to_50",
                    "UPDATE " + db + ".abig SET v = 'changed' WHERE id <= 100",
                    "DELETE FROM " + db + ".abig WHERE id BETWEEN 150001 AND 150010",
                    "INSERT INTO " + db + ".abig VALUES (300001, 'new')",
                    // DDL on a half-loaded table, a table loaded whole, and the keyless table not loaded yet
                    "ALTER TABLE " + db + ".abig ADD COLUMN note VARCHAR(20) NOT NULL DEFAULT 'n'",
                    "UPDATE " + db + ".abig SET note = 'x' WHERE id <= 10",
                    "INSERT INTO " + db + ".abig VALUES (300002, 'new', 'y')",
                    "ALTER TABLE " + db + ".aa_done ADD COLUMN extra INT NOT NULL DEFAULT 7",
                    "UPDATE " + db + ".aa_done SET extra = 8 WHERE id = 1",
                    "ALTER TABLE " + db + ".zlog ADD COLUMN extra INT",
                    "INSERT INTO " + db + ".zlog VALUES (42, 'between', 1)");

            second = GodwitProcess.start(args);
            awaitUnit(second, "\"unit\":\"Sync\"");
            source.execute("INSERT INTO " + db + ".zlog VALUES (99, 'after', 2)", "UPDATE " + db + ".abig SET v = 'later' WHERE id = 5");

            Checks.awaitEqual(60, second, task, src);
            assertThat(Checks.count(target, "SELECT COUNT(*) FROM " + db + ".zlog")).isEqualTo(152);
            assertThat(second.stderr()).as("the half-loaded table starts over").contains(db + ".abig was changed by a DDL");
            assertThat(Checks.count(target, "SELECT COUNT(*) FROM " + db + ".abig WHERE note = 'x'")).isEqualTo(10);
            assertThat(Checks.count(target, "SELECT SUM(extra) FROM " + db + ".aa_done")).isEqualTo(8 + 9 * 7);
            assertThat(second.terminate(90)).isZero();
        } finally {
            if (first.isAlive()) {
                first.kill9();
            }
            if (second != null && second.isAlive()) {
                second.kill9();
            }
        }
    }

    private static void awaitFinishedChunks(GodwitProcess godwit, DbEndpoint target, String table, int atLeast)
            throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            assertThat(godwit.isAlive()).as("godwit ended before the kill:\n%s", godwit.stderr()).isTrue();
            try {
                long finished = Checks.count(target, "SELECT COALESCE(SUM(status = 'finished'), 0) FROM " + table);
                long planned = Checks.count(target, "SELECT COUNT(*) FROM " + table);
                if (finished >= atLeast) {
                    assertThat(finished).as("some chunks must be left for the rerun").isLessThan(planned);
                    return;
                }
            } catch (java.sql.SQLException notYetCreated) {
                // the checkpoint table appears when the load starts
            }
            Thread.sleep(20);
        }
        throw new AssertionError("fewer than " + atLeast + " chunks finished in time");
    }

    private static void awaitUnit(GodwitProcess godwit, String marker) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            assertThat(godwit.isAlive()).as("godwit died:\n%s", godwit.stderr()).isTrue();
            String url = godwit.stdout().lines().filter(l -> l.startsWith("status: ")).findFirst()
                    .map(l -> l.substring("status: ".length())).orElse(null);
            if (url != null) {
                String body = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                if (body.contains(marker)) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the sync did not start in time:\n" + godwit.stderr());
    }
}
