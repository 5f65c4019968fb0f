package io.godwit.binlog.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.event.ChangeEvent;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.BinlogLocation;
import io.godwit.core.testkit.DbEndpoint;
import io.godwit.core.testkit.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Starting from a binlog the source has purged fails with BINLOG_PURGED naming what is missing
 * and the way out: found by SHOW BINARY LOGS for a file start, and by the server's error 1236 for
 * a GTID start. Runs on source2, whose older binlogs this test removes.
 */
class PurgedBinlogIT {
    private static final DbEndpoint SOURCE = TestDatabases.source2();
    private static final String DB = TestDatabases.schema(PurgedBinlogIT.class, "purged");

    private static BinlogLocation purgedPoint;
    private static String oldestLeft;

    @BeforeAll
    static void purgeOlderBinlogs() throws Exception {
        SOURCE.execute("CREATE DATABASE " + DB);
        SOURCE.execute("FLUSH BINARY LOGS");
        purgedPoint = StreamFixture.masterStatus(SOURCE);
        SOURCE.execute("CREATE TABLE " + DB + ".t (id INT PRIMARY KEY)", "INSERT INTO " + DB + ".t VALUES (1)");
        SOURCE.execute("FLUSH BINARY LOGS");
        SOURCE.execute("FLUSH BINARY LOGS");
        oldestLeft = StreamFixture.masterStatus(SOURCE).file();
        // MariaDB keeps a file until InnoDB's binlog checkpoint has passed it, and then purges
        // it silently later: purge until the server lists no older file.
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            SOURCE.execute("PURGE BINARY LOGS TO '" + oldestLeft + "'");
            return oldestBinlog().equals(oldestLeft);
        });
    }

    private static String oldestBinlog() throws Exception {
        try (Connection c = SOURCE.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW BINARY LOGS")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void fileStartInAPurgedFileNamesTheFileAndTheWayOut() {
        BinlogStreamConfig cfg = StreamFixture.config(SOURCE, BinlogStart.filePosition(purgedPoint.file(), 4));
        assertThatThrownBy(() -> ChangeStream.open(ChangeStreamConfig.allTables(cfg), new InformationSchemaTables(SOURCE)))
                .isInstanceOfSatisfying(GodwitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BINLOG_PURGED);
                    assertThat(e.getMessage()).contains(purgedPoint.file()).contains(oldestLeft).contains("meta")
                            .contains("full dump");
                });
    }

    @Test
    void gtidStartBeforeThePurgeFailsWithTheServersError1236() {
        BinlogStreamConfig cfg = StreamFixture.config(SOURCE, BinlogStart.gtidSet(purgedPoint.gtidSet()));
        try (ChangeStream stream = ChangeStream.open(ChangeStreamConfig.allTables(cfg), new InformationSchemaTables(SOURCE))) {
            assertThatThrownBy(() -> {
                // The source answers the dump request with the error; any event before it is a failure.
                ChangeEvent e = stream.next(Duration.ofSeconds(30)).orElseThrow(() -> new AssertionError("no error in 30 s"));
                throw new AssertionError("the stream delivered " + e + " instead of failing");
            }).isInstanceOfSatisfying(GodwitException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.BINLOG_PURGED);
                assertThat(e.getMessage()).contains(purgedPoint.gtidSet()).contains("1236").contains("meta");
            });
            assertThat(stream.binlog().connections()).as("not retried").isEqualTo(1);
        }
    }
}
