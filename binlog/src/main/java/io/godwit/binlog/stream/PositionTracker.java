package io.godwit.binlog.stream;

import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.GtidEventData;
import com.github.shyiko.mysql.binlog.event.MariadbGtidEventData;
import com.github.shyiko.mysql.binlog.event.PreviousGtidSetEventData;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import io.godwit.core.db.ServerFlavor;
import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.GtidSet;
import io.godwit.core.model.MySqlGtidSet;
import java.util.Arrays;

/**
 * Places every event of one binlog stream: its start position, the GTID set committed before it,
 * whether it ends a transaction and where to resume after it. Runs on the socket thread, before
 * the event is queued; it keeps no row data.
 *
 * <p>Assumptions, and how positions are found:
 * <ol>
 *   <li>An event's header holds its end position ({@code log_pos}) and length, so it starts at
 *       {@code log_pos - length}. MariaDB 11.4 writes {@code log_pos = 0} for the events inside a
 *       transaction; those start where the previous event ended. This needs every event of the
 *       file, so the stream asks MariaDB for its annotate-rows events too.</li>
 *   <li>Artificial events (flag LOG_EVENT_ARTIFICIAL_F, and the format description the server
 *       sends first with {@code log_pos = 0}) are not in the file and move nothing. A ROTATE names
 *       the file and position the next event is at.</li>
 *   <li>A transaction starts at a MySQL {@code BEGIN} (or {@code XA START}) or a MariaDB GTID event
 *       without the standalone flag, and ends at XID, {@code COMMIT}, {@code ROLLBACK} (the
 *       non-transactional changes it logged stay done), XA PREPARE or {@code XA COMMIT}. Any other
 *       statement outside a transaction is one of its own (DDL); inside one (CREATE TABLE ...
 *       SELECT) it is not a place to resume, so its {@code next} is where the transaction began.</li>
 *   <li>The GTID set grows by the transaction's GTID when it ends. It is unknown (empty) until
 *       known: given at the start, or read from MySQL's PREVIOUS_GTIDS at the start of a file.</li>
 * </ol>
 */
final class PositionTracker {
    /** MySQL 8.0.26+ heartbeat, unknown to the library. */
    static final int HEARTBEAT_V2 = 41;
    /** LOG_EVENT_IGNORABLE_F: a replica that does not know the event may skip it. */
    static final int IGNORABLE_FLAG = 0x80;
    private static final int MARIADB_FIRST_COMPRESSED = 165;
    private static final int MARIADB_LAST_COMPRESSED = 171;

    /** The events of the unfinished transaction read so far, for {@link ReplayGuard}. */
    record Replay(String file, long[] positions) {}

    private final ServerFlavor flavor;
    private final boolean byGtid;
    private String file;
    private long nextPosition;
    private GtidSet committed;
    private String committedText;
    private String pendingGtid;
    private boolean inTransaction;
    private BinlogLocation boundary;
    private GtidSet boundaryGtid;
    private BinlogLocation transactionStart;
    private long[] groupPositions = new long[64];
    private int groupSize;
    private String groupFile = "";

    /**
     * @param start     the boundary the stream starts at
     * @param committed the GTID set executed before it, null when unknown
     */
    PositionTracker(ServerFlavor flavor, BinlogLocation start, GtidSet committed, boolean byGtid) {
        this.flavor = flavor;
        this.byGtid = byGtid;
        this.file = start.file();
        this.nextPosition = start.position();
        setCommitted(committed);
        this.boundary = new BinlogLocation(file, nextPosition, committedText);
        this.boundaryGtid = committed;
    }

    /** Where a new connection resumes: after the last complete transaction. */
    BinlogLocation boundary() { return boundary; }

    /** Where the next event starts. */
    BinlogLocation here() { return new BinlogLocation(file, nextPosition, committedText); }

