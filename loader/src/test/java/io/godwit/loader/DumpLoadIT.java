package io.godwit.loader;

import io.godwit.core.config.LoaderConfig.OnDuplicate;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.godwit.core.model.ChunkSpec;
import io.godwit.core.model.TableId;
import io.godwit.core.testkit.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Loads the hand-written dumpling-layout fixture and compares with the same files run by the server itself. */
class DumpLoadIT {
    static final Path BASIC = Path.of("src/test/resources/dumps/basic");

    @Test
    void loadsADumpDirectoryWithTheSameRowsAsTheServerReadingTheFiles() throws Exception {
        String loaded = TestDatabases.schema(DumpLoadIT.class, "loaded");
        String oracle = TestDatabases.schema(DumpLoadIT.class, "oracle");
        String meta = TestDatabases.schema(DumpLoadIT.class, "meta");
        DumpDirectory dump = DumpDirectory.open(BASIC);
        try (HikariDataSource pool = TargetDb.pool("loader-it-dump", 2)) {
            TargetSchemaCreator creator = new TargetSchemaCreator(pool);
            LoadCheckpoints checkpoints = new LoadCheckpoints(pool, meta, "dumpload");
            checkpoints.ensureTables();
            ChunkImporter importer = new ChunkImporter(pool, checkpoints, ImportOptions.defaults(OnDuplicate.ERROR), new LoadProgress());
            creator.createDatabase(loaded, dump.schemas().get(0).createDatabaseSql());
            for (DumpTable table : dump.tables()) {
                TableId target = TableId.of(loaded, table.id().table());
                creator.createTable(target, table.createTableSql(), List.of());
                List<ChunkSpec> plan = checkpoints.persistPlan("dump", table.id(), target, table.chunks());
                for (DumpDataFile file : table.dataFiles()) {
                    assertThat(plan.get(file.chunk().index())).isEqualTo(file.chunk());
                    importer.importChunk(ChunkTarget.of(target, file.columns()), file.chunk(), "dump", file);
                }
            }
        }
        runFilesOnTheServer(dump, oracle);

        String items = "SELECT id, name, HEX(name), HEX(data), price, doubled, note FROM %s.items ORDER BY id";
        assertThat(TargetDb.rows(items.formatted(loaded))).hasSize(7).isEqualTo(TargetDb.rows(items.formatted(oracle)));
        String odd = "SELECT k, v FROM %s.`odd.name` ORDER BY k";
        assertThat(TargetDb.rows(odd.formatted(loaded))).containsExactly("a|1", "b|NULL", "c|-9223372036854775808")
                .isEqualTo(TargetDb.rows(odd.formatted(oracle)));
        assertThat(TargetDb.rows("SELECT name, note FROM " + loaded + ".items WHERE id IN (2, 3) ORDER BY id"))
                .containsExactly("it's|line1\nline2", "back\\slash'q|),(,'),('");
        assertThat(TargetDb.rows("SELECT HEX(name), HEX(data) FROM " + loaded + ".items WHERE id = 6"))
                .containsExactly("6E756C0062797465|00000000"); // 'nul\0byte': the NUL byte arrived
    }

    /** The oracle: the server's own parser runs the same dump files. */
    private static void runFilesOnTheServer(DumpDirectory dump, String schema) throws Exception {
        String url = TargetDb.endpoint().jdbcUrl() + "&allowMultiQueries=true";
        try (Connection c = DriverManager.getConnection(url, TargetDb.endpoint().user(), TargetDb.endpoint().password());
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + schema);
            s.execute("USE " + schema);
            for (DumpTable table : dump.tables()) {
                s.execute(table.createTableSql());
                for (DumpDataFile file : table.dataFiles()) {
                    s.execute(Files.readString(file.path(), StandardCharsets.UTF_8));
                }
            }
        }
    }
}
