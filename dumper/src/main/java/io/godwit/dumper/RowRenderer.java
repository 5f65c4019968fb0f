package io.godwit.dumper;

import io.godwit.core.model.ColumnInfo;
import io.godwit.core.model.DelimitedColumn;
import io.godwit.core.model.RowNotDelimitableException;
import io.godwit.core.model.TableInfo;
import java.nio.charset.CharsetDecoder;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The select list of a table's data columns and the row literal built from one result row. */
final class RowRenderer {
    private final List<ColumnCodec> data;
    private final List<ColumnCodec> key;

    private RowRenderer(List<ColumnCodec> data, List<ColumnCodec> key) {
        this.data = data;
        this.key = key;
    }

    static RowRenderer of(TableInfo t) {
        List<ColumnCodec> data = t.dataColumns().stream().map(ColumnCodec::of).toList();
        Map<String, ColumnInfo> byName = t.columns().stream()
                .collect(Collectors.toMap(c -> c.name().toLowerCase(Locale.ROOT), Function.identity(), (a, b) -> a));
        List<ColumnCodec> key = new ArrayList<>();
        for (String k : t.chunkKey()) {
            ColumnInfo c = byName.get(k.toLowerCase(Locale.ROOT));
            if (c == null) {
                throw new IllegalArgumentException("chunk key column " + k + " is not a column of " + t.id());
            }
            key.add(ColumnCodec.of(c));
        }
        return new RowRenderer(data, List.copyOf(key));
    }

    List<ColumnCodec> keyCodecs() { return key; }

    /** Comma-separated expressions; {@code ''} when every column is generated (the row is then empty). */
    String selectList() {
        if (data.isEmpty()) {
            return "''";
        }
        return data.stream().map(ColumnCodec::selectExpr).collect(Collectors.joining(","));
    }

    String keySelectList() {
        return key.stream().map(ColumnCodec::keySelectExpr).collect(Collectors.joining(","));
    }

    /** Appends the current row's literals, comma-separated, as UTF-8 bytes. */
    void appendRow(ResultSet rs, SqlBuffer b) throws SQLException {
        for (int i = 0, n = data.size(); i < n; i++) {
            if (i > 0) {
                b.put((byte) ',');
            }
            data.get(i).appendValue(b, rs.getBytes(i + 1));
        }
    }

    /** The data columns as {@code LOAD DATA} fields; empty when every column is generated (no text form). */
    List<DelimitedColumn> delimitedColumns() {
        return data.stream().map(ColumnCodec::delimited).toList();
    }

    /**
     * Appends the current row as one {@code LOAD DATA} line, newline included.
     *
     * @throws RowNotDelimitableException a UTF-8 column holds bytes that are not UTF-8
     */
    void appendDelimitedRow(ResultSet rs, SqlBuffer b) throws SQLException {
        for (int i = 0, n = data.size(); i < n; i++) {
            if (i > 0) {
                b.put((byte) '\t');
            }
            if (!data.get(i).appendDelimited(b, rs.getBytes(i + 1))) {
                throw new RowNotDelimitableException("column " + data.get(i).column().quotedName()
                        + " holds bytes that are not UTF-8");
            }
        }
        b.put((byte) '\n');
    }

    /** The current row's key as literals, one per key column. */
    List<String> keyLiterals(ResultSet rs, CharsetDecoder utf8) throws SQLException {
        List<String> out = new ArrayList<>(key.size());
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < key.size(); i++) {
            b.setLength(0);
            key.get(i).appendKey(b, rs.getBytes(i + 1), utf8);
            out.add(b.toString());
        }
        return out;
    }
}
