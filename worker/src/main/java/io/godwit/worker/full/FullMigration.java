package io.godwit.worker.full;

import io.godwit.core.config.LoaderConfig.OnDuplicate;
import com.zaxxer.hikari.HikariDataSource;

import io.godwit.core.config.MySqlInstance;
import io.godwit.core.config.MydumperConfig;
import io.godwit.core.config.SourceConfig;
import io.godwit.core.config.TaskConfig;
import io.godwit.core.config.TaskMode;
import io.godwit.core.config.TaskPlan;
import io.godwit.core.db.Databases;
import io.godwit.core.db.Endpoint;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.ChunkSpec;
import io.godwit.core.model.DelimitedColumn;
import io.godwit.core.model.RowBytesSink;
import io.godwit.core.model.RowSink;
import io.godwit.core.model.TableId;
import io.godwit.core.model.TableInfo;
import io.godwit.dumper.Consistency;
import io.godwit.dumper.DumpFileWriter;
import io.godwit.dumper.DumpOptions;
import io.godwit.dumper.SnapshotDumper;
import io.godwit.filters.BlockAllowList;
import io.godwit.filters.TableFilterChain;
import io.godwit.filters.TableRouter;
import io.godwit.loader.ChunkImporter;
import io.godwit.loader.DdlAdapter;
import io.godwit.loader.DeferredIndexes;
import io.godwit.loader.DumpDirectory;
import io.godwit.loader.DumpTable;
import io.godwit.loader.DelimitedRowSource;
import io.godwit.loader.ImportOptions;
import io.godwit.loader.LoadCheckpoints;
import io.godwit.loader.LoadProgress;
import io.godwit.loader.RowSource;

import io.godwit.loader.TargetSchemaCreator;
import io.godwit.worker.progress.MigrationProgress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The full-migration units of one task across all its sources: {@code full} (dump streamed
 * straight into load, no files), {@code dump} (dumpling-layout files) and {@code load} (from such
 * files).
 *
 * <p>Order of work, chosen so that bad input fails before anything is written to the target:
 * <ol>
 *   <li>open every source's consistent snapshot (unreachable source, wrong password fail here);</li>
 *   <li>create the meta schema and checkpoint table on the target (missing CREATE privilege fails here);</li>
 *   <li>per source table: route, create the target database and table, store or reuse the chunk plan;</li>
 *   <li>load the unfinished chunks in parallel, each chunk and its checkpoint in one transaction.</li>
 * </ol>
 */
public final class FullMigration {
    private static final Logger LOG = LoggerFactory.getLogger(FullMigration.class);
    /** DM's {@code rows: 0} means "do not split"; Godwit always splits, this many rows a chunk. */
    static final long DEFAULT_ROWS_PER_CHUNK = 100_000;

    private final TaskConfig task;
    private final TaskPlan plan;
    private final Map<String, SourceConfig> sources;
    private final Consumer<List<String>> progressOut;
    private final Duration progressInterval;
    private final MigrationProgress progress = new MigrationProgress();

    /**
     * @param sources        the task's sources by source-id
     * @param progressOut    receives a progress report every {@code progressInterval} and a summary at the end
     */
    public FullMigration(TaskConfig task, Map<String, SourceConfig> sources, Consumer<List<String>> progressOut,
                         Duration progressInterval) {
        this.task = task;
        this.plan = new TaskPlan(task);
        this.sources = Map.copyOf(sources);
        this.progressOut = progressOut;
        this.progressInterval = progressInterval;
    }

    /** Hears of each source's snapshot before any of its rows is loaded (the sync records where it starts). */
    public interface SnapshotListener {
        void snapshotTaken(MySqlInstance instance, BinlogLocation point, List<TableInfo> tables);

