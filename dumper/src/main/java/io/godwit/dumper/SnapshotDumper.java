package io.godwit.dumper;

import com.zaxxer.hikari.HikariDataSource;
import io.godwit.core.db.Databases;
import io.godwit.core.db.Endpoint;
import io.godwit.core.db.ServerFlavor;
import io.godwit.core.db.SqlErrorClassifier;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.ChunkSpec;
import io.godwit.core.model.DelimitedColumn;
import io.godwit.core.model.RowBytesSink;
import io.godwit.core.model.RowNotDelimitableException;
import io.godwit.core.model.RowSink;
import io.godwit.core.model.TableId;
import io.godwit.core.model.TableInfo;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consistent snapshot of one source, read by {@code threads} connections that all see the same
 * data, and the binlog point it corresponds to. Lists tables, splits them into chunks and streams
 * a chunk's rows as exact SQL literals; {@link #streamChunk} may run on up to {@code threads}
 * threads at once (more calls wait for a free connection).
 *
 * <pre>{@code
 * try (SnapshotDumper d = SnapshotDumper.open(DumpOptions.of(source, "orders-src1-dump", 4, Consistency.AUTO))) {
 *     BinlogLocation from = d.consistentPoint();
 *     for (TableInfo t : d.tables(id -> true)) {
 *         for (ChunkSpec c : d.split(t, 200_000)) {
 *             d.streamChunk(t, c, row -> ...);
 *         }
 *     }
 * }
 * }</pre>
 */
