package io.godwit.binlog.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventData;
import com.github.shyiko.mysql.binlog.event.GtidEventData;
import com.github.shyiko.mysql.binlog.event.MariadbGtidEventData;
import com.github.shyiko.mysql.binlog.event.MySqlGtid;
import com.github.shyiko.mysql.binlog.event.PreviousGtidSetEventData;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import com.github.shyiko.mysql.binlog.event.XidEventData;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import io.godwit.core.db.ServerFlavor;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.GtidSet;
import io.godwit.core.model.MariaDbGtidSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Positions, boundaries and GTID sets of synthetic event sequences shaped like MariaDB's and MySQL's. */
class PositionTrackerTest {
    private static final int QUERY = 2, ROTATE = 4, FORMAT_DESCRIPTION = 15, XID = 16, TABLE_MAP = 19,
            WRITE_ROWS = 23, HEARTBEAT = 27, GTID = 33, PREVIOUS_GTIDS = 35, ANNOTATE_ROWS = 160, MARIADB_GTID = 162;
    private static final String FILE = "mysql-bin.000003";
    private static final String UUID_A = "3e11fa47-71ca-11e1-9e33-c80aa9429562";

    @Test
    void mariaDbTransactionPositionsAreComputedFromEventLengths() {
        PositionTracker t = mariaDb(new BinlogLocation(FILE, 1000, "0-101-4"));
        assertThat(t.track(rotate(FILE, 1000, true)).kind()).isEqualTo(EventKind.INTERNAL);
        assertThat(t.track(event(FORMAT_DESCRIPTION, 252, 0, 0, null)).kind()).isEqualTo(EventKind.INTERNAL);
        TrackedEvent gtid = t.track(event(MARIADB_GTID, 42, 1042, 0, mariaGtid(5, false)));
        assertThat(gtid.at()).isEqualTo(new BinlogLocation(FILE, 1000, "0-101-4"));
        TrackedEvent annotate = t.track(event(ANNOTATE_ROWS, 100, 0, 0, null));
        TrackedEvent map = t.track(event(TABLE_MAP, 50, 0, 0, null));
        TrackedEvent rows = t.track(event(WRITE_ROWS, 70, 0, 0, null));
        assertThat(annotate.at().position()).isEqualTo(1042);
        assertThat(map.at().position()).isEqualTo(1142);
        assertThat(rows.at()).isEqualTo(new BinlogLocation(FILE, 1192, "0-101-4"));
        assertThat(rows.kind()).isEqualTo(EventKind.ROWS);
        TrackedEvent xid = t.track(event(XID, 31, 1293, 0, new XidEventData()));
        assertThat(xid.kind()).isEqualTo(EventKind.COMMIT);
        assertThat(xid.at()).isEqualTo(new BinlogLocation(FILE, 1262, "0-101-4"));
        assertThat(xid.next()).isEqualTo(new BinlogLocation(FILE, 1293, "0-101-5"));
        assertThat(t.boundary()).isEqualTo(xid.next());
    }

    @Test
    void standaloneStatementIsItsOwnTransactionAndOneInsideATransactionResumesAtItsStart() {
        PositionTracker t = mariaDb(new BinlogLocation(FILE, 1000, "0-101-4"));
        t.track(event(MARIADB_GTID, 42, 1042, 0, mariaGtid(5, true)));
        TrackedEvent ddl = t.track(event(QUERY, 100, 1142, 0, query("CREATE TABLE t (id INT)")));
        assertThat(ddl.kind()).isEqualTo(EventKind.STATEMENT);
        assertThat(ddl.next()).isEqualTo(new BinlogLocation(FILE, 1142, "0-101-5"));

        t.track(event(MARIADB_GTID, 42, 1184, 0, mariaGtid(6, false)));
        TrackedEvent ctas = t.track(event(QUERY, 100, 0, 0, query("CREATE TABLE c (id INT)")));
        assertThat(ctas.kind()).isEqualTo(EventKind.STATEMENT);
        assertThat(ctas.next()).as("where the transaction began").isEqualTo(ddl.next());
        assertThat(t.track(event(QUERY, 60, 0, 0, query("SAVEPOINT s1"))).kind()).isEqualTo(EventKind.INTERNAL);
        TrackedEvent commit = t.track(event(QUERY, 70, 1414, 0, query("COMMIT")));
        assertThat(commit.kind()).isEqualTo(EventKind.COMMIT);
        assertThat(commit.next()).isEqualTo(new BinlogLocation(FILE, 1414, "0-101-6"));
    }

