package io.godwit.worker.sync;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.BinlogLocation;

/**
 * The target refused a change: the code, the start of the source transaction it belongs to (where the
 * sync resumes, and what {@code binlog skip} names) and the statement with its values.
 */
public final class SyncApplyException extends GodwitException {
    private static final long serialVersionUID = 1L;
    private final transient BinlogLocation position;
    private final String statement;

    SyncApplyException(ErrorCode code, String what, BinlogLocation position, String statement, Throwable cause) {
        super(code, what + " at " + position + ": " + statement, cause);
        this.position = position;
        this.statement = statement;
    }

    /** Start of the failed source transaction (file, position, GTID set). */
    public BinlogLocation position() { return position; }

    /** The statement with its values, elided when long. */
    public String statement() { return statement; }
}
