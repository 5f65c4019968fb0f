package io.godwit.binlog.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.godwit.core.event.ChangeEvent;
import io.godwit.core.event.DdlEvent;
import io.godwit.core.event.Heartbeat;
import io.godwit.core.event.RowsInserted;
import io.godwit.core.event.TxCommit;
import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.PartialOrder;
import io.godwit.core.model.TableId;
import io.godwit.core.testkit.DbEndpoint;
import io.godwit.core.testkit.TestDatabases;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Transactions, statements and the locations to resume from, against a real MariaDB source. */
class TransactionBoundaryIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final DbEndpoint SOURCE = TestDatabases.source1();
    private static final String DB = TestDatabases.schema(TransactionBoundaryIT.class, "tx");
    private static final TableId T = TableId.of(DB, "t");

    private static BinlogLocation beforeDdl;
    private static BinlogLocation afterCreateDatabase;
    private static BinlogLocation afterCreateTable;
    private static BinlogLocation afterFirstTx;
    private static BinlogLocation afterSecondTx;

    @BeforeAll
    static void writeThreeTransactions() throws Exception {
        beforeDdl = StreamFixture.masterStatus(SOURCE);
        SOURCE.execute("CREATE DATABASE " + DB);
        afterCreateDatabase = StreamFixture.masterStatus(SOURCE);
        SOURCE.execute("CREATE TABLE " + T.quoted() + " (id INT PRIMARY KEY, v VARCHAR(10))");
        afterCreateTable = StreamFixture.masterStatus(SOURCE);
        SOURCE.execute("START TRANSACTION", "INSERT INTO " + T.quoted() + " VALUES (1, 'a'), (2, 'b')",
                "INSERT INTO " + T.quoted() + " VALUES (3, 'c')", "COMMIT");
        afterFirstTx = StreamFixture.masterStatus(SOURCE);
        SOURCE.execute("INSERT INTO " + T.quoted() + " VALUES (4, 'd')");
        afterSecondTx = StreamFixture.masterStatus(SOURCE);
    }

    @Test
    void statementsAndCommitsCarryTheSourcesPositionAfterThem() {
        InformationSchemaTables schemas = new InformationSchemaTables(SOURCE);
        BinlogStreamConfig cfg = StreamFixture.config(SOURCE, BinlogStart.filePosition(beforeDdl));
        try (ChangeStream stream = ChangeStream.open(ChangeStreamConfig.allTables(cfg), schemas)) {
            List<ChangeEvent> events = withoutHeartbeats(StreamFixture.readUntil(stream,
                    e -> e instanceof TxCommit c && c.next().equals(afterSecondTx), WAIT));

            assertThat(events).hasSize(7);
            DdlEvent createDb = (DdlEvent) events.get(0);
            DdlEvent createTable = (DdlEvent) events.get(1);
            assertThat(createDb.sql()).isEqualTo("CREATE DATABASE " + DB);
            // The statement's own event follows the GTID event that opens its group.
            assertThat(createDb.at().file()).isEqualTo(beforeDdl.file());
            assertThat(createDb.at().compare(beforeDdl)).isEqualTo(PartialOrder.AFTER);
            assertThat(createDb.at().gtidSet()).isEqualTo(beforeDdl.gtidSet());
            assertThat(createDb.next()).isEqualTo(afterCreateDatabase);
            assertThat(createTable.schema()).isEmpty();
            assertThat(createTable.next()).isEqualTo(afterCreateTable);
            assertThat(schemas.applied()).extracting(InformationSchemaTables.Applied::sql)
                    .containsExactly(createDb.sql(), createTable.sql());
            assertThat(schemas.applied().get(1).at()).isEqualTo(createTable.at());

            // One transaction of two rows events, then its commit; then a transaction of one.
            assertThat(events.subList(2, 7)).extracting(e -> e.getClass().getSimpleName())
                    .containsExactly("RowsInserted", "RowsInserted", "TxCommit", "RowsInserted", "TxCommit");
            RowsInserted first = (RowsInserted) events.get(2);
            assertThat(first.table()).isEqualTo(T);
            assertThat(first.rows()).extracting(r -> r[0]).containsExactly(1L, 2L);
            assertThat(first.at().gtidSet()).isEqualTo(afterCreateTable.gtidSet());
            assertThat(((TxCommit) events.get(4)).next()).isEqualTo(afterFirstTx);
            RowsInserted second = (RowsInserted) events.get(5);
            assertThat(second.at().gtidSet()).as("rows carry the set committed before their transaction")
                    .isEqualTo(afterFirstTx.gtidSet());
            assertThat(((TxCommit) events.get(6)).next()).isEqualTo(afterSecondTx);
            assertThat(((TxCommit) events.get(6)).at().compare(afterSecondTx))
                    .isEqualTo(PartialOrder.BEFORE);
        }
    }

    @Test
    void resumingAtACommitByFileAndPositionReadsExactlyTheNextTransaction() {
        resumeAt(BinlogStart.filePosition(afterFirstTx));
    }

    @Test
    void resumingAtACommitByGtidSetReadsExactlyTheNextTransaction() {
        resumeAt(BinlogStart.gtidSet(afterFirstTx.gtidSet()));
    }

    private static void resumeAt(BinlogStart start) {
        BinlogStreamConfig cfg = StreamFixture.config(SOURCE, start);
        try (ChangeStream stream = ChangeStream.open(ChangeStreamConfig.allTables(cfg), new InformationSchemaTables(SOURCE))) {
            List<ChangeEvent> events = withoutHeartbeats(StreamFixture.readUntil(stream, e -> e instanceof TxCommit, WAIT));
            assertThat(events).hasSize(2);
            RowsInserted rows = (RowsInserted) events.get(0);
            assertThat(rows.rows()).extracting(r -> r[0]).containsExactly(4L);
            assertThat(rows.at().gtidSet()).isEqualTo(afterFirstTx.gtidSet());
            assertThat(rows.at().file()).isEqualTo(afterFirstTx.file());
            assertThat(((TxCommit) events.get(1)).next()).isEqualTo(afterSecondTx);
        }
    }

    private static List<ChangeEvent> withoutHeartbeats(List<ChangeEvent> events) {
        return events.stream().filter(e -> !(e instanceof Heartbeat)).toList();
    }
}
