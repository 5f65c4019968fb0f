package io.godwit.loader;

import io.godwit.core.model.TableId;
import java.util.ArrayList;
import java.util.List;

/**
 * A target table ready for loading.
 *
 * @param dataColumns  the source's data columns, in the order of the row literals
 * @param extraColumns the extract columns filled with constants per source table
 * @param created      this call created the table (false: it existed, e.g. pre-created or made by another shard)
 */
public record TargetTable(TableId id, List<String> dataColumns, List<String> extraColumns, boolean created) {
    public TargetTable {
        dataColumns = List.copyOf(dataColumns);
        extraColumns = List.copyOf(extraColumns);
    }

    /** The column list of the import: data columns, then extract columns. */
    public List<String> columns() {
        List<String> all = new ArrayList<>(dataColumns);
        all.addAll(extraColumns);
        return all;
    }
}
