package io.godwit.dumper;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.ChunkSpec;
import io.godwit.core.model.TableInfo;
import java.math.BigInteger;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Splits a table into chunks by chunk-key ranges, each about {@code rowsPerChunk} rows.
 *
 * <pre>
 * Assumptions
 *  - It runs on a connection inside the dump's consistent snapshot: rows do not change between
 *    reading the bounds and streaming the chunks.
 *  - The chunk key is the primary key or a unique key whose columns are all NOT NULL (chosen so by
 *    CatalogReader): every row has exactly one key value and the key's BTREE index returns rows in
 *    key order without a sort.
 *  - Bounds are literals compared in the key column's own collation, so a predicate selects exactly
 *    the rows that ORDER BY key put between two bounds. ENUM, SET and BIT keys are bounded by
 *    number, the order they sort in.
 *  - information_schema.TABLE_ROWS is an estimate (InnoDB samples, and may be stale): it only picks
 *    the method, never where a row goes.
 *
 * Steps
 *  1. No chunk key: one chunk, 1=1.
 *  2. A single integer key: read MIN and MAX (two index dives). A span of at most rowsPerChunk
 *     values is one chunk.
 *  3. If the estimated density (rows / span) is at least 1/4: ranges of equal width
 *     rowsPerChunk / density (rowsPerChunk when the density is above 0.9). A range of w unique
 *     integers holds at most w rows, so even a skewed table gets no chunk above 4 x rowsPerChunk,
 *     and a uniform one gets about rowsPerChunk.
 *  4. Otherwise (any other key type, composite keys, and sparse integer keys, whose equal-width ranges
 *     could put most rows in one chunk): walk the key's index. The next chunk starts at the key
 *     rowsPerChunk rows after the current start (WHERE key >= start ORDER BY key LIMIT 1 OFFSET n),
 *     until there is no such row. The walk is one index scan in total; chunks hold exactly
 *     rowsPerChunk rows, the last fewer.
 *  5. Predicates from the starts: the first chunk open below, the last open above, each other one
 *     [start, next start). Together they cover every key exactly once.
 * </pre>
 */
final class ChunkSplitter {
    /** Below this estimated density an integer key is walked instead of cut into equal widths. */
    private static final int MAX_SPARSENESS = 4;

    private final Connection conn;
    private final CharsetDecoder utf8 = SqlLiterals.strictUtf8();

    ChunkSplitter(Connection snapshotConnection) {
        this.conn = snapshotConnection;
    }

    /** How the chunks were found, for tests and logs. */
    enum Method { SINGLE, EQUAL_WIDTH, INDEX_WALK }

    record Plan(Method method, List<ChunkSpec> chunks) {}

    Plan split(TableInfo t, RowRenderer renderer, String indexHint, long estimatedRows, long rowsPerChunk)
            throws SQLException {
        if (rowsPerChunk < 1) {
            throw new IllegalArgumentException("rowsPerChunk must be positive, got " + rowsPerChunk);
        }
        if (t.chunkKey().isEmpty()) {
            return plan(t, Method.SINGLE, List.of(ChunkPredicates.ALL));
        }
        List<ColumnCodec> key = renderer.keyCodecs();
        List<String> columns = key.stream().map(k -> k.column().quotedName()).toList();
        if (key.size() == 1 && key.get(0).isInteger()) {
            Plan p = equalWidths(t, columns.get(0), estimatedRows, rowsPerChunk);
            if (p != null) {
                return p;
            }
        }
        List<String> predicates = ChunkPredicates.between(columns, walk(t, renderer, columns, indexHint, rowsPerChunk));
        return plan(t, predicates.size() == 1 ? Method.SINGLE : Method.INDEX_WALK, predicates);
    }

    /** Steps 2 and 3; null when the key is too sparse for equal widths. */
    private Plan equalWidths(TableInfo t, String column, long estimatedRows, long rowsPerChunk) throws SQLException {
        BigInteger min;
        BigInteger max;
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(DumpStatements.minMax(t.id(), column))) {
            rs.next();
            byte[] lo = rs.getBytes(1);
            byte[] hi = rs.getBytes(2);
            if (lo == null || hi == null) {
                return plan(t, Method.SINGLE, List.of(ChunkPredicates.ALL)); // empty table
            }
            min = new BigInteger(new String(lo, StandardCharsets.US_ASCII));
            max = new BigInteger(new String(hi, StandardCharsets.US_ASCII));
        }
        BigInteger span = max.subtract(min).add(BigInteger.ONE);
        BigInteger perChunk = BigInteger.valueOf(rowsPerChunk);
        if (span.compareTo(perChunk) <= 0) {
            return plan(t, Method.SINGLE, List.of(ChunkPredicates.ALL));
        }
        BigInteger estimated = BigInteger.valueOf(Math.max(estimatedRows, 0));
        if (estimated.multiply(BigInteger.valueOf(MAX_SPARSENESS)).compareTo(span) < 0) {
            return null;
        }
        // width = rowsPerChunk / min(density, 1), rounded up; an estimate within 10% of the span is
        // taken for a dense key (InnoDB's estimates are that rough), which gives round bounds
        boolean dense = estimated.multiply(BigInteger.TEN).compareTo(span.multiply(BigInteger.valueOf(9))) >= 0;
        BigInteger width = dense ? perChunk
                : perChunk.multiply(span).add(estimated).subtract(BigInteger.ONE).divide(estimated);
        List<List<String>> starts = new ArrayList<>();
        for (BigInteger s = min.add(width); s.compareTo(max) <= 0; s = s.add(width)) {
            starts.add(List.of(s.toString()));
        }
        return plan(t, Method.EQUAL_WIDTH, ChunkPredicates.between(List.of(column), starts));
    }

    /** Step 4: the first key of every chunk after the first. */
    private List<List<String>> walk(TableInfo t, RowRenderer renderer, List<String> columns, String indexHint,
                                    long rowsPerChunk) throws SQLException {
        String keySelect = renderer.keySelectList();
        String orderBy = String.join(",", columns);
        List<List<String>> starts = new ArrayList<>();
        List<String> start = null;
        try (Statement s = conn.createStatement()) {
            while (true) {
                String lower = start == null ? null : ChunkPredicates.atLeast(columns, start);
                String sql = DumpStatements.boundary(t.id(), indexHint, keySelect, orderBy, lower, rowsPerChunk);
                List<String> next;
                try (ResultSet rs = s.executeQuery(sql)) {
                    if (!rs.next()) {
                        return starts;
                    }
                    next = renderer.keyLiterals(rs, utf8);
                }
                if (next.equals(start)) {
                    throw new GodwitException(ErrorCode.DUMP_FAILED, "chunk key (" + String.join(",", t.chunkKey())
                            + ") of " + t.id() + " does not advance at " + next + "; is it really unique?");
                }
                starts.add(next);
                start = next;
            }
        }
    }

    private static Plan plan(TableInfo t, Method method, List<String> predicates) {
        int n = predicates.size();
        return new Plan(method, IntStream.range(0, n)
                .mapToObj(i -> new ChunkSpec(t.id(), i, n, predicates.get(i)))
                .collect(Collectors.toUnmodifiableList()));
    }
}