        /**
         * {@code table} is about to load whole from the snapshot at {@code point}, which may be later than
         * the sync's start: a keyless table (one chunk), a table new to a resumed load, or a table reloaded
         * because a DDL changed it since its load began. Called before anything of the table is written.
         */
        void wholeTableLoading(MySqlInstance instance, TableId table, BinlogLocation point);
    }

    private SnapshotListener snapshotListener = new SnapshotListener() {
        @Override public void snapshotTaken(MySqlInstance instance, BinlogLocation point, List<TableInfo> tables) { }

        @Override public void wholeTableLoading(MySqlInstance instance, TableId table, BinlogLocation point) { }
    };

    /** Sets who hears of each snapshot (the sync unit records where it will start); returns this. */
    public FullMigration onSnapshot(SnapshotListener listener) {
        this.snapshotListener = listener;
        return this;
    }

    public MigrationSummary run() {
        MDC.put("task", task.name());
        try {
            return switch (task.taskMode()) {
                case FULL, ALL -> dumpAndLoad(); // for all, the sync unit follows (worker.task.StandaloneTask)
                case DUMP -> dumpToFiles();
                case LOAD -> loadFromFiles();
                case INCREMENTAL, LOAD_SYNC -> throw new GodwitException(ErrorCode.CONFIG_NOT_SUPPORTED,
                        "task-mode " + task.taskMode().yamlName() + " has no dump or load of its own here;"
                                + " task-mode full, all, dump and load do");
            };
        } finally {
            MDC.remove("task");
        }
    }

    private MigrationSummary dumpAndLoad() {
        List<SnapshotDumper> dumpers = new ArrayList<>();
        try {
            Map<MySqlInstance, SnapshotDumper> byInstance = new LinkedHashMap<>();
            for (MySqlInstance inst : plan.instances()) {
                SnapshotDumper d = openSnapshot(inst);
                dumpers.add(d);
                byInstance.put(inst, d);
            }
            try (TargetSide target = TargetSide.open(task, maxPoolSize())) {
                // Each table's chunks start loading as soon as that table is planned: the target
                // works while the next tables are created and split, instead of waiting for all.
                return load(target, submit -> {
                    for (Map.Entry<MySqlInstance, SnapshotDumper> e : byInstance.entrySet()) {
                        planFromSnapshot(e.getKey(), e.getValue(), target, submit);
                    }
                }, dumpers.stream().map(d -> d.consistentPoint().toString()).toList());
            }
        } finally {
            dumpers.forEach(SnapshotDumper::close);
        }
    }

    private SnapshotDumper openSnapshot(MySqlInstance inst) {
        SourceConfig source = source(inst);
        MydumperConfig dump = plan.mydumper(inst);
        MDC.put("source", inst.sourceId());
        MDC.put("unit", "dump");
        try {
            BlockAllowList bal = blockAllowList(inst);
            SnapshotDumper d = SnapshotDumper.open(new DumpOptions(source.from(),
                    task.name() + "-" + inst.sourceId() + "-dump", dump.threads(),
                    Consistency.valueOf(dump.consistency().name()), bal::allowsTable));
            LOG.info("snapshot of {} at {}", source.from().address(), d.consistentPoint());
            return d;
        } finally {
            MDC.remove("source");
            MDC.remove("unit");
        }
    }

