package io.godwit.binlog.stream;

import io.godwit.core.model.TableId;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A change stream: the binlog to read and the tables whose rows matter.
 *
 * @param tablesOfInterest the tables the task replicates (block-allow-list). Rows of other tables
 *                         are dropped before decoding and counted, so the schema tracker need not
 *                         know them; rows of a table of interest that the tracker does not know
 *                         stop the stream. Statements are never dropped here.
 */
public record ChangeStreamConfig(BinlogStreamConfig binlog, Predicate<TableId> tablesOfInterest) {
    public ChangeStreamConfig {
        Objects.requireNonNull(binlog, "binlog");
        Objects.requireNonNull(tablesOfInterest, "tablesOfInterest");
    }

    /** Every table's rows are decoded. */
    public static ChangeStreamConfig allTables(BinlogStreamConfig binlog) {
        return new ChangeStreamConfig(binlog, t -> true);
    }
}
