package io.godwit.binlog.stream;

import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import io.godwit.binlog.TableSchemas;
import io.godwit.binlog.stream.QueueItem.RawEvent;
import io.godwit.core.db.ServerFlavor;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.event.ChangeEvent;
import io.godwit.core.event.DdlEvent;
import io.godwit.core.event.Heartbeat;
import io.godwit.core.event.RowsDeleted;
import io.godwit.core.event.RowsInserted;
import io.godwit.core.event.RowsUpdated;
import io.godwit.core.event.TxCommit;
import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.ColumnInfo;
import io.godwit.core.model.TableId;
import io.godwit.core.model.TableInfo;
import java.io.Serializable;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Turns queued events into {@link ChangeEvent}s on the consumer's thread, in binlog order, with
 * the table schemas as of each event: every statement is applied to the {@link TableSchemas}
 * before it is returned, so the rows after it decode with the new definition.
 */
final class ChangeDecoder {
    private static final int TABLE_MAPS_KEPT = 10_000;

    private final TableSchemas schemas;
    private final Predicate<TableId> tablesOfInterest;
    private final ServerFlavor flavor;
    private final Collations collations;
    /** The latest TABLE_MAP per table id; table ids grow while the source runs, so only recent ones are kept. */
    private final Map<Long, Binding> bindings = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override protected boolean removeEldestEntry(Map.Entry<Long, Binding> eldest) {
            return size() > TABLE_MAPS_KEPT;
        }
    };
    /** Row decoders by table, reused across transactions while the tracked definition stays the same. */
    private final Map<TableId, RowDecoder> decoders = new HashMap<>();
    private long droppedRowEvents;
    private long droppedRows;

    ChangeDecoder(TableSchemas schemas, Predicate<TableId> tablesOfInterest, ServerFlavor flavor, Collations collations) {
        this.schemas = schemas;
        this.tablesOfInterest = tablesOfInterest;
        this.flavor = flavor;
        this.collations = collations;
    }

    /** The change {@code e} stands for, or null for events that only carry state (table maps, dropped rows). */
    ChangeEvent decode(RawEvent e) {
        return switch (e.kind()) {
            case TABLE_MAP -> {
                TableMapEventData map = (TableMapEventData) e.data();
                bindings.put(map.getTableId(), new Binding(map));
                yield null;
            }
            case ROWS -> rows(e);
            case COMMIT -> new TxCommit(e.at(), e.timestampMillis(), e.next());
            case STATEMENT -> statement(e);
            case HEARTBEAT -> new Heartbeat(e.at(), e.timestampMillis());
            case UNSUPPORTED -> throw new GodwitException(ErrorCode.BINLOG_FORMAT_UNSUPPORTED, e.problem() + " (at " + e.at() + ")");
            case INTERNAL -> null;
        };
    }

    /** Row events of tables outside {@code tablesOfInterest}, dropped on purpose (block-allow-list). */
    long droppedRowEvents() { return droppedRowEvents; }

    long droppedRows() { return droppedRows; }

    private ChangeEvent statement(RawEvent e) {
        RawQueryEventData q = (RawQueryEventData) e.data();
        String sql;
        try {
            sql = collations.decode(q.clientCollationId(), q.sql());
        } catch (CharacterCodingException | IllegalArgumentException ex) {
            throw new GodwitException(ErrorCode.BINLOG_DECODE_FAILED, "cannot read the statement at " + e.at()
                    + " in its session's character set (collation id " + q.clientCollationId() + "): " + ex, ex);
        }
        schemas.apply(q.database(), sql, e.at());
        bindings.values().forEach(Binding::unresolve);
        return new DdlEvent(e.at(), e.timestampMillis(), q.database(), sql, e.next());
    }

    private ChangeEvent rows(RawEvent e) {
        BinlogLocation at = e.at();
        long ts = e.timestampMillis();
        if (e.data() instanceof WriteRowsEventData w) {
            RowDecoder d = decoderFor(w.getTableId(), w.getIncludedColumns(), at, w.getRows().size());
            return d == null ? null : new RowsInserted(at, ts, d.table().id(), images(d, w.getRows(), at));
        }
        if (e.data() instanceof DeleteRowsEventData del) {
            RowDecoder d = decoderFor(del.getTableId(), del.getIncludedColumns(), at, del.getRows().size());
            return d == null ? null : new RowsDeleted(at, ts, d.table().id(), images(d, del.getRows(), at));
        }
        if (e.data() instanceof UpdateRowsEventData u) {
            RowDecoder d = decoderFor(u.getTableId(), u.getIncludedColumnsBeforeUpdate(), at, u.getRows().size());
            if (d == null) {
                return null;
            }
            requireFullImage(u.getIncludedColumns(), d.table(), at);
            List<RowsUpdated.Change> changes = new ArrayList<>(u.getRows().size());
            for (Map.Entry<Serializable[], Serializable[]> row : u.getRows()) {
                changes.add(new RowsUpdated.Change(d.decode(row.getKey(), at), d.decode(row.getValue(), at)));
            }
            return new RowsUpdated(at, ts, d.table().id(), changes);
        }
        throw new GodwitException(ErrorCode.BINLOG_DECODE_FAILED, "unexpected rows event data at " + at + ": "
                + (e.data() == null ? "none" : e.data().getClass().getSimpleName()));
    }

    private static List<Object[]> images(RowDecoder d, List<Serializable[]> rows, BinlogLocation at) {
        List<Object[]> out = new ArrayList<>(rows.size());
        for (Serializable[] row : rows) {
            out.add(d.decode(row, at));
        }
        return out;
    }

    /** The decoder for a rows event's table, or null when the table is not of interest (counted). */
    private RowDecoder decoderFor(long tableId, BitSet included, BinlogLocation at, int rowCount) {
        Binding b = bindings.get(tableId);
        if (b == null) {
            throw new GodwitException(ErrorCode.BINLOG_DECODE_FAILED, "rows event at " + at + " for table id " + tableId
                    + " without its table map event (the stream did not start at a transaction boundary)");
        }
        if (!b.resolved) {
            resolve(b, at);
        }
        if (b.decoder == null) {
            droppedRowEvents++;
            droppedRows += rowCount;
            return null;
        }
        requireFullImage(included, b.decoder.table(), at);
        return b.decoder;
    }

    private void resolve(Binding b, BinlogLocation at) {
        TableId id = TableId.of(b.map.getDatabase(), b.map.getTable());
        b.resolved = true;
        if (!tablesOfInterest.test(id)) {
            b.decoder = null;
            return;
        }
        TableInfo table = schemas.find(id).orElseThrow(() -> new GodwitException(ErrorCode.SYNC_TABLE_UNKNOWN,
                "row event at " + at + " for " + id + ", whose schema is not tracked"));
        checkColumns(b.map, table, at);
        RowDecoder d = decoders.get(id);
        if (d == null || !d.table().equals(table)) {
            d = RowDecoder.of(table, flavor, at);
            decoders.put(id, d);
        }
        b.decoder = d;
    }

    /** One table id's TABLE_MAP and, once its rows are seen, the decoder checked against it. */
    private static final class Binding {
        final TableMapEventData map;
        boolean resolved;
        RowDecoder decoder;

        Binding(TableMapEventData map) {
            this.map = map;
        }

        /** A statement may have changed the table: check again at the next rows event. */
        void unresolve() {
            resolved = false;
            decoder = null;
        }
    }

    /** The binlog's columns must be the tracked ones: same count, compatible types. */
    private static void checkColumns(TableMapEventData map, TableInfo table, BinlogLocation at) {
        byte[] types = map.getColumnTypes();
        List<ColumnInfo> cols = table.columns();
        if (types.length != cols.size()) {
            throw new GodwitException(ErrorCode.SYNC_TABLE_UNKNOWN, "row event at " + at + " for " + table.id() + " has "
                    + types.length + " columns, the tracked schema " + cols.size());
        }
        for (int i = 0; i < types.length; i++) {
            ColumnType binlogType = ColumnType.byCode(types[i] & 0xFF);
            if (binlogType == null || !ColumnDecoders.fits(cols.get(i), binlogType)) {
                throw new GodwitException(ErrorCode.SYNC_TABLE_UNKNOWN, "row event at " + at + " for " + table.id()
                        + ": column " + (i + 1) + " is " + (binlogType == null ? "type " + (types[i] & 0xFF) : binlogType)
                        + " in the binlog, the tracked schema has " + cols.get(i).name() + " " + cols.get(i).columnType());
            }
        }
    }

    private static void requireFullImage(BitSet included, TableInfo table, BinlogLocation at) {
        if (included.cardinality() != table.columns().size()) {
            throw new GodwitException(ErrorCode.BINLOG_FORMAT_UNSUPPORTED, "row event at " + at + " for " + table.id()
                    + " holds " + included.cardinality() + " of " + table.columns().size()
                    + " columns: the source logs partial row images (binlog_row_image is not FULL)");
        }
    }
}
