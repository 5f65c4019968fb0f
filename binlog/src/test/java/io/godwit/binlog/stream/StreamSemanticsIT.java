package io.godwit.binlog.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godwit.binlog.TableSchemas;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.event.ChangeEvent;
import io.godwit.core.event.DdlEvent;
import io.godwit.core.event.Heartbeat;
import io.godwit.core.event.RowsInserted;
import io.godwit.core.event.TxCommit;
import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.TableId;
import io.godwit.core.model.TableInfo;
import io.godwit.core.testkit.DbEndpoint;
import io.godwit.core.testkit.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How binlog events map to change events beyond plain DML: filters, statements, XA, errors, heartbeats. */
class StreamSemanticsIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final DbEndpoint SOURCE = TestDatabases.source1();

    @Test
    void rowsOfTablesNotOfInterestAreDroppedAndCounted() throws Exception {
        String db = TestDatabases.schema(getClass(), "filter");
        SOURCE.execute("CREATE DATABASE " + db, "CREATE TABLE " + db + ".kept (id INT PRIMARY KEY)",
                "CREATE TABLE " + db + ".skipped (id INT PRIMARY KEY)");
        BinlogLocation start = StreamFixture.masterStatus(SOURCE);
        SOURCE.execute("START TRANSACTION", "INSERT INTO " + db + ".skipped VALUES (1), (2), (3)",
                "INSERT INTO " + db + ".kept VALUES (10)", "COMMIT", "ALTER TABLE " + db + ".skipped COMMENT 'still seen'");
        TableId kept = TableId.of(db, "kept");
        // The tracker knows nothing of the skipped table: its rows must not even be looked up.
        TableSchemas onlyKept = new InformationSchemaTables(SOURCE) {
            @Override public Optional<TableInfo> find(TableId table) {
                return table.equals(kept) ? super.find(table) : Optional.empty();
            }
        };
        ChangeStreamConfig cfg = new ChangeStreamConfig(
                StreamFixture.config(SOURCE, BinlogStart.filePosition(start)), kept::equals);
        try (ChangeStream stream = ChangeStream.open(cfg, onlyKept)) {
            List<ChangeEvent> events = dataEvents(StreamFixture.readUntil(stream, DdlEvent.class::isInstance, WAIT));
            assertThat(events).hasSize(3);
            assertThat(((RowsInserted) events.get(0)).table()).isEqualTo(kept);
            assertThat(events.get(1)).isInstanceOf(TxCommit.class);
            assertThat(((DdlEvent) events.get(2)).sql()).contains("still seen");
            assertThat(stream.droppedRowEvents()).isEqualTo(1);
            assertThat(stream.droppedRows()).isEqualTo(3);
        }
    }

    @Test
    void rowsOfAnUntrackedTableOfInterestStopTheStreamAtTheirPosition() throws Exception {
        String db = TestDatabases.schema(getClass(), "untracked");
        SOURCE.execute("CREATE DATABASE " + db, "CREATE TABLE " + db + ".t (id INT PRIMARY KEY)");
        BinlogLocation start = StreamFixture.masterStatus(SOURCE);
        SOURCE.execute("INSERT INTO " + db + ".t VALUES (1)");
        TableSchemas nothing = new InformationSchemaTables(SOURCE) {
            @Override public Optional<TableInfo> find(TableId table) {
                return Optional.empty();
            }
        };
        BinlogStreamConfig cfg = StreamFixture.config(SOURCE, BinlogStart.filePosition(start));
        try (ChangeStream stream = ChangeStream.open(ChangeStreamConfig.allTables(cfg), nothing)) {
            assertThatThrownBy(() -> stream.next(WAIT)).isInstanceOfSatisfying(GodwitException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.SYNC_TABLE_UNKNOWN);
                assertThat(e.getMessage()).contains(db + ".t").contains(start.file());
            });
            assertThatThrownBy(() -> stream.next(WAIT)).as("the stream stays failed")
                    .isInstanceOf(GodwitException.class);
        }
    }

    @Test
    void rowsThatDoNotFitTheTrackedSchemaStopTheStream() throws Exception {
        String db = TestDatabases.schema(getClass(), "mismatch");
        SOURCE.execute("CREATE DATABASE " + db, "CREATE TABLE " + db + ".t (id INT PRIMARY KEY, v INT)");
        BinlogLocation start = StreamFixture.masterStatus(SOURCE);
        SOURCE.execute("INSERT INTO " + db + ".t VALUES (1, 2)");
        TableSchemas oneColumnShort = new InformationSchemaTables(SOURCE) {
            @Override public Optional<TableInfo> find(TableId table) {
                return super.find(table).map(t -> new TableInfo(t.id(), "", t.columns().subList(0, 1), List.of()));
            }
        };
        BinlogStreamConfig cfg = StreamFixture.config(SOURCE, BinlogStart.filePosition(start));
        try (ChangeStream stream = ChangeStream.open(ChangeStreamConfig.allTables(cfg), oneColumnShort)) {
            assertThatThrownBy(() -> stream.next(WAIT)).isInstanceOfSatisfying(GodwitException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.SYNC_TABLE_UNKNOWN);
                assertThat(e.getMessage()).contains("2 columns").contains("1");
            });
        }
    }

    @Test
    void createTableSelectIsAStatementInsideItsTransaction() throws Exception {
        String db = TestDatabases.schema(getClass(), "ctas");
        SOURCE.execute("CREATE DATABASE " + db, "CREATE TABLE " + db + ".src (id INT PRIMARY KEY)",
                "INSERT INTO " + db + ".src VALUES (1), (2)");
        BinlogLocation start = StreamFixture.masterStatus(SOURCE);
        SOURCE.execute("CREATE TABLE " + db + ".copy ENGINE=InnoDB AS SELECT id FROM " + db + ".src");
        BinlogLocation end = StreamFixture.masterStatus(SOURCE);
        InformationSchemaTables schemas = new InformationSchemaTables(SOURCE);
        BinlogStreamConfig cfg = StreamFixture.config(SOURCE, BinlogStart.filePosition(start));
        try (ChangeStream stream = ChangeStream.open(ChangeStreamConfig.allTables(cfg), schemas)) {
            List<ChangeEvent> events = dataEvents(StreamFixture.readUntil(stream, TxCommit.class::isInstance, WAIT));
            assertThat(events).hasSize(3);
            DdlEvent create = (DdlEvent) events.get(0);
            assertThat(create.sql()).startsWith("CREATE TABLE `" + db + "`.`copy`");
            assertThat(create.next()).as("not a resume point: resuming re-reads the whole transaction").isEqualTo(start);
            assertThat(schemas.applied()).extracting(InformationSchemaTables.Applied::sql).containsExactly(create.sql());
            assertThat(((RowsInserted) events.get(1)).rows()).extracting(r -> r[0]).containsExactly(1L, 2L);
            assertThat(((TxCommit) events.get(2)).next()).isEqualTo(end);
        }
    }

    @Test
    void xaPrepareAndCommitEndTransactionsAndRollbackAfterPrepareStops() throws Exception {
        String db = TestDatabases.schema(getClass(), "xa");
        SOURCE.execute("CREATE DATABASE " + db, "CREATE TABLE " + db + ".t (id INT PRIMARY KEY)");
        BinlogLocation start = StreamFixture.masterStatus(SOURCE);
        SOURCE.execute("XA START 'g1'", "INSERT INTO " + db + ".t VALUES (1)", "XA END 'g1'", "XA PREPARE 'g1'",
                "XA COMMIT 'g1'");
        BinlogLocation committed = StreamFixture.masterStatus(SOURCE);
        SOURCE.execute("XA START 'g2'", "INSERT INTO " + db + ".t VALUES (2)", "XA END 'g2'", "XA PREPARE 'g2'",
                "XA ROLLBACK 'g2'");
        BinlogStreamConfig cfg = StreamFixture.config(SOURCE, BinlogStart.filePosition(start));
        try (ChangeStream stream = ChangeStream.open(ChangeStreamConfig.allTables(cfg), new InformationSchemaTables(SOURCE))) {
            List<ChangeEvent> events = dataEvents(StreamFixture.readUntil(stream,
                    e -> e instanceof TxCommit c && c.next().equals(committed), WAIT));
            // XA PREPARE ends the transaction that carries the rows; XA COMMIT is one of its own.
            assertThat(events).extracting(e -> e.getClass().getSimpleName())
                    .containsExactly("RowsInserted", "TxCommit", "TxCommit");
            assertThat(dataEvents(StreamFixture.readUntil(stream, TxCommit.class::isInstance, WAIT)))
                    .extracting(e -> e.getClass().getSimpleName()).containsExactly("RowsInserted", "TxCommit");
            assertThatThrownBy(() -> stream.next(WAIT)).isInstanceOfSatisfying(GodwitException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.BINLOG_FORMAT_UNSUPPORTED);
                assertThat(e.getMessage()).contains("XA ROLLBACK");
            });
        }
    }

    @Test
    void nonTransactionalTablesCommitByQuery() throws Exception {
        String db = TestDatabases.schema(getClass(), "myisam");
        SOURCE.execute("CREATE DATABASE " + db, "CREATE TABLE " + db + ".m (id INT PRIMARY KEY) ENGINE=MyISAM");
        BinlogLocation start = StreamFixture.masterStatus(SOURCE);
        SOURCE.execute("INSERT INTO " + db + ".m VALUES (7)");
        BinlogLocation end = StreamFixture.masterStatus(SOURCE);
        BinlogStreamConfig cfg = StreamFixture.config(SOURCE, BinlogStart.filePosition(start));
        try (ChangeStream stream = ChangeStream.open(ChangeStreamConfig.allTables(cfg), new InformationSchemaTables(SOURCE))) {
            List<ChangeEvent> events = dataEvents(StreamFixture.readUntil(stream, TxCommit.class::isInstance, WAIT));
            assertThat(((RowsInserted) events.get(0)).rows()).extracting(r -> r[0]).containsExactly(7L);
            assertThat(((TxCommit) events.get(1)).next()).isEqualTo(end);
        }
    }

    @Test
    void statementsAreReadInTheSessionsCharacterSet() throws Exception {
        String db = TestDatabases.schema(getClass(), "latin1ddl");
        SOURCE.execute("CREATE DATABASE " + db);
        BinlogLocation start = StreamFixture.masterStatus(SOURCE);
        String latin1Url = SOURCE.jdbcUrl().replace("characterEncoding=UTF-8", "characterEncoding=Cp1252");
        try (Connection c = DriverManager.getConnection(latin1Url, SOURCE.user(), SOURCE.password());
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + db + ".t (id INT PRIMARY KEY) COMMENT 'café crème'");
        }
        BinlogStreamConfig cfg = StreamFixture.config(SOURCE, BinlogStart.filePosition(start));
        try (ChangeStream stream = ChangeStream.open(ChangeStreamConfig.allTables(cfg), new InformationSchemaTables(SOURCE))) {
            DdlEvent ddl = (DdlEvent) dataEvents(StreamFixture.readUntil(stream, DdlEvent.class::isInstance, WAIT)).get(0);
            assertThat(ddl.sql()).endsWith("COMMENT 'café crème'");
        }
    }

    @Test
    void anIdleSourceSendsHeartbeatsAtTheLastBoundary() throws Exception {
        String db = TestDatabases.schema(getClass(), "idle");
        BinlogLocation start = StreamFixture.masterStatus(SOURCE);
        SOURCE.execute("CREATE DATABASE " + db);
        BinlogLocation end = StreamFixture.masterStatus(SOURCE);
        BinlogStreamConfig cfg = StreamFixture.config(SOURCE, BinlogStart.filePosition(start))
                .withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(5), Duration.ofSeconds(10));
        try (ChangeStream stream = ChangeStream.open(ChangeStreamConfig.allTables(cfg), new InformationSchemaTables(SOURCE))) {
            StreamFixture.readUntil(stream, DdlEvent.class::isInstance, WAIT);
            ChangeEvent next = stream.next(WAIT).orElseThrow();
            assertThat(next).isInstanceOf(Heartbeat.class);
            assertThat(next.at()).isEqualTo(end);
        }
    }

    private static List<ChangeEvent> dataEvents(List<ChangeEvent> events) {
        return events.stream().filter(e -> !(e instanceof Heartbeat)).toList();
    }
}
