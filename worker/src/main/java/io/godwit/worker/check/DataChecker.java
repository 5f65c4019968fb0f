package io.godwit.worker.check;

import io.godwit.core.db.Endpoint;
import io.godwit.core.db.SqlErrorClassifier;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.TableId;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

/**
 * Compares migrated tables by chunked checksums, as sync-diff-inspector does: the target table is
 * split into key ranges; for each range the target's digest must equal the combined digest of the
 * same range over every source shard merged into it. Only reads; safe to run at any time.
 */
public final class DataChecker {
    private final Map<String, DataSource> sources;
    private final DataSource target;
    private final ChunkPlanner planner;
    private final long rowsPerChunk;
    private final int threads;

    public DataChecker(Map<String, DataSource> sources, DataSource target, ChunkPlanner planner,
                       long rowsPerChunk, int threads) {
        this.sources = Map.copyOf(sources);
        this.target = target;
        this.planner = planner;
        this.rowsPerChunk = rowsPerChunk;
        this.threads = threads;
    }

    public List<TableCheckResult> check(List<CheckPair> pairs) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "check-data");
            t.setDaemon(true);
            return t;
        });
        try {
            List<TableCheckResult> results = new ArrayList<>();
            for (CheckPair pair : pairs) {
                results.add(checkTable(pair, pool));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private TableCheckResult checkTable(CheckPair pair, ExecutorService pool) {
        List<String> columns;
        List<String> predicates;
        try (Connection c = target.getConnection()) {
            columns = CheckStatements.comparedColumns(c, pair.target(), pair.extraColumns());
            if (columns == null) {
                long sourceRows = 0;
                for (ShardSource s : pair.shards()) {
                    sourceRows += digest(sources.get(s.sourceId()), s.table(), List.of(), "1=1", Endpoint.SOURCE, true).count();
                }
                return new TableCheckResult(pair.target(), sourceRows, 0, 0, List.of(), "target table is missing");
            }
            predicates = planner.predicates(pair.target(), rowsPerChunk);
        } catch (SQLException e) {
            throw SqlErrorClassifier.wrap(e, Endpoint.TARGET, "check-data planning " + pair.target());
        }
        List<Future<ChunkOutcome>> futures = new ArrayList<>();
        for (int i = 0; i < predicates.size(); i++) {
            int index = i;
            String predicate = predicates.get(i);
            futures.add(pool.submit(() -> compareChunk(pair, columns, index, predicate)));
        }
        long sourceRows = 0;
        long targetRows = 0;
        List<TableCheckResult.ChunkDifference> diffs = new ArrayList<>();
        for (Future<ChunkOutcome> f : futures) {
            ChunkOutcome o = await(f);
            sourceRows += o.source.count();
            targetRows += o.target.count();
            if (!o.source.sameAs(o.target)) {
                diffs.add(new TableCheckResult.ChunkDifference(o.index, o.predicate, o.source.count(), o.target.count()));
            }
        }
        return new TableCheckResult(pair.target(), sourceRows, targetRows, predicates.size(), diffs, null);
    }

    private record ChunkOutcome(int index, String predicate, ChunkChecksum source, ChunkChecksum target) {}

    private ChunkOutcome compareChunk(CheckPair pair, List<String> columns, int index, String predicate) {
        ChunkChecksum targetDigest = digest(target, pair.target(), columns, predicate, Endpoint.TARGET, false);
        ChunkChecksum sourceDigest = ChunkChecksum.EMPTY;
        for (ShardSource s : pair.shards()) {
            DataSource ds = sources.get(s.sourceId());
            if (ds == null) {
                throw new GodwitException(ErrorCode.CHECK_FAILED, "no connection for source " + s.sourceId());
            }
            sourceDigest = sourceDigest.plus(digest(ds, s.table(), columns, predicate, Endpoint.SOURCE, false));
        }
        return new ChunkOutcome(index, predicate, sourceDigest, targetDigest);
    }

    private static ChunkChecksum digest(DataSource ds, TableId table, List<String> columns, String predicate,
                                        Endpoint endpoint, boolean countOnly) {
        String sql = countOnly ? "SELECT COUNT(*), 0, 0 FROM " + table.quoted()
                : CheckStatements.digestQuery(table, columns, predicate);
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            BigDecimal sum = rs.getBigDecimal(2);
            return new ChunkChecksum(rs.getLong(1), sum == null ? BigDecimal.ZERO : sum, rs.getLong(3));
        } catch (SQLException e) {
            throw SqlErrorClassifier.wrap(e, endpoint, "check-data " + table + " where " + predicate);
        }
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GodwitException(ErrorCode.INTERRUPTED, "check-data interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GodwitException g) {
                throw g;
            }
            throw new GodwitException(ErrorCode.CHECK_FAILED, String.valueOf(e.getCause()), e.getCause());
        }
    }
}
