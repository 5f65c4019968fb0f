package io.godwit.dumper;

import io.godwit.core.model.TableId;

/**
 * Where the dump of one table stands, for %, rate and ETA.
 *
 * @param estimatedRows information_schema TABLE_ROWS when the table was listed (an estimate for InnoDB)
 * @param rows          rows streamed so far
 * @param bytes         characters of SQL literals streamed so far (bytes for ASCII data)
 */
public record TableProgress(TableId table, long estimatedRows, long rows, long bytes) {
    /** Share done in [0, 1]; 1 when there is no estimate yet rows were streamed. */
    public double fraction() {
        if (estimatedRows <= 0) {
            return rows > 0 ? 1.0 : 0.0;
        }
        return Math.min(1.0, (double) rows / estimatedRows);
    }
}