    private void planFromSnapshot(MySqlInstance inst, SnapshotDumper dumper, TargetSide target,
                                  Consumer<SourceTablePlan> out) {
        TableFilterChain chain = new TableFilterChain(blockAllowList(inst), router(inst));
        long rowsPerChunk = rowsPerChunk(plan.mydumper(inst));
        List<TableInfo> tables = dumper.tables(id -> chain.resolve(id, inst.sourceId()).isPresent());
        // A resumed load's new tables (created on the source since the first run) load whole from this snapshot.
        boolean resumed = target.checkpoints().hasAny(inst.sourceId());
        snapshotListener.snapshotTaken(inst, dumper.consistentPoint(), tables);
        Map<TableId, TableRouter.Route> routes = new LinkedHashMap<>();
        Map<TableId, String> definitions = new LinkedHashMap<>();
        for (TableInfo t : tables) {
            routes.put(t.id(), chain.resolve(t.id(), inst.sourceId()).orElseThrow());
            definitions.put(t.id(), t.createTableSql());
        }
        Set<TableId> deferIndexes = indexesDeferrable(routes, definitions);
        // One query per source: tables created without their indexes by an earlier run, not yet built.
        Map<TableId, DeferredIndexes.Pending> pendingIndexes = target.indexes().pending(inst.sourceId());
        for (TableInfo t : tables) {
            TableRouter.Route route = routes.get(t.id());
            target.schemas().createDatabase(route.target().schema(), dumper.createDatabaseSql(t.id().schema()));
            String digest = t.definitionDigest();
            // A first run has no stored plan to compare with: no query per table then.
            Optional<LoadCheckpoints.TableLoadState> stored = resumed
                    ? target.checkpoints().state(inst.sourceId(), t.id()) : Optional.empty();
            boolean changed = stored.isPresent() && stored.get().definitionChangedFrom(digest);
            boolean wholeFromHere = t.chunkKey().isEmpty() || resumed && stored.isEmpty();
            if (changed && stored.get().complete()) {
                // Loaded whole before the DDL: the table stays as loaded, and the sync (task-mode all) replays the DDL.
                LOG.info("{} was changed by a DDL after its load finished; the target table stays as loaded", t.id());
            } else {
                if (changed) {
                    startOver(inst, t, route.target(), stored.get(), target, dumper.consistentPoint());
                    pendingIndexes.remove(t.id());
                    wholeFromHere = true;
                }
                createTable(inst, t.id(), route, t.createTableSql(), deferIndexes, target, pendingIndexes);
            }
            List<ChunkSpec> chunks = target.checkpoints().persistPlan(inst.sourceId(), t.id(), route.target(),
                    dumper.split(t, rowsPerChunk), digest);
            Set<Integer> finished = target.checkpoints().finishedChunks(inst.sourceId(), t.id());
            if (wholeFromHere && finished.size() < chunks.size()) {
                snapshotListener.wholeTableLoading(inst, t.id(), dumper.consistentPoint());
            }
            out.accept(new SourceTablePlan(inst.sourceId(), t.id(), route.target(),
                    t.dataColumns().stream().map(io.godwit.core.model.ColumnInfo::name).toList(),
                    route.extractColumns(), chunks, finished,
                    chunk -> snapshotRows(dumper, t, chunk),
                    progress.table(inst.sourceId(), t.id(), estimatedRows(dumper, t.id())),
                    Optional.ofNullable(pendingIndexes.get(t.id()))));
        }
    }

    /**
     * Creates the target table unless it exists. A table in {@code deferIndexes} is created without its
     * plain secondary indexes, recorded first in {@code pendingIndexes} (and the meta table) for the
     * build after its last chunk.
     */
    private static void createTable(MySqlInstance inst, TableId source, TableRouter.Route route, String createTableSql,
                                    Set<TableId> deferIndexes, TargetSide target,
                                    Map<TableId, DeferredIndexes.Pending> pendingIndexes) {
        Consumer<String> record = !deferIndexes.contains(source) ? null
                : alter -> pendingIndexes.put(source, target.indexes().record(inst.sourceId(), source, route.target(), alter));
        target.schemas().createTable(route.target(), createTableSql, List.copyOf(route.extractColumns().keySet()), record);
    }

