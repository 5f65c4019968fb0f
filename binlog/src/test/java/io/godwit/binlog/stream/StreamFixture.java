package io.godwit.binlog.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.godwit.core.event.ChangeEvent;
import io.godwit.core.model.BinlogLocation;
import io.godwit.core.testkit.DbEndpoint;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/** Shared steps of the stream's integration tests. */
final class StreamFixture {
    /** Replica server ids unique within the test JVM (the fixtures are 101, 102, 201). */
    private static final AtomicLong SERVER_IDS = new AtomicLong(7000);

    private StreamFixture() {}

    static long nextServerId() {
        return SERVER_IDS.incrementAndGet();
    }

    static BinlogStreamConfig config(DbEndpoint db, BinlogStart start) {
        return BinlogStreamConfig.of(db.host(), db.port(), db.user(), db.password(), nextServerId(), start);
    }

    /** The source's current binlog position with its GTID position: where the next transaction will start. */
    static BinlogLocation masterStatus(DbEndpoint db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            String file;
            long pos;
            try (ResultSet rs = s.executeQuery("SHOW MASTER STATUS")) {
                rs.next();
                file = rs.getString(1);
                pos = rs.getLong(2);
            }
            try (ResultSet rs = s.executeQuery("SELECT @@gtid_binlog_pos")) {
                rs.next();
                return new BinlogLocation(file, pos, rs.getString(1));
            }
        }
    }

    /** Events until {@code last} matches one (included), failing after {@code timeout} of silence. */
    static List<ChangeEvent> readUntil(ChangeStream stream, Predicate<ChangeEvent> last, Duration timeout) {
        List<ChangeEvent> out = new ArrayList<>();
        while (true) {
            Optional<ChangeEvent> e = stream.next(timeout);
            assertThat(e).as("an event within %s after %d events", timeout, out.size()).isPresent();
            out.add(e.get());
            if (last.test(e.get())) {
                return out;
            }
        }
    }
}
