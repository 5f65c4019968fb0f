package io.godwit.binlog.stream;

import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.TransactionPayloadEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.AnnotateRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.BinlogCheckpointEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import com.github.shyiko.mysql.binlog.event.deserialization.DeleteRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.FormatDescriptionEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.GtidEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.IntVarEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.MariadbGtidEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.MariadbGtidListEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.NullEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.PreviousGtidSetDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.RotateEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.RowsQueryEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.TableMapEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.UpdateRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.WriteRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.XAPrepareEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.XidEventDataDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the library's event deserializer for one connection: raw query text, exact temporal,
 * YEAR and BIT cells (see {@link ExactCells}), CHAR/BINARY as bytes (decoded later with the
 * column's charset), and the raw type code in every header. Event types not registered here get
 * no data; the position tracker decides what they mean.
 */
final class EventDeserializers {
    /** Table ids grow for as long as the source runs: keep the most recent table maps only. */
    private static final int TABLE_MAPS_KEPT = 10_000;

    private EventDeserializers() {}

    @SuppressWarnings("rawtypes") // the library's constructor takes raw deserializer types
    static EventDeserializer create() {
        Map<Long, TableMapEventData> tableMaps = new LinkedHashMap<>(256, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override protected boolean removeEldestEntry(Map.Entry<Long, TableMapEventData> eldest) {
                return size() > TABLE_MAPS_KEPT;
            }
        };
        Map<EventType, EventDataDeserializer> byType = new EnumMap<>(EventType.class);
        byType.put(EventType.FORMAT_DESCRIPTION, new FormatDescriptionEventDataDeserializer());
        byType.put(EventType.ROTATE, new RotateEventDataDeserializer());
        byType.put(EventType.INTVAR, new IntVarEventDataDeserializer());
        byType.put(EventType.QUERY, new RawQueryEventData.Deserializer());
        byType.put(EventType.TABLE_MAP, new TableMapEventDataDeserializer());
        byType.put(EventType.XID, new XidEventDataDeserializer());
        byType.put(EventType.WRITE_ROWS, new ExactWriteRows(tableMaps));
        byType.put(EventType.UPDATE_ROWS, new ExactUpdateRows(tableMaps));
        byType.put(EventType.DELETE_ROWS, new ExactDeleteRows(tableMaps));
        byType.put(EventType.EXT_WRITE_ROWS, new ExactWriteRows(tableMaps).setMayContainExtraInformation(true));
        byType.put(EventType.EXT_UPDATE_ROWS, new ExactUpdateRows(tableMaps).setMayContainExtraInformation(true));
        byType.put(EventType.EXT_DELETE_ROWS, new ExactDeleteRows(tableMaps).setMayContainExtraInformation(true));
        byType.put(EventType.ROWS_QUERY, new RowsQueryEventDataDeserializer());
        byType.put(EventType.GTID, new GtidEventDataDeserializer());
        byType.put(EventType.PREVIOUS_GTIDS, new PreviousGtidSetDeserializer());
        byType.put(EventType.XA_PREPARE, new XAPrepareEventDataDeserializer());
        byType.put(EventType.ANNOTATE_ROWS, new AnnotateRowsEventDataDeserializer());
        byType.put(EventType.MARIADB_GTID, new MariadbGtidEventDataDeserializer());
        byType.put(EventType.BINLOG_CHECKPOINT, new BinlogCheckpointEventDataDeserializer());
        byType.put(EventType.MARIADB_GTID_LIST, new MariadbGtidListEventDataDeserializer());
        byType.put(EventType.TRANSACTION_PAYLOAD, EventDeserializers::unreadPayload);
        EventDeserializer d = new EventDeserializer(new TypedEventHeader.Deserializer(), new NullEventDataDeserializer(),
                byType, tableMaps);
        d.setCompatibilityMode(EventDeserializer.CompatibilityMode.CHAR_AND_BINARY_AS_BYTE_ARRAY);
        return d;
    }

    /**
     * MySQL's compressed transaction, left unread: the library would decode the events inside with
     * its default settings (inexact temporals, strings in the JVM charset). The position tracker
     * stops the stream at it with a clear reason instead.
     */
    private static TransactionPayloadEventData unreadPayload(ByteArrayInputStream in) {
        TransactionPayloadEventData d = new TransactionPayloadEventData();
        d.setUncompressedEvents(new ArrayList<>());
        return d;
    }

    private static final class ExactWriteRows extends WriteRowsEventDataDeserializer {
        ExactWriteRows(Map<Long, TableMapEventData> tableMaps) { super(tableMaps); }

        @Override protected Serializable deserializeCell(ColumnType type, int meta, int length, ByteArrayInputStream in)
                throws IOException {
            return ExactCells.handles(type) ? ExactCells.read(type, meta, in) : super.deserializeCell(type, meta, length, in);
        }
    }

    private static final class ExactUpdateRows extends UpdateRowsEventDataDeserializer {
        ExactUpdateRows(Map<Long, TableMapEventData> tableMaps) { super(tableMaps); }

        @Override protected Serializable deserializeCell(ColumnType type, int meta, int length, ByteArrayInputStream in)
                throws IOException {
            return ExactCells.handles(type) ? ExactCells.read(type, meta, in) : super.deserializeCell(type, meta, length, in);
        }
    }

    private static final class ExactDeleteRows extends DeleteRowsEventDataDeserializer {
        ExactDeleteRows(Map<Long, TableMapEventData> tableMaps) { super(tableMaps); }

        @Override protected Serializable deserializeCell(ColumnType type, int meta, int length, ByteArrayInputStream in)
                throws IOException {
            return ExactCells.handles(type) ? ExactCells.read(type, meta, in) : super.deserializeCell(type, meta, length, in);
        }
    }
}