    /**
     * The source tables whose target tables may get their plain secondary indexes after the rows
     * (the target builds an index far cheaper in one pass than row by row). Only a table fed by this
     * one source table: the task has one source, the table keeps its name (no route moves or merges
     * it, no extract columns) and no other table lands there; and no foreign key of the task's tables
     * references it (the child's constraint may need one of its indexes). Others load as before.
     */
    private Set<TableId> indexesDeferrable(Map<TableId, TableRouter.Route> routes, Map<TableId, String> definitions) {
        if (plan.instances().size() != 1) {
            return Set.of();
        }
        Map<TableId, Integer> feeders = new HashMap<>();
        routes.values().forEach(r -> feeders.merge(r.target(), 1, Integer::sum));
        Set<TableId> parents = new HashSet<>();
        definitions.forEach((id, sql) -> parents.addAll(DdlAdapter.referencedTables(sql, id.schema())));
        Set<TableId> out = new HashSet<>();
        routes.forEach((id, r) -> {
            if (r.target().equals(id) && r.extractColumns().isEmpty() && feeders.get(id) == 1 && !parents.contains(id)) {
                out.add(id);
            }
        });
        return out;
    }

    /**
     * A resumed load found {@code t} changed by a DDL since its load began: its loaded chunks hold rows
     * of the old definition and its remaining chunks would bring the new one. The table starts over from
     * this snapshot: the sync hears first (it then drops the table's earlier binlog changes, DDL included,
     * as this snapshot has them), then the target table is dropped, then its checkpoints; a kill between
     * any two steps repeats them on the next run.
     */
    private void startOver(MySqlInstance inst, TableInfo t, TableId targetTable, LoadCheckpoints.TableLoadState stored,
                           TargetSide target, BinlogLocation point) {
        if (target.checkpoints().othersLoadInto(targetTable, inst.sourceId(), t.id())) {
            throw new GodwitException(ErrorCode.LOAD_SCHEMA_FAILED, "source " + inst.sourceId() + " table " + t.id()
                    + " was changed by a DDL after its load began (" + stored.finished() + " of " + stored.chunks()
                    + " chunks loaded), and " + targetTable.quoted() + " merges other source tables too, so it cannot"
                    + " be reloaded alone; drop " + targetTable.quoted() + ", clear the task's load checkpoints of the"
                    + " tables merged into it and start the task again");
        }
        LOG.warn("{} was changed by a DDL after its load began ({} of {} chunks loaded): reloading it whole from the"
                + " snapshot at {}", t.id(), stored.finished(), stored.chunks(), point);
        snapshotListener.wholeTableLoading(inst, t.id(), point);
        target.schemas().dropTable(targetTable);
        target.indexes().forget(inst.sourceId(), t.id());
        target.checkpoints().forget(inst.sourceId(), t.id());
    }

    /** A chunk's rows read from the snapshot, as bytes for the importer (no String per row). */
    private static RowSource snapshotRows(SnapshotDumper dumper, TableInfo t, ChunkSpec chunk) {
        return new DelimitedRowSource() {
            @Override public List<DelimitedColumn> delimitedColumns() {
                return dumper.delimitedColumns(t);
            }

            @Override public void forEachDelimited(RowBytesSink sink) {
                dumper.streamChunkDelimited(t, chunk, sink);
            }

            @Override public void forEach(RowSink sink) {
                dumper.streamChunk(t, chunk, sink);
            }

            @Override public void forEachBytes(RowBytesSink sink) {
                dumper.streamChunkBytes(t, chunk, sink);
            }
        };
    }

    private MigrationSummary dumpToFiles() {
        List<String> points = new ArrayList<>();
        for (MySqlInstance inst : plan.instances()) {
            Path dir = dumpDirectory(inst);
            try (SnapshotDumper d = openSnapshot(inst)) {
                MDC.put("source", inst.sourceId());
                MDC.put("unit", "dump");
                TableFilterChain chain = new TableFilterChain(blockAllowList(inst), router(inst));
                DumpFileWriter.Summary s = new DumpFileWriter(dir).dumpAll(d,
                        id -> chain.resolve(id, inst.sourceId()).isPresent(), rowsPerChunk(plan.mydumper(inst)));
                progress.table(inst.sourceId(), TableId.of("*", "*"), s.rows()).addRows(s.rows(), s.bytes());
                points.add(inst.sourceId() + " " + s.point() + " -> " + dir);
            } finally {
                MDC.remove("source");
                MDC.remove("unit");
            }
        }
        return summary(points);
    }

