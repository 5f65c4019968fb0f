package io.godwit.loader;

import com.mysql.cj.jdbc.JdbcStatement;
import io.godwit.core.model.ChunkSpec;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;

/**
 * One chunk sent as a single {@code LOAD DATA LOCAL INFILE} statement, in the caller's open
 * transaction. The rows are rendered on a producer thread of their own and stream to the driver
 * through a {@link BlockPipe}: reading the source overlaps with the target's work, and the whole
 * chunk is never held in memory.
 *
 * <p>{@code LOCAL} makes the server turn data errors (truncation, a bad value, a duplicate key)
 * into warnings and go on. A chunk is only kept when its statement ends with no warning at all:
 * otherwise the caller rolls the transaction back, so nothing half-right is ever committed.
 */
final class LocalInfileLoad {
    private static final int BLOCK_BYTES = 64 * 1024;
    private static final int BLOCKS_IN_FLIGHT = 16;
    /** MySQL/MariaDB ER_DUP_ENTRY, as a warning. */
    private static final int DUPLICATE_ENTRY = 1062;

    /** What the statement loaded, or the warnings that condemn it. */
    record Outcome(long rows, long bytes, SQLWarning warnings) {
        boolean clean() { return warnings == null; }

        boolean duplicateKey() {
            for (SQLWarning w = warnings; w != null; w = w.getNextWarning()) {
                if (w.getErrorCode() == DUPLICATE_ENTRY) {
                    return true;
                }
            }
            return false;
        }

        /** The first warnings, one line, for the error message. */
        String describe() {
            StringBuilder b = new StringBuilder();
            int n = 0;
            for (SQLWarning w = warnings; w != null && n < 3; w = w.getNextWarning(), n++) {
                b.append(n == 0 ? "" : "; ").append(w.getErrorCode()).append(' ').append(w.getMessage());
            }
            return b.toString();
        }
    }

    private LocalInfileLoad() {}

    /**
     * Runs {@code sql} (from {@link LoaderStatements#loadData}) with the rows of {@code rows}.
     *
     * @throws Exception the producer's failure when the rows could not be read (it comes first:
     *                   the statement's own error is then only its consequence), else the
     *                   statement's SQLException
     */
    static Outcome run(Statement st, String sql, ChunkSpec chunk, DelimitedRowSource rows) throws Exception {
        BlockPipe pipe = new BlockPipe(BLOCK_BYTES, BLOCKS_IN_FLIGHT);
        long[] counted = new long[2];
        Thread producer = new Thread(() -> {
            try {
                rows.forEachDelimited((buf, off, len) -> {
                    pipe.write(buf, off, len);
                    counted[0]++;
                    counted[1] += len;
                });
                pipe.finish();
            } catch (Throwable t) {
                pipe.fail(t);
            }
        }, "godwit-rows-" + chunk.name());
        producer.setDaemon(true);
        st.unwrap(JdbcStatement.class).setLocalInfileInputStream(pipe.input());
        producer.start();
        SQLException statementError = null;
        SQLWarning warnings = null;
        try {
            st.executeLargeUpdate(sql);
            warnings = st.getWarnings();
        } catch (SQLException e) {
            statementError = e;
        } finally {
            pipe.close(); // the producer's next write now fails at once, and its source stream ends
            producer.join();
        }
        Throwable produced = pipe.failure();
        if (produced instanceof Exception e) {
            throw e;
        }
        if (produced instanceof Error e) {
            throw e;
        }
        if (statementError != null) {
            throw statementError;
        }
        return new Outcome(counted[0], counted[1], warnings);
    }
}
