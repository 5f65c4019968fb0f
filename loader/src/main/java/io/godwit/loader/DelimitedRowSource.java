package io.godwit.loader;

import io.godwit.core.model.DelimitedColumn;
import io.godwit.core.model.RowBytesSink;
import java.util.List;

/**
 * A {@link RowSource} that can also write its rows as {@code LOAD DATA} text, which the target
 * parses with less work than INSERT statements. The snapshot is one; dump files are not.
 */
public interface DelimitedRowSource extends RowSource {
    /** The fields of a line, one per data column in row order; empty when there is no text form. */
    List<DelimitedColumn> delimitedColumns();

    /**
     * Streams the rows, one line per call (newline included), fields as {@link #delimitedColumns}.
     *
     * @throws io.godwit.core.model.RowNotDelimitableException a row with no exact text form; the
     *         loader then reads the chunk again through {@link #forEachBytes}
     */
    void forEachDelimited(RowBytesSink sink) throws Exception;
}
