package io.godwit.loader;

import io.godwit.core.config.LoaderConfig.OnDuplicate;
import com.zaxxer.hikari.HikariDataSource;
import io.godwit.core.config.DatabaseConfig;
import io.godwit.core.db.Databases;
import io.godwit.core.db.Endpoint;
import io.godwit.core.model.ChunkSpec;
import io.godwit.core.model.TableId;
import java.time.Duration;
import java.util.List;

/**
 * The child JVM of {@link ChunkImportKillIT}: loads chunk 0 of a two-chunk plan, then streams chunk 1
 * endlessly and says MIDWAY once part of it was written, so the parent can kill -9 it mid-transaction.
 * Arguments: host port user password targetSchema targetTable metaSchema task.
 */
public final class KillableImport {
    static final TableId SOURCE_TABLE = TableId.of("shard_1", "orders_01");
    static final List<String> COLUMNS = List.of("id", "v");

    public static void main(String[] args) throws Exception {
        DatabaseConfig db = DatabaseConfig.of(args[0], Integer.parseInt(args[1]), args[2], args[3]);
        TableId target = TableId.of(args[4], args[5]);
        try (HikariDataSource pool = Databases.pool("kill-child", db, Endpoint.TARGET, 2)) {
            LoadCheckpoints checkpoints = new LoadCheckpoints(pool, args[6], args[7]);
            checkpoints.ensureTables();
            ChunkImporter importer = new ChunkImporter(pool, checkpoints,
                    new ImportOptions(OnDuplicate.REPLACE, 16 * 1024, 1, Duration.ZERO, Duration.ZERO, false), new LoadProgress());
            List<ChunkSpec> plan = checkpoints.persistPlan("s1", SOURCE_TABLE, target, plan());
            importer.importChunk(ChunkTarget.of(target, COLUMNS), plan.get(0), "s1", ChunkImporterIT.rows(0, 1000));
            importer.importChunk(ChunkTarget.of(target, COLUMNS), plan.get(1), "s1", sink -> {
                for (long i = 1000; ; i++) {
                    sink.accept(i + ",'v" + i + "'");
                    if (i == 21_000) {
                        System.out.println("MIDWAY");
                        System.out.flush();
                    }
                    if (i > 21_000 && i % 100 == 0) {
                        Thread.sleep(1);
                    }
                }
            });
        }
    }

    static List<ChunkSpec> plan() {
        return List.of(new ChunkSpec(SOURCE_TABLE, 0, 2, "`id` < 1000"), new ChunkSpec(SOURCE_TABLE, 1, 2, "`id` >= 1000"));
    }
}
