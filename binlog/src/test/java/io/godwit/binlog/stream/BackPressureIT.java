package io.godwit.binlog.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.godwit.core.event.ChangeEvent;
import io.godwit.core.event.RowsInserted;
import io.godwit.core.event.TxCommit;
import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.TableId;
import io.godwit.core.testkit.DbEndpoint;
import io.godwit.core.testkit.TestDatabases;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A consumer that does not read holds the reader back: the queue never holds more bytes than its
 * bound, and the waiting reader is not mistaken for a dead connection.
 */
class BackPressureIT {
    private static final DbEndpoint SOURCE = TestDatabases.source1();
    private static final String DB = TestDatabases.schema(BackPressureIT.class, "pressure");
    private static final TableId T = TableId.of(DB, "t");
    private static final long CAPACITY = 256 * 1024;
    private static final int TRANSACTIONS = 20;
    private static final int ROWS_PER_TRANSACTION = 1_000;

    @Test
    void idleConsumerBoundsTheQueueAndCausesNoReconnect() throws Exception {
        SOURCE.execute("CREATE DATABASE " + DB, "CREATE TABLE " + T.quoted() + " (id INT PRIMARY KEY, pad VARCHAR(500))");
        BinlogLocation start = StreamFixture.masterStatus(SOURCE);
        for (int tx = 0; tx < TRANSACTIONS; tx++) {
            int from = tx * ROWS_PER_TRANSACTION + 1;
            SOURCE.execute("USE " + DB, "INSERT INTO " + T.quoted() + " SELECT seq, REPEAT('p', 500) FROM seq_"
                    + from + "_to_" + (from + ROWS_PER_TRANSACTION - 1));
        }
        // Heartbeats every 500 ms and a 2 s read timeout: an idle consumer for longer than that
        // would be a reconnect if waiting on the queue counted as silence.
        BinlogStreamConfig cfg = StreamFixture.config(SOURCE, BinlogStart.filePosition(start))
                .withQueueCapacityBytes(CAPACITY)
                .withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(10));
        try (ChangeStream stream = ChangeStream.open(ChangeStreamConfig.allTables(cfg), new InformationSchemaTables(SOURCE))) {
            BinlogStream binlog = stream.binlog();
            await().atMost(Duration.ofSeconds(30)).until(binlog::readerWaiting);
            assertThat(stream.queuedBytes()).isPositive().isLessThanOrEqualTo(CAPACITY);
            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10))
                    .until(() -> binlog.readerWaiting() && binlog.connections() == 1 && binlog.queuedBytes() <= CAPACITY);

            long rows = 0;
            int commits = 0;
            while (commits < TRANSACTIONS) {
                ChangeEvent e = stream.next(Duration.ofSeconds(20)).orElseThrow();
                if (e instanceof RowsInserted r) {
                    rows += r.rows().size();
                } else if (e instanceof TxCommit) {
                    commits++;
                }
            }
            assertThat(rows).isEqualTo((long) TRANSACTIONS * ROWS_PER_TRANSACTION);
            assertThat(binlog.peakQueuedBytes()).as("most bytes ever queued").isLessThanOrEqualTo(CAPACITY);
            assertThat(binlog.connections()).isEqualTo(1);
        }
    }
}
