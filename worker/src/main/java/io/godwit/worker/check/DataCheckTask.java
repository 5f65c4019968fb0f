package io.godwit.worker.check;

import com.zaxxer.hikari.HikariDataSource;
import io.godwit.core.config.MySqlInstance;
import io.godwit.core.config.SourceConfig;
import io.godwit.core.config.TaskConfig;
import io.godwit.core.config.TaskPlan;
import io.godwit.core.db.Databases;
import io.godwit.core.db.Endpoint;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.TableId;
import io.godwit.dumper.Consistency;
import io.godwit.dumper.DumpOptions;
import io.godwit.dumper.SnapshotDumper;
import io.godwit.filters.BlockAllowList;
import io.godwit.filters.TableFilterChain;
import io.godwit.filters.TableRouter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * `godwit check-data` for one task: which source tables the task migrates and where (the same
 * block-allow-list and routes as the migration), grouped by target table, then compared by
 * {@link DataChecker}. Chunks are planned on the target with the dumper's splitter.
 */
public final class DataCheckTask {
    private static final long ROWS_PER_CHUNK = 100_000;
    private final TaskConfig task;
    private final Map<String, SourceConfig> sources;
    private final int threads;

    public DataCheckTask(TaskConfig task, Map<String, SourceConfig> sources, int threads) {
        this.task = task;
        this.sources = Map.copyOf(sources);
        this.threads = threads;
    }

    public List<TableCheckResult> run() {
        TaskPlan plan = new TaskPlan(task);
        Map<String, HikariDataSource> pools = new LinkedHashMap<>();
        try (HikariDataSource target = Databases.pool(task.name() + "-target-check", task.targetDatabase(), Endpoint.TARGET, threads + 1)) {
            Map<TableId, List<ShardSource>> shards = new TreeMap<>();
            Map<TableId, Set<String>> extras = new TreeMap<>();
            for (MySqlInstance inst : plan.instances()) {
                SourceConfig source = sources.get(inst.sourceId());
                if (source == null) {
                    throw new GodwitException(ErrorCode.CONFIG_INVALID, "mysql-instances: source-id \"" + inst.sourceId()
                            + "\" has no source file (give it with --source)");
                }
                HikariDataSource pool = Databases.pool(task.name() + "-" + inst.sourceId() + "-check", source.from(),
                        Endpoint.SOURCE, threads + 1);
                pools.put(inst.sourceId(), pool);
                TableFilterChain chain = new TableFilterChain(
                        new BlockAllowList(plan.blockAllowList(inst), task.caseSensitive(), task.metaSchema()),
                        new TableRouter(plan.routes(inst), task.caseSensitive()));
                for (TableId t : baseTables(pool, inst.sourceId())) {
                    chain.resolve(t, inst.sourceId()).ifPresent(route -> {
                        shards.computeIfAbsent(route.target(), k -> new ArrayList<>()).add(new ShardSource(inst.sourceId(), t));
                        extras.computeIfAbsent(route.target(), k -> new LinkedHashSet<>()).addAll(route.extractColumns().keySet());
                    });
                }
            }
            List<CheckPair> pairs = new ArrayList<>();
            shards.forEach((t, s) -> pairs.add(new CheckPair(t, s, extras.get(t))));
            Map<String, DataSource> byId = new LinkedHashMap<>(pools);
            return new DataChecker(byId, target, planner(), ROWS_PER_CHUNK, threads).check(pairs);
        } finally {
            pools.values().forEach(HikariDataSource::close);
        }
    }

    /** Key-range chunks of a target table, from the dumper's splitter over a plain (non-snapshot) read. */
    private ChunkPlanner planner() {
        return (table, rows) -> {
            try (SnapshotDumper d = SnapshotDumper.open(new DumpOptions(task.targetDatabase(),
                    task.name() + "-target-split", 1, Consistency.NONE, table::equals))) {
                return d.tables(table::equals).stream().findFirst()
                        .map(info -> d.split(info, rows).stream().map(io.godwit.core.model.ChunkSpec::predicate).toList())
                        .orElse(List.of("1=1"));
            }
        };
    }

    private static List<TableId> baseTables(DataSource ds, String sourceId) {
        String sql = "SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES WHERE TABLE_TYPE = 'BASE TABLE'"
                + " ORDER BY TABLE_SCHEMA, TABLE_NAME";
        List<TableId> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(TableId.of(rs.getString(1), rs.getString(2)));
            }
            return out;
        } catch (SQLException e) {
            throw io.godwit.core.db.SqlErrorClassifier.wrap(e, Endpoint.SOURCE, "listing tables of " + sourceId);
        }
    }
}
