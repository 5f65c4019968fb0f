package io.godwit.binlog.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.godwit.core.event.ChangeEvent;
import io.godwit.core.event.RowsInserted;
import io.godwit.core.event.TxCommit;
import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.PartialOrder;
import io.godwit.core.model.TableId;
import io.godwit.core.testkit.DbEndpoint;
import io.godwit.core.testkit.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A lost connection in the middle of a large transaction is invisible to the consumer: the
 * source's dump thread is killed while a multi-row transaction streams, the stream reconnects at
 * the transaction's start, drops what it had passed on already, and every row arrives once.
 */
class ReconnectIT {
    private static final DbEndpoint SOURCE = TestDatabases.source1();
    private static final String DB = TestDatabases.schema(ReconnectIT.class, "reconnect");
    private static final int ROWS = 150_000;

    @ParameterizedTest(name = "started by {0}")
    @ValueSource(strings = {"file", "gtid"})
    void killedDumpThreadMidTransactionDeliversEveryEventExactlyOnce(String startBy) throws Exception {
        String db = DB + "_" + startBy;
        TableId table = TableId.of(db, "big");
        SOURCE.execute("CREATE DATABASE " + db, "CREATE TABLE " + table.quoted() + " (id INT PRIMARY KEY, pad VARCHAR(200))");
        BinlogLocation start = StreamFixture.masterStatus(SOURCE);
        // About 30 MB of rows events in one transaction: far more than socket buffers hold, so the
        // reader is inside it when the connection dies.
        SOURCE.execute("USE " + db, "INSERT INTO " + table.quoted() + " SELECT seq, REPEAT('x', 200) FROM seq_1_to_" + ROWS);
        SOURCE.execute("INSERT INTO " + table.quoted() + " VALUES (" + (ROWS + 1) + ", 'after')");
        BinlogLocation end = StreamFixture.masterStatus(SOURCE);

        BinlogStart from = startBy.equals("gtid") ? BinlogStart.gtidSet(start.gtidSet()) : BinlogStart.filePosition(start);
        BinlogStreamConfig cfg = StreamFixture.config(SOURCE, from).withQueueCapacityBytes(64 * 1024);
        BitSet seen = new BitSet();
        List<TxCommit> commits = new ArrayList<>();
        long rowEvents = 0;
        BinlogLocation previous = null;
        try (ChangeStream stream = ChangeStream.open(ChangeStreamConfig.allTables(cfg), new InformationSchemaTables(SOURCE))) {
            boolean killed = false;
            while (commits.size() < 2) {
                ChangeEvent e = stream.next(Duration.ofSeconds(30)).orElseThrow();
                if (e instanceof RowsInserted rows) {
                    if (previous != null) {
                        assertThat(rows.at().compare(previous)).as("binlog order").isEqualTo(PartialOrder.AFTER);
                    }
                    previous = rows.at();
                    for (Object[] row : rows.rows()) {
                        int id = ((Long) row[0]).intValue();
                        assertThat(seen.get(id)).as("row %d delivered twice", id).isFalse();
                        seen.set(id);
                    }
                    if (++rowEvents == 100 && !killed) {
                        assertThat(killBinlogDumpThreads()).isPositive();
                        killed = true;
                    }
                } else if (e instanceof TxCommit c) {
                    commits.add(c);
                }
            }
            assertThat(stream.binlog().connections()).as("connections").isGreaterThanOrEqualTo(2);
            assertThat(stream.binlog().replayedEvents()).as("re-read events dropped").isPositive();
        }
        assertThat(seen.cardinality()).isEqualTo(ROWS + 1);
        assertThat(seen.nextClearBit(1)).isEqualTo(ROWS + 2);
        assertThat(commits.get(1).next()).isEqualTo(end);
    }

    /** KILLs the source's binlog dump threads, as an operator or a network cut would end them. */
    private static int killBinlogDumpThreads() throws Exception {
        List<Long> ids = new ArrayList<>();
        try (Connection c = SOURCE.connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SHOW PROCESSLIST")) {
                while (rs.next()) {
                    if ("Binlog Dump".equals(rs.getString("Command"))) {
                        ids.add(rs.getLong("Id"));
                    }
                }
            }
            for (long id : ids) {
                s.execute("KILL " + id);
            }
        }
        return ids.size();
    }
}