    private MigrationSummary loadFromFiles() {
        try (TargetSide target = TargetSide.open(task, maxPoolSize())) {
            List<SourceTablePlan> tables = new ArrayList<>();
            List<String> points = new ArrayList<>();
            for (MySqlInstance inst : plan.instances()) {
                Path dir = dumpDirectory(inst);
                if (!Files.isDirectory(dir)) {
                    throw new GodwitException(ErrorCode.DUMP_FILES, "mysql-instances " + inst.sourceId()
                            + ": dump directory " + dir.toAbsolutePath() + " does not exist (loaders.dir)");
                }
                DumpDirectory files = DumpDirectory.open(dir);
                files.consistentPoint().ifPresent(p -> points.add(inst.sourceId() + " " + p));
                TableFilterChain chain = new TableFilterChain(blockAllowList(inst), router(inst));
                Map<String, String> createDb = new LinkedHashMap<>();
                files.schemas().forEach(s -> createDb.put(s.name(), s.createDatabaseSql()));
                Map<TableId, TableRouter.Route> routes = new LinkedHashMap<>();
                Map<TableId, String> definitions = new LinkedHashMap<>();
                for (DumpTable t : files.tables()) {
                    chain.resolve(t.id(), inst.sourceId()).ifPresent(r -> routes.put(t.id(), r));
                    definitions.put(t.id(), t.createTableSql());
                }
                Set<TableId> deferIndexes = indexesDeferrable(routes, definitions);
                Map<TableId, DeferredIndexes.Pending> pendingIndexes = target.indexes().pending(inst.sourceId());
                for (DumpTable t : files.tables()) {
                    TableRouter.Route route = routes.get(t.id());
                    if (route == null) {
                        continue;
                    }
                    target.schemas().createDatabase(route.target().schema(), createDb.get(t.id().schema()));
                    createTable(inst, t.id(), route, t.createTableSql(), deferIndexes, target, pendingIndexes);
                    List<ChunkSpec> chunks = target.checkpoints().persistPlan(inst.sourceId(), t.id(), route.target(), t.chunks());
                    Map<Integer, io.godwit.loader.DumpDataFile> byIndex = new LinkedHashMap<>();
                    t.dataFiles().forEach(f -> byIndex.put(f.chunk().index(), f));
                    tables.add(new SourceTablePlan(inst.sourceId(), t.id(), route.target(), t.dataColumns(),
                            route.extractColumns(), chunks, target.checkpoints().finishedChunks(inst.sourceId(), t.id()),
                            chunk -> byIndex.get(chunk.index()), progress.table(inst.sourceId(), t.id(), 0),
                            Optional.ofNullable(pendingIndexes.get(t.id()))));
                }
            }
            return load(target, submit -> tables.forEach(submit), points);
        }
    }

    /** Plans tables and hands each to the loader as soon as it is ready. */
    @FunctionalInterface
    private interface TablePlanner {
        void planInto(Consumer<SourceTablePlan> submit);
    }

    private MigrationSummary load(TargetSide target, TablePlanner planner, List<String> points) {
        ChunkImporter importer = new ChunkImporter(target.pool(), target.checkpoints(),
                ImportOptions.defaults(onDuplicate()).withLocalInfile(
                        ChunkImporter.localInfileUsable(target.pool(), target.schemas().dialect())),
                new LoadProgress());
        try (ChunkScheduler scheduler = new ChunkScheduler(task.name(), loadThreads(), importer, target.indexes())) {
            try (ProgressTicker ticker = new ProgressTicker(progress, progressOut, progressInterval)) {
                int[] planned = new int[3];
                planner.planInto(t -> {
                    scheduler.submitTable(t);
                    planned[0]++;
                    planned[1] += t.chunks().size() - t.finished().size();
                    planned[2] += t.deferredIndexes().isPresent() ? 1 : 0;
                });
                LOG.info("{} tables planned, {} chunks to load, secondary indexes of {} table(s) to build after their rows",
                        planned[0], planned[1], planned[2]);
                scheduler.awaitAll();
                ticker.finalReport();
            }
        }
        return summary(points);
    }

