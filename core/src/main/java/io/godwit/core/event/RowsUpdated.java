package io.godwit.core.event;

import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.TableId;
import java.util.List;

/** Rows changed by one binlog rows event, each as its full before and after image. */
public record RowsUpdated(BinlogLocation at, long sourceTimeMillis, TableId table, List<Change> rows)
        implements ChangeEvent {
    public RowsUpdated { rows = List.copyOf(rows); }

    /** One updated row; both images hold every column, see the package documentation. */
    public record Change(Object[] before, Object[] after) {}
}