    /**
     * Forgets the unfinished transaction and goes back to the boundary, for a new connection.
     *
     * @return the positions of that transaction's events read so far
     */
    Replay rewindToBoundary() {
        Replay replay = new Replay(groupFile, Arrays.copyOf(groupPositions, groupSize));
        file = boundary.file();
        nextPosition = boundary.position();
        setCommitted(boundaryGtid);
        pendingGtid = null;
        inTransaction = false;
        groupSize = 0;
        return replay;
    }

    TrackedEvent track(Event event) {
        TypedEventHeader h = (TypedEventHeader) event.getHeader();
        EventType type = h.getEventType();
        if (type == EventType.ROTATE) {
            rotate((RotateEventData) event.getData(), h.artificial() || h.getTimestamp() == 0);
            return internal();
        }
        if (type == EventType.HEARTBEAT || h.typeCode() == HEARTBEAT_V2) {
            return new TrackedEvent(EventKind.HEARTBEAT, inTransaction ? here() : boundary, null, false, null);
        }
        if (type == EventType.FORMAT_DESCRIPTION || h.artificial()) {
            if (!h.artificial() && h.getNextPosition() > 0) {
                nextPosition = h.getNextPosition();
            }
            return internal();
        }
        long end = h.getNextPosition() > 0 ? h.getNextPosition() : nextPosition + h.getEventLength();
        long start = end - h.getEventLength();
        nextPosition = end;
        BinlogLocation at = new BinlogLocation(file, start, committedText);
        return switch (type) {
            case GTID -> {
                pendingGtid = ((GtidEventData) event.getData()).getMySqlGtid().toString();
                yield member(at, EventKind.INTERNAL, null);
            }
            case ANONYMOUS_GTID -> {
                pendingGtid = null;
                yield member(at, EventKind.INTERNAL, null);
            }
            case MARIADB_GTID -> {
                MariadbGtidEventData g = (MariadbGtidEventData) event.getData();
                pendingGtid = g.getDomainId() + "-" + h.getServerId() + "-" + Long.toUnsignedString(g.getSequence());
                if ((g.getFlags() & MariadbGtidEventData.FL_STANDALONE) == 0) {
                    beginTransaction();
                }
                yield member(at, EventKind.INTERNAL, null);
            }
            case QUERY -> query((RawQueryEventData) event.getData(), at, end);
            case XID, XA_PREPARE -> commit(at, end, EventKind.COMMIT, null);
            case TABLE_MAP -> member(at, EventKind.TABLE_MAP, null);
            case WRITE_ROWS, UPDATE_ROWS, DELETE_ROWS, EXT_WRITE_ROWS, EXT_UPDATE_ROWS, EXT_DELETE_ROWS ->
                    member(at, EventKind.ROWS, null);
            case INTVAR, RAND, USER_VAR, ANNOTATE_ROWS, ROWS_QUERY -> member(at, EventKind.INTERNAL, null);
            case PREVIOUS_GTIDS -> {
                if (committed == null && flavor != ServerFlavor.MARIADB && !inTransaction) {
                    // The set before this file; from here on every event has a known GTID set.
                    setCommitted(MySqlGtidSet.parse(((PreviousGtidSetEventData) event.getData()).getGtidSet()));
                    boundary = new BinlogLocation(boundary.file(), boundary.position(), committedText);
                    boundaryGtid = committed;
                }
                yield internal();
            }
            case MARIADB_GTID_LIST, BINLOG_CHECKPOINT, STOP, IGNORABLE, TRANSACTION_CONTEXT, VIEW_CHANGE -> internal();
            case TRANSACTION_PAYLOAD -> new TrackedEvent(EventKind.UNSUPPORTED, at, null, false,
                    "compressed transactions (binlog_transaction_compression=ON) are not supported");
            case PARTIAL_UPDATE_ROWS_EVENT -> new TrackedEvent(EventKind.UNSUPPORTED, at, null, false,
                    "partial JSON updates (binlog_row_value_options=PARTIAL_JSON) are not supported");
            case INCIDENT -> new TrackedEvent(EventKind.UNSUPPORTED, at, null, false,
                    "the source logged an incident event: its binlog may lack changes from here on");
            case PRE_GA_WRITE_ROWS, PRE_GA_UPDATE_ROWS, PRE_GA_DELETE_ROWS -> new TrackedEvent(EventKind.UNSUPPORTED, at,
                    null, false, "rows events of MySQL 5.1.15 and older are not supported");
            default -> unknown(h, at);
        };
    }