    private MigrationSummary summary(List<String> points) {
        MigrationSummary s = new MigrationSummary(task.name(), task.taskMode(), progress.tables().size(),
                progress.rows(), progress.bytes(), progress.elapsed(), points);
        progressOut.accept(s.lines());
        return s;
    }

    private SourceConfig source(MySqlInstance inst) {
        SourceConfig s = sources.get(inst.sourceId());
        if (s == null) {
            throw new GodwitException(ErrorCode.CONFIG_INVALID, "mysql-instances: source-id \"" + inst.sourceId()
                    + "\" has no source file (give it with --source)");
        }
        return s;
    }

    private BlockAllowList blockAllowList(MySqlInstance inst) {
        return new BlockAllowList(plan.blockAllowList(inst), task.caseSensitive(), task.metaSchema());
    }

    private TableRouter router(MySqlInstance inst) {
        return new TableRouter(plan.routes(inst), task.caseSensitive());
    }

    private static long rowsPerChunk(MydumperConfig dump) {
        return dump.rows() > 0 ? dump.rows() : DEFAULT_ROWS_PER_CHUNK;
    }

    private static long estimatedRows(SnapshotDumper d, TableId id) {
        return d.progress().stream().filter(p -> p.table().equals(id)).mapToLong(io.godwit.dumper.TableProgress::estimatedRows)
                .findFirst().orElse(0);
    }

    /** The chunks in flight: one per load thread; each also holds one snapshot connection while streaming. */
    private int loadThreads() {
        int n = 0;
        for (MySqlInstance inst : plan.instances()) {
            int threads = task.taskMode() == TaskMode.LOAD ? plan.loader(inst).poolSize()
                    : Math.min(plan.loader(inst).poolSize(), plan.mydumper(inst).threads());
            n += threads;
        }
        return Math.max(1, n);
    }

    private int maxPoolSize() {
        return loadThreads() + 2;
    }

    private OnDuplicate onDuplicate() {
        return plan.loader(plan.instances().get(0)).onDuplicateLogical();
    }

    /** DM's layout: {@code loaders.dir}; with several sources each gets its own sub-directory. */
    private Path dumpDirectory(MySqlInstance inst) {
        Path dir = Path.of(plan.loader(inst).dir());
        return plan.instances().size() > 1 ? dir.resolve(inst.sourceId()) : dir;
    }

    /** The target's pool, schema creator, load checkpoints and deferred-index records for one run. */
    record TargetSide(HikariDataSource pool, TargetSchemaCreator schemas, LoadCheckpoints checkpoints,
                      DeferredIndexes indexes) implements AutoCloseable {
        static TargetSide open(TaskConfig task, int poolSize) {
            HikariDataSource pool = Databases.pool(task.name() + "-target-load", task.targetDatabase(), Endpoint.TARGET,
                    poolSize, Databases.PoolFeature.LOCAL_INFILE);
            try {
                LoadCheckpoints checkpoints = new LoadCheckpoints(pool, task.metaSchema(), task.name());
                checkpoints.ensureTables();
                DeferredIndexes indexes = new DeferredIndexes(pool, task.metaSchema(), task.name());
                indexes.ensureTable();
                return new TargetSide(pool, new TargetSchemaCreator(pool), checkpoints, indexes);
            } catch (RuntimeException e) {
                pool.close();
                throw e;
            }
        }

        @Override public void close() { pool.close(); }
    }
}
