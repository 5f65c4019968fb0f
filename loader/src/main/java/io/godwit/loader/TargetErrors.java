package io.godwit.loader;

import io.godwit.core.db.Endpoint;
import io.godwit.core.db.SqlErrorClassifier;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import java.sql.SQLException;

/**
 * Wraps target SQL errors for the loader: the core classifier decides privilege, connectivity,
 * transient and duplicate errors; what it calls a plain write failure becomes the loader's own code.
 */
final class TargetErrors {
    private TargetErrors() {}

    static GodwitException wrap(SQLException e, ErrorCode ordinaryFailure, String where) {
        GodwitException g = SqlErrorClassifier.wrap(e, Endpoint.TARGET, where);
        return g.code() == ErrorCode.TARGET_WRITE_FAILED ? new GodwitException(ordinaryFailure, g.getMessage(), e) : g;
    }

    static boolean isDuplicateKey(SQLException e) {
        return SqlErrorClassifier.classify(e, Endpoint.TARGET) == ErrorCode.LOAD_DUPLICATE;
    }

    /** The first 200 characters of a statement, for an error message. */
    static String head(String sql) {
        String oneLine = sql.length() > 400 ? sql.substring(0, 400) : sql;
        oneLine = oneLine.replace('\n', ' ');
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine;
    }
}
