package io.godwit.binlog.stream;

import io.godwit.binlog.stream.ColumnDecoders.ColumnDecoder;
import io.godwit.core.db.ServerFlavor;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.ColumnInfo;
import io.godwit.core.model.TableInfo;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;

/** Decodes the rows of one table as the schema tracker describes it, one decoder per column. */
final class RowDecoder {
    private final TableInfo table;
    private final ColumnDecoder[] columns;

    private RowDecoder(TableInfo table, ColumnDecoder[] columns) {
        this.table = table;
        this.columns = columns;
    }

    static RowDecoder of(TableInfo table, ServerFlavor flavor, BinlogLocation at) {
        List<ColumnInfo> cols = table.columns();
        ColumnDecoder[] decoders = new ColumnDecoder[cols.size()];
        for (int i = 0; i < decoders.length; i++) {
            try {
                decoders[i] = ColumnDecoders.forColumn(cols.get(i), flavor);
            } catch (IllegalArgumentException e) {
                throw new GodwitException(ErrorCode.BINLOG_DECODE_FAILED, "cannot decode column " + cols.get(i).name()
                        + " of " + table.id() + " (row event at " + at + "): " + e.getMessage(), e);
            }
        }
        return new RowDecoder(table, decoders);
    }

    TableInfo table() { return table; }

    /** One full row image: {@code raw} holds every column, in ordinal order. */
    Object[] decode(Serializable[] raw, BinlogLocation at) {
        Object[] row = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
            Serializable cell = raw[i];
            if (cell == null) {
                continue;
            }
            try {
                row[i] = columns[i].decode(cell);
            } catch (IOException e) { // CharacterCodingException among them
                throw new GodwitException(ErrorCode.BINLOG_DECODE_FAILED, "cannot decode column " + name(i) + " of "
                        + table.id() + " in the row event at " + at + " as " + table.columns().get(i).columnType()
                        + " (charset " + table.columns().get(i).charset() + "): " + e, e);
            } catch (ClassCastException | IllegalArgumentException | ArithmeticException e) {
                throw new GodwitException(ErrorCode.SYNC_TABLE_UNKNOWN, "the row event at " + at + " does not fit column "
                        + name(i) + " " + table.columns().get(i).columnType() + " of " + table.id()
                        + " as tracked: " + e.getMessage(), e);
            }
        }
        return row;
    }

    private String name(int i) {
        return table.columns().get(i).name();
    }
}
