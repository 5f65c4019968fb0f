package io.godwit.core.event;

import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.TableId;
import java.util.List;

/** Rows written by one binlog rows event; each row holds every column, see the package documentation. */
public record RowsInserted(BinlogLocation at, long sourceTimeMillis, TableId table, List<Object[]> rows)
        implements ChangeEvent {
    public RowsInserted { rows = List.copyOf(rows); }
}