    @Test
    void rewindGoesBackToTheBoundaryAndTheGuardDropsExactlyTheReReadEvents() {
        PositionTracker t = mariaDb(new BinlogLocation(FILE, 1000, "0-101-4"));
        t.track(event(MARIADB_GTID, 42, 1042, 0, mariaGtid(5, false)));
        t.track(event(TABLE_MAP, 50, 0, 0, null));
        t.track(event(WRITE_ROWS, 70, 0, 0, null));
        PositionTracker.Replay replay = t.rewindToBoundary();
        assertThat(replay.file()).isEqualTo(FILE);
        assertThat(replay.positions()).containsExactly(1000, 1042, 1092);
        assertThat(t.here()).isEqualTo(t.boundary()).isEqualTo(new BinlogLocation(FILE, 1000, "0-101-4"));

        ReplayGuard guard = new ReplayGuard(replay);
        t.track(rotate(FILE, 1000, true));
        assertThat(guard.alreadyDelivered(t.track(event(MARIADB_GTID, 42, 1042, 0, mariaGtid(5, false))))).isTrue();
        assertThat(guard.alreadyDelivered(t.track(event(TABLE_MAP, 50, 0, 0, null)))).isTrue();
        assertThat(guard.alreadyDelivered(t.track(event(WRITE_ROWS, 70, 0, 0, null)))).isTrue();
        assertThat(guard.done()).isTrue();
        assertThat(guard.alreadyDelivered(t.track(event(WRITE_ROWS, 70, 0, 0, null)))).as("new").isFalse();
    }

