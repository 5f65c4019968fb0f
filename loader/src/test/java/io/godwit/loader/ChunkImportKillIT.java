package io.godwit.loader;

import io.godwit.core.config.LoaderConfig.OnDuplicate;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.godwit.core.model.ChunkSpec;
import io.godwit.core.model.TableId;
import io.godwit.core.testkit.DbEndpoint;
import io.godwit.core.testkit.TestDatabases;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** kill -9 of a loading JVM in the middle of a chunk: the chunk is all or nothing, the rerun completes it exactly. */
class ChunkImportKillIT {

    @Test
    void resumesFromChunkCheckpointAfterKill() throws Exception {
        String db = TestDatabases.schema(ChunkImportKillIT.class, "t");
        String meta = TestDatabases.schema(ChunkImportKillIT.class, "meta");
        DbEndpoint t = TargetDb.endpoint();
        t.execute("CREATE DATABASE " + db, "CREATE TABLE " + db + ".orders (id BIGINT, v VARCHAR(20))"); // keyless
        TableId target = TableId.of(db, "orders");

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KillableImport.class.getName(),
                t.host(), String.valueOf(t.port()), t.user(), t.password(), db, "orders", meta, "killtask")
                .redirectErrorStream(true).start();
        CompletableFuture<Boolean> midway = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.equals("MIDWAY")) {
                        return true;
                    }
                }
                return false;
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(midway.get(90, TimeUnit.SECONDS)).as("child reached the middle of chunk 1").isTrue();
        Thread.sleep(300);
        child.destroyForcibly(); // SIGKILL
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isEqualTo(137);

        assertThat(TargetDb.count("SELECT COUNT(*) FROM " + target.quoted())).isEqualTo(1000);
        try (HikariDataSource pool = TargetDb.pool("loader-it-kill", 2)) {
            LoadCheckpoints checkpoints = new LoadCheckpoints(pool, meta, "killtask");
            assertThat(checkpoints.finishedChunks("s1", KillableImport.SOURCE_TABLE)).containsExactly(0);
            ChunkImporter importer = new ChunkImporter(pool, checkpoints, ImportOptions.defaults(OnDuplicate.REPLACE), new LoadProgress());
            List<ChunkSpec> plan = checkpoints.persistPlan("s1", KillableImport.SOURCE_TABLE, target, List.of(
                    new ChunkSpec(KillableImport.SOURCE_TABLE, 0, 1, "1=1")));
            assertThat(plan).as("the original plan").isEqualTo(KillableImport.plan());
            assertThat(importer.importChunk(ChunkTarget.of(target, KillableImport.COLUMNS), plan.get(0), "s1",
                    ChunkImporterIT.rows(0, 1000)).skipped()).isTrue();
            assertThat(importer.importChunk(ChunkTarget.of(target, KillableImport.COLUMNS), plan.get(1), "s1",
                    ChunkImporterIT.rows(1000, 30_000)).rows()).isEqualTo(30_000);
            assertThat(checkpoints.finishedChunks("s1", KillableImport.SOURCE_TABLE)).containsExactly(0, 1);
        }
        assertThat(TargetDb.rows("SELECT COUNT(*), COUNT(DISTINCT id), MIN(id), MAX(id) FROM " + target.quoted()))
                .containsExactly("31000|31000|0|30999");
    }
}
