package io.godwit.core.event;

import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.TableId;
import java.util.List;

/** Rows removed by one binlog rows event; each row is the full before image, see the package documentation. */
public record RowsDeleted(BinlogLocation at, long sourceTimeMillis, TableId table, List<Object[]> rows)
        implements ChangeEvent {
    public RowsDeleted { rows = List.copyOf(rows); }
}