    @Test
    void reReadEventsThatDoNotLineUpStopTheStream() {
        PositionTracker t = mariaDb(new BinlogLocation(FILE, 1000, "0-101-4"));
        t.track(event(MARIADB_GTID, 42, 1042, 0, mariaGtid(5, false)));
        t.track(event(WRITE_ROWS, 70, 0, 0, null));
        ReplayGuard guard = new ReplayGuard(t.rewindToBoundary());
        assertThat(guard.alreadyDelivered(t.track(event(MARIADB_GTID, 42, 1042, 0, mariaGtid(5, false))))).isTrue();
        // Another server: its next event is longer, the rows event starts elsewhere.
        TrackedEvent other = t.track(event(TABLE_MAP, 80, 1150, 0, null));
        assertThatThrownBy(() -> guard.alreadyDelivered(other)).isInstanceOfSatisfying(GodwitException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.BINLOG_STREAM_MISMATCH);
            assertThat(e.getMessage()).contains("1042").contains(FILE);
        });
        assertThat(guard.restart().done()).isFalse();
    }

    @Test
    void rotateBetweenTransactionsMovesTheBoundaryAndHeartbeatsReportIt() {
        PositionTracker t = mariaDb(new BinlogLocation(FILE, 1000, "0-101-4"));
        t.track(rotate("mysql-bin.000004", 4, false));
        assertThat(t.boundary()).isEqualTo(new BinlogLocation("mysql-bin.000004", 4, "0-101-4"));
        TrackedEvent hb = t.track(event(HEARTBEAT, 40, 999, 0, null));
        assertThat(hb.kind()).isEqualTo(EventKind.HEARTBEAT);
        assertThat(hb.at()).isEqualTo(t.boundary());
    }

    @Test
    void mySqlSetIsLearnedFromPreviousGtidsAndGrowsByEachCommit() {
        PositionTracker t = new PositionTracker(ServerFlavor.MYSQL, new BinlogLocation(FILE, 4, ""), null, false);
        t.track(event(FORMAT_DESCRIPTION, 120, 124, 0, null));
        PreviousGtidSetEventData previous = new PreviousGtidSetEventData(UUID_A + ":1-7");
        t.track(event(PREVIOUS_GTIDS, 71, 195, 0, previous));
        assertThat(t.boundary().gtidSet()).isEqualTo(UUID_A + ":1-7");
        t.track(event(GTID, 65, 260, 0, new GtidEventData(new MySqlGtid(UUID.fromString(UUID_A), 8), (byte) 0, 0, 0, 0, 0, 0, 0, 0)));
        assertThat(t.track(event(QUERY, 70, 330, 0, query("BEGIN"))).kind()).isEqualTo(EventKind.INTERNAL);
        TrackedEvent rows = t.track(event(WRITE_ROWS, 50, 380, 0, null));
        assertThat(rows.at()).isEqualTo(new BinlogLocation(FILE, 330, UUID_A + ":1-7"));
        TrackedEvent xid = t.track(event(XID, 31, 411, 0, new XidEventData()));
        assertThat(xid.next()).isEqualTo(new BinlogLocation(FILE, 411, UUID_A + ":1-8"));
    }

    @Test
    void unknownEventsStopTheStreamUnlessMarkedIgnorable() {
        PositionTracker t = mariaDb(new BinlogLocation(FILE, 1000, "0-101-4"));
        assertThat(t.track(event(200, 30, 1030, PositionTracker.IGNORABLE_FLAG, null)).kind()).isEqualTo(EventKind.INTERNAL);
        TrackedEvent compressed = t.track(event(166, 30, 1060, 0, null));
        assertThat(compressed.kind()).isEqualTo(EventKind.UNSUPPORTED);
        assertThat(compressed.problem()).contains("log_bin_compress");
        assertThat(t.track(event(201, 30, 1090, 0, null)).problem()).contains("201");
    }

    private static PositionTracker mariaDb(BinlogLocation start) {
        GtidSet set = MariaDbGtidSet.parse(start.gtidSet());
        return new PositionTracker(ServerFlavor.MARIADB, start, set, false);
    }

    private static Event rotate(String file, long position, boolean artificial) {
        RotateEventData r = new RotateEventData();
        r.setBinlogFilename(file);
        r.setBinlogPosition(position);
        return new Event(header(ROTATE, artificial ? 0 : 1_700_000_000, 47, artificial ? 0 : 5000,
                artificial ? TypedEventHeader.ARTIFICIAL_FLAG : 0), r);
    }

    private static Event event(int type, long length, long logPos, int flags, EventData data) {
        return new Event(header(type, 1_700_000_000, length, logPos, flags), data);
    }

    private static MariadbGtidEventData mariaGtid(long seq, boolean standalone) {
        MariadbGtidEventData g = new MariadbGtidEventData();
        g.setDomainId(0);
        g.setSequence(seq);
        g.setFlags(standalone ? MariadbGtidEventData.FL_STANDALONE : 0);
        return g;
    }

    private static RawQueryEventData query(String sql) {
        return new RawQueryEventData("db", sql.getBytes(StandardCharsets.UTF_8), 45);
    }

    /** A v4 header as the server sends it, read by the stream's own header deserializer. */
    private static TypedEventHeader header(int type, long timestamp, long length, long logPos, int flags) {
        byte[] b = new byte[19];
        put(b, 0, timestamp, 4);
        b[4] = (byte) type;
        put(b, 5, 101, 4);
        put(b, 9, length, 4);
        put(b, 13, logPos, 4);
        put(b, 17, flags, 2);
        try {
            return new TypedEventHeader.Deserializer().deserialize(new ByteArrayInputStream(b));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void put(byte[] b, int offset, long v, int n) {
        for (int i = 0; i < n; i++) {
            b[offset + i] = (byte) (v >> (8 * i));
        }
    }
}
