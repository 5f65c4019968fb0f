package io.godwit.core.db;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import java.sql.SQLException;
import java.util.Set;

/**
 * The one place where SQL errors are classified: by SQLSTATE class and vendor error code of the
 * MySQL family (MySQL, MariaDB, TiDB), never by message text. Each rule has a unit test.
 */
public final class SqlErrorClassifier {
    // MySQL/MariaDB server error codes.
    static final int ER_DBACCESS_DENIED = 1044;
    static final int ER_ACCESS_DENIED = 1045;
    static final int ER_TABLEACCESS_DENIED = 1142;
    static final int ER_COLUMNACCESS_DENIED = 1143;
    static final int ER_SPECIFIC_ACCESS_DENIED = 1227;
    static final int ER_DUP_ENTRY = 1062;
    static final int ER_LOCK_WAIT_TIMEOUT = 1205;
    static final int ER_LOCK_DEADLOCK = 1213;
    static final int ER_SERVER_SHUTDOWN = 1053;
    static final int ER_QUERY_INTERRUPTED = 1317;
    static final int ER_CON_COUNT = 1040;
    static final int ER_TOO_MANY_USER_CONNECTIONS = 1203;
    /** The source cannot serve the binlog from the requested file/position or GTID set (purged, unknown). */
    static final int ER_MASTER_FATAL_ERROR_READING_BINLOG = 1236;
    // Client-side codes the driver reports.
    static final int CR_CONNECTION_ERROR = 2002;
    static final int CR_CONN_HOST_ERROR = 2003;
    static final int CR_SERVER_GONE = 2006;
    static final int CR_SERVER_LOST = 2013;
    // DDL errors that mean "this statement's effect is already there" (MySQL, MariaDB and TiDB share them).
    static final int ER_DB_CREATE_EXISTS = 1007;
    static final int ER_DB_DROP_EXISTS = 1008;
    static final int ER_TABLE_EXISTS = 1050;
    static final int ER_BAD_TABLE = 1051;
    static final int ER_BAD_FIELD = 1054;
    static final int ER_DUP_FIELDNAME = 1060;
    static final int ER_DUP_KEYNAME = 1061;
    static final int ER_MULTIPLE_PRI_KEY = 1068;
    static final int ER_CANT_DROP_FIELD_OR_KEY = 1091;
    static final int ER_NO_SUCH_TABLE = 1146;
    static final int ER_DROP_PARTITION_NON_EXISTENT = 1507;
    static final int ER_SAME_NAME_PARTITION = 1517;
    static final int ER_FK_DUP_NAME = 1826;
    static final Set<Integer> DDL_ALREADY_APPLIED = Set.of(
            ER_DB_CREATE_EXISTS, ER_DB_DROP_EXISTS, ER_TABLE_EXISTS, ER_BAD_TABLE, ER_BAD_FIELD, ER_DUP_FIELDNAME,
            ER_DUP_KEYNAME, ER_MULTIPLE_PRI_KEY, ER_CANT_DROP_FIELD_OR_KEY, ER_NO_SUCH_TABLE,
            ER_DROP_PARTITION_NON_EXISTENT, ER_SAME_NAME_PARTITION, ER_FK_DUP_NAME);
    // TiDB codes that mean "try again".
    static final Set<Integer> TIDB_TRANSIENT = Set.of(
            8002,  // ErrWriteConflictInTiDB / retry-able txn
            8022,  // ErrTxnRetryable
            8027,  // ErrInfoSchemaExpired
            8028,  // ErrInfoSchemaChanged
            9001,  // ErrPDServerTimeout
            9002,  // ErrTiKVServerTimeout
            9003,  // ErrTiKVServerBusy
            9005,  // ErrRegionUnavailable
            9007); // ErrWriteConflict

    private SqlErrorClassifier() {}