    private TrackedEvent query(RawQueryEventData q, BinlogLocation at, long end) {
        if (!inTransaction) {
            if (q.is("BEGIN") || q.startsWith("XA START")) {
                beginTransaction();
                return member(at, EventKind.INTERNAL, null);
            }
            if (q.startsWith("XA COMMIT")) {
                return commit(at, end, EventKind.COMMIT, null);
            }
            if (q.startsWith("XA ROLLBACK")) {
                return commit(at, end, EventKind.UNSUPPORTED,
                        "XA ROLLBACK of a prepared transaction: its rows were passed on at XA PREPARE");
            }
            return commit(at, end, EventKind.STATEMENT, null);
        }
        if (q.is("COMMIT") || q.is("ROLLBACK")) {
            return commit(at, end, EventKind.COMMIT, null);
        }
        if (q.startsWith("SAVEPOINT") || q.startsWith("ROLLBACK TO") || q.startsWith("XA END")) {
            return member(at, EventKind.INTERNAL, null);
        }
        return member(at, EventKind.STATEMENT, transactionStart);
    }

    private TrackedEvent unknown(TypedEventHeader h, BinlogLocation at) {
        if ((h.getFlags() & IGNORABLE_FLAG) != 0) {
            return internal();
        }
        int code = h.typeCode();
        String why = code >= MARIADB_FIRST_COMPRESSED && code <= MARIADB_LAST_COMPRESSED
                ? "MariaDB compressed binlog events (log_bin_compress=ON) are not supported"
                : "binlog event type " + code + " is not supported";
        return new TrackedEvent(EventKind.UNSUPPORTED, at, null, false, why);
    }

    private void rotate(RotateEventData r, boolean artificial) {
        file = r.getBinlogFilename();
        nextPosition = r.getBinlogPosition();
        // A GTID-mode connection starts with a made-up rotate to where the server begins looking:
        // that is no resume point. A real rotate ends a file, between transactions.
        if (!inTransaction && (!artificial || !byGtid || boundary.file().isEmpty())) {
            boundary = new BinlogLocation(file, nextPosition, committedText);
            boundaryGtid = committed;
        }
    }

    private void beginTransaction() {
        inTransaction = true;
        transactionStart = boundary;
    }

    private TrackedEvent commit(BinlogLocation at, long end, EventKind kind, String problem) {
        if (committed != null && pendingGtid != null) {
            setCommitted(committed.with(pendingGtid));
        }
        pendingGtid = null;
        inTransaction = false;
        boundary = new BinlogLocation(file, end, committedText);
        boundaryGtid = committed;
        groupSize = 0;
        return new TrackedEvent(kind, at, boundary, true, problem);
    }

    /** An event of a transaction's group; {@code next} only for a statement inside a transaction. */
    private TrackedEvent member(BinlogLocation at, EventKind kind, BinlogLocation next) {
        if (groupSize == 0) {
            groupFile = at.file();
        }
        if (groupSize == groupPositions.length) {
            groupPositions = Arrays.copyOf(groupPositions, groupSize * 2);
        }
        groupPositions[groupSize++] = at.position();
        return new TrackedEvent(kind, at, next, true, null);
    }

    private static TrackedEvent internal() {
        return new TrackedEvent(EventKind.INTERNAL, null, null, false, null);
    }

    private void setCommitted(GtidSet set) {
        committed = set;
        committedText = set == null ? "" : set.toString();
    }
}