public final class SnapshotDumper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotDumper.class);

    private final DumpOptions options;
    private final String where;
    private final HikariDataSource pool;
    private final List<Connection> workers;
    private final BlockingQueue<Connection> idle;
    private final ServerFlavor flavor;
    private final BinlogLocation point;
    private final Consistency used;
    private final Connection lockHolder;
    /** Every table in scope as defined at the consistent point, read once in {@link #open}. */
    private final List<CatalogReader.Listed> definitions;
    private final Map<TableId, Counters> progress = new ConcurrentHashMap<>();
    private final Map<TableId, String> keyIndex = new ConcurrentHashMap<>();
    private final Map<TableInfo, RowRenderer> renderers = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private static final class Counters {
        volatile long estimatedRows;
        final LongAdder rows = new LongAdder();
        final LongAdder bytes = new LongAdder();
    }

    private SnapshotDumper(DumpOptions options, String where, HikariDataSource pool, List<Connection> workers,
                           ServerFlavor flavor, DefinitionsAtPoint.Result established) {
        ConsistentSnapshot.Result snapshot = established.snapshot();
        this.options = options;
        this.where = where;
        this.pool = pool;
        this.workers = List.copyOf(workers);
        this.idle = new ArrayBlockingQueue<>(workers.size(), false, workers);
        this.flavor = flavor;
        this.point = snapshot.point();
        this.used = snapshot.used();
        this.lockHolder = snapshot.lockHolder();
        this.definitions = List.copyOf(established.tables());
    }

    /**
     * Connects {@code threads} snapshot connections (plus one for FLUSH/LOCK when the mode needs
     * it), establishes the consistent snapshot and reads the definitions of the tables in scope as
     * they were at its point, opening the snapshot again while DDL races with it.
     *
     * @throws GodwitException SOURCE_UNREACHABLE / SOURCE_ACCESS_DENIED / SOURCE_PRIVILEGE naming
     *                         host:port, DUMP_CONSISTENCY when the mode cannot be honoured or the
     *                         definitions kept changing
     */
    public static SnapshotDumper open(DumpOptions options) {
        String where = "source " + options.source().address();
        HikariDataSource pool = Databases.pool(options.poolName(), options.source(), Endpoint.SOURCE,
                options.threads() + 1);
        List<Connection> workers = new ArrayList<>();
        try {
            for (int i = 0; i < options.threads(); i++) {
                workers.add(session(pool.getConnection()));
            }
            ServerFlavor flavor = detectFlavor(workers.get(0));
            ConsistentSnapshot snapshots = new ConsistentSnapshot(workers, () -> session(pool.getConnection()),
                    flavor, where);
            DefinitionsAtPoint.Result established = new DefinitionsAtPoint(snapshots, workers.get(0), options::covers,
                    where).establish(options.consistency(),
                    () -> List.copyOf(new CatalogReader(workers.get(0)).estimatedRows(options::covers).keySet()));
            ConsistentSnapshot.Result snapshot = established.snapshot();
            LOG.info("{}: {} snapshot connections at {} (consistency {}, {}), {} tables in scope", where,
                    workers.size(), snapshot.point(), snapshot.used().name().toLowerCase(Locale.ROOT), flavor,
                    established.tables().size());
            return new SnapshotDumper(options, where, pool, workers, flavor, established);
        } catch (SQLException e) {
            closeQuietly(workers, pool);
            throw SqlErrorClassifier.wrap(e, Endpoint.SOURCE, where);
        } catch (RuntimeException e) {
            closeQuietly(workers, pool);
            throw e;
        }
    }

    /** The binlog position and GTID set every snapshot connection reads at. */
    public BinlogLocation consistentPoint() { return point; }

    /** The source's kind, from {@code SELECT VERSION()}. */
    public ServerFlavor flavor() { return flavor; }

    /**
     * How the snapshot was really made: {@code auto} only for MariaDB's lock-free way, else the
     * mode {@code auto} resolved to ({@code flush}, or {@code snapshot} on TiDB).
     */
    public Consistency consistency() { return used; }

    public int threads() { return workers.size(); }

    /**
     * Base tables in scope and accepted by {@code include}, defined as they were at the consistent
     * point, with their chunk keys, by name. Views are skipped. Also sets the tables' row estimates
     * for {@link #progress()}.
     */
    public List<TableInfo> tables(Predicate<TableId> include) {
        requireOpen();
        List<TableInfo> out = new ArrayList<>();
        for (CatalogReader.Listed l : definitions) {
            TableId id = l.info().id();
            if (!include.test(id)) {
                continue;
            }
            counters(id).estimatedRows = l.estimatedRows();
            if (l.keyIndex() != null) {
                keyIndex.put(id, l.keyIndex());
            }
            out.add(l.info());
        }
        return out;
    }

    /** {@code SHOW CREATE DATABASE} of a schema, for {@code {db}-schema-create.sql}. */
    public String createDatabaseSql(String schema) {
        return withConnection("reading schema " + schema, c -> new CatalogReader(c).showCreateDatabase(schema));
    }

    /** Chunks of about {@code rowsPerChunk} rows covering every row of {@code t} exactly once. */
    public List<ChunkSpec> split(TableInfo t, long rowsPerChunk) {
        return splitPlan(t, rowsPerChunk).chunks();
    }

    ChunkSplitter.Plan splitPlan(TableInfo t, long rowsPerChunk) {
        return withConnection("splitting " + t.id(), c -> {
            ChunkSplitter.Plan plan = new ChunkSplitter(c).split(t, renderer(t), indexHint(c, t),
                    counters(t.id()).estimatedRows, rowsPerChunk);
            LOG.debug("{}: {} chunks by {}", t.id(), plan.chunks().size(), plan.method());
            return plan;
        });
    }

    /**
     * Streams the rows of chunk {@code c} to {@code sink}, one call per row, on one snapshot
     * connection; the result is streamed from the server, never held whole.
     *
     * @return rows streamed
     * @throws RuntimeException what the sink threw, unchanged if unchecked; a checked one wrapped
     *                          in DUMP_FAILED
     */
    public long streamChunk(TableInfo t, ChunkSpec c, RowSink sink) {
        return streamChunkBytes(t, c, (buf, off, len) -> sink.accept(new String(buf, off, len, StandardCharsets.UTF_8)));
    }

    /**
     * {@link #streamChunk} with each row handed over as the UTF-8 bytes of its literals, rendered
     * straight from the bytes the server sent into a buffer reused for the next row.
     */
    public long streamChunkBytes(TableInfo t, ChunkSpec c, RowBytesSink sink) {
        return streamRows(t, c, sink, RowRenderer::appendRow);
    }

    /**
     * The data columns of {@code t} as {@code LOAD DATA} fields, in the order
     * {@link #streamChunkDelimited} writes them; empty when the table has no data column.
     */
    public List<DelimitedColumn> delimitedColumns(TableInfo t) {
        return renderer(t).delimitedColumns();
    }

    /**
     * {@link #streamChunkBytes} with each row as one {@code LOAD DATA} line (newline included),
     * fields encoded as {@link #delimitedColumns} says.
     *
     * @throws RowNotDelimitableException a row the text form cannot carry exactly; the caller
     *                                    reads the chunk again with {@link #streamChunkBytes}
     */
    public long streamChunkDelimited(TableInfo t, ChunkSpec c, RowBytesSink sink) {
        return streamRows(t, c, sink, RowRenderer::appendDelimitedRow);
    }

    /** How one result row is written into the reused buffer. */
    @FunctionalInterface
    private interface RowFormat {
        void append(RowRenderer renderer, ResultSet rs, SqlBuffer out) throws SQLException;
    }

    private long streamRows(TableInfo t, ChunkSpec c, RowBytesSink sink, RowFormat format) {
        RowRenderer renderer = renderer(t);
        Counters counters = counters(t.id());
        return withConnection("dumping " + c.name(), conn -> {
            String sql = DumpStatements.chunkRows(t.id(), renderer.selectList(),
                    c.count() > 1 ? indexHint(conn, t) : "", c.predicate(), keyOrder(renderer));
            SqlBuffer row = new SqlBuffer(1024);
            long rows = 0;
            long bytes = 0;
            try (Statement s = conn.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                s.setFetchSize(Integer.MIN_VALUE); // Connector/J: stream row by row
                try (ResultSet rs = s.executeQuery(sql)) {
                    while (rs.next()) {
                        row.clear();
                        format.append(renderer, rs, row);
                        try {
                            sink.accept(row.array(), 0, row.length());
                        } catch (RuntimeException e) {
                            throw e;
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new GodwitException(ErrorCode.INTERRUPTED, "dumping " + c.name() + " was interrupted", e);
                        } catch (Exception e) {
                            throw new GodwitException(ErrorCode.DUMP_FAILED, "writing rows of " + c.name() + " failed", e);
                        }
                        rows++;
                        bytes += row.length();
                        if ((rows & 1023) == 0) {
                            counters.rows.add(1024);
                            counters.bytes.add(bytes);
                            bytes = 0;
                        }
                    }
                }
            } finally {
                counters.rows.add(rows & 1023);
                counters.bytes.add(bytes);
            }
            return rows;
        });
    }

    /** Per-table counters of the tables listed or streamed so far, by table name. */
    public List<TableProgress> progress() {
        return progress.entrySet().stream()
                .map(e -> new TableProgress(e.getKey(), e.getValue().estimatedRows, e.getValue().rows.sum(),
                        e.getValue().bytes.sum()))
                .sorted(Comparator.comparing(TableProgress::table))
                .toList();
    }

    /** Ends the snapshot transactions, releases LOCK TABLES and closes every connection. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Connection> all = new ArrayList<>(workers);
        for (Connection c : workers) {
            try (Statement s = c.createStatement()) {
                s.execute(DumpStatements.ROLLBACK);
            } catch (SQLException e) {
                LOG.debug("{}: rollback on close failed: {}", where, e.getMessage());
            }
        }
        if (lockHolder != null) {
            try (Statement s = lockHolder.createStatement()) {
                s.execute(DumpStatements.UNLOCK_TABLES);
            } catch (SQLException e) {
                LOG.warn("{}: UNLOCK TABLES failed, closing the connection releases the locks: {}", where, e.getMessage());
            }
            all.add(lockHolder);
        }
        closeQuietly(all, pool);
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} on a free snapshot connection, classifying SQL errors. */
    private <T> T withConnection(String what, SqlWork<T> work) {
        requireOpen();
        Connection c;
        try {
            c = idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GodwitException(ErrorCode.INTERRUPTED, what + " was interrupted", e);
        }
        try {
            return work.run(c);
        } catch (SQLException e) {
            GodwitException g = SqlErrorClassifier.wrap(e, Endpoint.SOURCE, where + " " + what);
            throw g.code() == ErrorCode.SOURCE_QUERY_FAILED ? new GodwitException(ErrorCode.DUMP_FAILED, g.getMessage(), e) : g;
        } finally {
            idle.add(c);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new GodwitException(ErrorCode.INTERNAL, "the dumper of " + where + " is closed");
        }
    }

    private Counters counters(TableId id) {
        return progress.computeIfAbsent(id, k -> new Counters());
    }

    private RowRenderer renderer(TableInfo t) {
        return renderers.computeIfAbsent(t, RowRenderer::of);
    }

    private static String keyOrder(RowRenderer r) {
        return String.join(",", r.keyCodecs().stream().map(k -> k.column().quotedName()).toList());
    }

    /** FORCE INDEX for the chunk key on MySQL/MariaDB; TiDB plans key ranges well and names keys differently. */
    private String indexHint(Connection c, TableInfo t) throws SQLException {
        if (t.chunkKey().isEmpty() || flavor == ServerFlavor.TIDB) {
            return "";
        }
        String index = keyIndex.get(t.id());
        if (index == null) {
            index = new CatalogReader(c).indexOf(t.id(), t.chunkKey());
            if (index != null) {
                keyIndex.put(t.id(), index);
            }
        }
        return DumpStatements.forceIndex(index);
    }

    private static Connection session(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : DumpStatements.SESSION) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private static ServerFlavor detectFlavor(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(DumpStatements.VERSION)) {
            rs.next();
            return ServerFlavor.fromVersion(rs.getString(1));
        }
    }

    private static void closeQuietly(List<Connection> connections, HikariDataSource pool) {
        for (Connection c : connections) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debug("closing a dump connection failed: {}", e.getMessage());
            }
        }
        pool.close();
    }
}