    /** The error code for {@code e} raised on {@code endpoint}. */
    public static ErrorCode classify(SQLException e, Endpoint endpoint) {
        int vendor = e.getErrorCode();
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        boolean source = endpoint == Endpoint.SOURCE;
        if (TlsMaterial.peerRejection(e).isPresent()) {
            // The TLS handshake refused the server's certificate: not a lost connection, and no retry helps.
            return ErrorCode.TLS_PEER_REJECTED;
        }
        if (vendor == ER_ACCESS_DENIED || state.equals("28000")) {
            return source ? ErrorCode.SOURCE_ACCESS_DENIED : ErrorCode.TARGET_ACCESS_DENIED;
        }
        if (vendor == ER_DBACCESS_DENIED || vendor == ER_TABLEACCESS_DENIED
                || vendor == ER_COLUMNACCESS_DENIED || vendor == ER_SPECIFIC_ACCESS_DENIED) {
            return source ? ErrorCode.SOURCE_PRIVILEGE : ErrorCode.TARGET_PRIVILEGE;
        }
        if (state.startsWith("08") || vendor == CR_CONNECTION_ERROR || vendor == CR_CONN_HOST_ERROR
                || vendor == CR_SERVER_GONE || vendor == CR_SERVER_LOST || vendor == ER_SERVER_SHUTDOWN
                || vendor == ER_CON_COUNT || vendor == ER_TOO_MANY_USER_CONNECTIONS) {
            return source ? ErrorCode.SOURCE_UNREACHABLE : ErrorCode.TARGET_UNREACHABLE;
        }
        if (source && vendor == ER_MASTER_FATAL_ERROR_READING_BINLOG) {
            return ErrorCode.BINLOG_PURGED;
        }
        if (!source && (vendor == ER_LOCK_DEADLOCK || vendor == ER_LOCK_WAIT_TIMEOUT
                || state.equals("40001") || TIDB_TRANSIENT.contains(vendor))) {
            return ErrorCode.TARGET_TRANSIENT;
        }
        if (!source && vendor == ER_DUP_ENTRY) {
            return ErrorCode.LOAD_DUPLICATE;
        }
        return source ? ErrorCode.SOURCE_QUERY_FAILED : ErrorCode.TARGET_WRITE_FAILED;
    }

    /**
     * True when a DDL statement failed on the target because what it would do is already done: the
     * database or table exists, the table, column, key or partition to drop is gone, the column, key,
     * primary key, partition or foreign key to add exists. Only meaningful for a DDL that is executed a
     * second time after a crash hid whether the first execution committed; any other statement or
     * error is a real failure.
     */
    public static boolean isDdlAlreadyApplied(SQLException e) {
        return DDL_ALREADY_APPLIED.contains(e.getErrorCode());
    }

    /** Wraps {@code e} as a {@link GodwitException} whose one-line message names {@code where}. */
    public static GodwitException wrap(SQLException e, Endpoint endpoint, String where) {
        ErrorCode code = classify(e, endpoint);
        if (code == ErrorCode.TLS_PEER_REJECTED) {
            // The certificate problem is the cause; the driver's "Communications link failure"
            // around it would only mislead in the one-line message, so it is kept as suppressed.
            java.security.cert.CertificateException why = TlsMaterial.peerRejection(e).orElseThrow();
            GodwitException rejected = new GodwitException(code, where + ": the server's TLS certificate is not accepted: "
                    + TlsMaterial.rejectionReason(why, endpoint.configKey() + ".security"), why);
            rejected.addSuppressed(e);
            return rejected;
        }
        String detail = where + ": " + firstLine(e.getMessage())
                + " (SQLSTATE " + e.getSQLState() + ", error " + e.getErrorCode() + ")";
        return new GodwitException(code, detail, e);
    }

    /** True when retrying the same idempotent action may succeed. */
    /**
     * {@code e} as it should be classified given the state of the connection it came from: when
     * that connection no longer answers, the statement failed because the connection was lost (a
     * killed session, a dropped link), whatever the driver reported on the way (Connector/J may say
     * "statement closed", SQLSTATE S1009), so it becomes a SQLSTATE 08 error wrapping {@code e}.
     */
    public static SQLException onConnection(SQLException e, java.sql.Connection c) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("08") || c == null) {
            return e;
        }
        boolean alive;
        try {
            alive = !c.isClosed() && c.isValid(2);
        } catch (SQLException probe) {
            alive = false;
        }
        return alive ? e : new java.sql.SQLTransientConnectionException(
                "connection lost: " + firstLine(e.getMessage()), "08S01", 0, e);
    }

    public static boolean isTransient(SQLException e, Endpoint endpoint) {
        return classify(e, endpoint).retryKind() == io.godwit.core.error.RetryKind.RETRYABLE;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
