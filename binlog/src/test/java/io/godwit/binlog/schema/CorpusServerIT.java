package io.godwit.binlog.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.godwit.binlog.ddl.DdlChange;
import io.godwit.binlog.ddl.DdlParser;
import io.godwit.binlog.ddl.ParsedDdl;
import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.ColumnInfo;
import io.godwit.core.model.TableId;
import io.godwit.core.model.TableInfo;
import io.godwit.core.testkit.DbEndpoint;
import io.godwit.core.testkit.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The tracker models the server, not itself: every corpus entry a MariaDB server can run is
 * split and routed into this test's own databases, executed there change by change, and after
 * each entry every table's columns ({@code information_schema.columns}: name, order, data type,
 * column type, nullability, character set, generated) and indexes ({@code SHOW INDEX}: name,
 * kind, parts, order) must read exactly like the tracker's model of it. At the end of each file, a
 * tracker seeded from the server's catalog must model every table the same, and every tracked
 * table's re-rendered {@code CREATE TABLE} is run on the server and must create that same table again.
 */
class CorpusServerIT {
    private static final BinlogLocation AT = new BinlogLocation("mysql-bin.000001", 4, null);
    private final DdlParser parser = new DdlParser();

    @TestFactory
    Stream<DynamicContainer> trackerReadsLikeTheServerAfterEveryStatement() throws SQLException {
        DbEndpoint db = TestDatabases.target();
        SourceDialect dialect = dialectOf(db);
        List<DynamicContainer> files = new ArrayList<>();
        for (String file : Corpus.FILES) {
            String prefix = TestDatabases.schema(getClass(), file.substring(0, 2));
            UnaryOperator<TableId> route = id -> TableId.of(prefix + "_" + id.schema(), id.table());
            SchemaTracker tracker = new SchemaTracker(dialect);
            List<DynamicTest> tests = new ArrayList<>();
            for (Corpus.Entry e : Corpus.load(file).entries()) {
                if (e.outcome() == Corpus.Outcome.CHANGES && e.noServer() == null) {
                    tests.add(DynamicTest.dynamicTest(e.label(), () -> runAndCompare(db, e, tracker, prefix, route)));
                }
            }
            tests.add(DynamicTest.dynamicTest("seeded from the server's catalog after " + file,
                    () -> seededTrackerMatches(db, tracker, dialect, route)));
            tests.add(DynamicTest.dynamicTest("re-rendered CREATE TABLEs of " + file,
                    () -> renderedTablesMatch(db, tracker, prefix)));
            files.add(DynamicContainer.dynamicContainer(file, tests));
        }
        return files.stream();
    }

    private void runAndCompare(DbEndpoint db, Corpus.Entry e, SchemaTracker tracker, String prefix,
                               UnaryOperator<TableId> route) throws SQLException {
        ParsedDdl parsed = parser.parse(e.use(), e.sql());
        tracker.apply(parsed, AT);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (DdlChange change : ((ParsedDdl.Changes) parsed).changes()) {
                String sql = change.route(route).sql();
                try {
                    s.execute(sql);
                } catch (SQLException ex) {
                    throw new AssertionError("the server rejected " + sql + ": " + ex.getMessage(), ex);
                }
            }
            compareAll(c, tracker, prefix, route);
        }
    }

    /** Every tracked table against the server, and no server table the tracker does not know. */
    private static void compareAll(Connection c, SchemaTracker tracker, String prefix, UnaryOperator<TableId> route)
            throws SQLException {
        Map<TableId, String> serverColumns = serverColumns(c, prefix + "\\_%");
        Map<TableId, String> trackedColumns = new TreeMap<>();
        Map<TableId, String> trackedKeys = new TreeMap<>();
        for (TableId id : tracker.tables()) {
            TrackedTable t = tracker.tracked(id).orElseThrow();
            trackedColumns.put(route.apply(id), Corpus.columns(t));
            trackedKeys.put(route.apply(id), Corpus.keys(t));
        }
        assertThat(trackedColumns).as("columns (tracker vs information_schema)").isEqualTo(serverColumns);
        Map<TableId, String> serverKeys = new TreeMap<>();
        for (TableId id : serverColumns.keySet()) {
            serverKeys.put(id, serverKeys(c, id));
        }
        assertThat(trackedKeys).as("indexes (tracker vs SHOW INDEX)").isEqualTo(serverKeys);
    }

    /**
     * A tracker seeded the way a task starts (TableInfo from information_schema and SHOW CREATE
     * TABLE, as the dumper reads them) models every table exactly like the tracker that followed
     * the DDL.
     */
    private static void seededTrackerMatches(DbEndpoint db, SchemaTracker followed, SourceDialect dialect,
                                             UnaryOperator<TableId> route) throws SQLException {
        SchemaTracker seeded = new SchemaTracker(dialect);
        try (Connection c = db.connect()) {
            for (TableId id : followed.tables()) {
                TableId onServer = route.apply(id);
                List<ColumnInfo> columns = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, IS_NULLABLE,"
                        + " EXTRA, CHARACTER_SET_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?"
                        + " ORDER BY ORDINAL_POSITION")) {
                    ps.setString(1, onServer.schema());
                    ps.setString(2, onServer.table());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            String extra = Objects.toString(rs.getString(5), "").toUpperCase(Locale.ROOT);
                            columns.add(new ColumnInfo(rs.getString(1), rs.getString(2).toLowerCase(Locale.ROOT),
                                    rs.getString(3), "YES".equals(rs.getString(4)), extra.contains("VIRTUAL")
                                    || extra.contains("STORED") || extra.contains("PERSISTENT"), rs.getString(6)));
                        }
                    }
                }
                String createSql;
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW CREATE TABLE " + onServer.quoted())) {
                    rs.next();
                    createSql = rs.getString(2);
                }
                seeded.seed(new TableInfo(id, createSql, columns, List.of()));
            }
        }
        for (TableId id : followed.tables()) {
            TrackedTable expected = followed.tracked(id).orElseThrow();
            TrackedTable actual = seeded.tracked(id).orElseThrow();
            assertThat(Corpus.columns(actual)).as("columns of " + id).isEqualTo(Corpus.columns(expected));
            assertThat(Corpus.keys(actual)).as("keys of " + id).isEqualTo(Corpus.keys(expected));
            assertThat(actual.charset()).as("default charset of " + id).isEqualTo(expected.charset());
            assertThat(seeded.find(id).orElseThrow().chunkKey()).isEqualTo(followed.find(id).orElseThrow().chunkKey());
        }
    }

    /** Each tracked table, created again from its rendered CREATE TABLE, reads like the model. */
    private static void renderedTablesMatch(DbEndpoint db, SchemaTracker tracker, String prefix) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            Map<TableId, String> expectedColumns = new TreeMap<>();
            Map<TableId, String> expectedKeys = new TreeMap<>();
            for (TableId id : tracker.tables()) {
                // The rendered statement names the table without its database, like SHOW CREATE TABLE.
                String copyDb = prefix + "_rendered_" + id.schema();
                s.execute("CREATE DATABASE IF NOT EXISTS " + TableId.quote(copyDb));
                s.execute("USE " + TableId.quote(copyDb));
                String sql = tracker.createTableSql(id).orElseThrow();
                try {
                    s.execute(sql);
                } catch (SQLException ex) {
                    throw new AssertionError("the server rejected the rendered " + sql + ": " + ex.getMessage(), ex);
                }
                // A table created anew has its keys sorted afresh (see TrackedTable.withKeysSorted).
                TrackedTable t = tracker.tracked(id).orElseThrow().withKeysSorted();
                expectedColumns.put(TableId.of(copyDb, id.table()), Corpus.columns(t));
                expectedKeys.put(TableId.of(copyDb, id.table()), Corpus.keys(t));
            }
            assertThat(serverColumns(c, prefix + "\\_rendered\\_%")).isEqualTo(expectedColumns);
            Map<TableId, String> keys = new TreeMap<>();
            for (TableId id : expectedKeys.keySet()) {
                keys.put(id, serverKeys(c, id));
            }
            assertThat(keys).isEqualTo(expectedKeys);
            dropDatabases(s, prefix);
        }
    }

    private static Map<TableId, String> serverColumns(Connection c, String schemaLike) throws SQLException {
        Map<TableId, List<String>> columns = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT c.TABLE_SCHEMA, c.TABLE_NAME, c.COLUMN_NAME, c.DATA_TYPE,"
                + " c.COLUMN_TYPE, c.IS_NULLABLE, c.CHARACTER_SET_NAME, c.EXTRA FROM information_schema.COLUMNS c"
                + " JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME"
                + " WHERE c.TABLE_SCHEMA LIKE ? AND t.TABLE_TYPE = 'BASE TABLE'"
                + " ORDER BY c.TABLE_SCHEMA, c.TABLE_NAME, c.ORDINAL_POSITION")) {
            ps.setString(1, schemaLike);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String extra = Objects.toString(rs.getString(8), "").toUpperCase(Locale.ROOT);
                    boolean generated = extra.contains("VIRTUAL") || extra.contains("STORED") || extra.contains("PERSISTENT");
                    columns.computeIfAbsent(TableId.of(rs.getString(1), rs.getString(2)), k -> new ArrayList<>())
                            .add(Corpus.column(rs.getString(3), rs.getString(4).toLowerCase(Locale.ROOT), rs.getString(5),
                                    "YES".equals(rs.getString(6)), rs.getString(7), generated));
                }
            }
        }
        Map<TableId, String> out = new TreeMap<>();
        columns.forEach((id, list) -> out.put(id, String.join(" | ", list)));
        return out;
    }

    private static String serverKeys(Connection c, TableId table) throws SQLException {
        Map<String, List<String>> parts = new LinkedHashMap<>();
        Map<String, String> kinds = new LinkedHashMap<>();
        Map<String, Boolean> invisible = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW INDEX FROM " + table.quoted())) {
            boolean mariaDbIgnored = hasColumn(rs, "Ignored");
            boolean mysqlVisible = hasColumn(rs, "Visible");
            while (rs.next()) {
                String name = rs.getString("Key_name");
                String type = rs.getString("Index_type");
                kinds.putIfAbsent(name, name.equals("PRIMARY") ? "PRIMARY" : rs.getInt("Non_unique") == 0 ? "UNIQUE"
                        : type.equals("FULLTEXT") ? "FULLTEXT" : type.equals("SPATIAL") ? "SPATIAL" : "INDEX");
                invisible.putIfAbsent(name, mariaDbIgnored && "YES".equals(rs.getString("Ignored"))
                        || mysqlVisible && "NO".equals(rs.getString("Visible")));
                // MariaDB reports a SPATIAL key's storage length (32) as Sub_part; it is not a prefix.
                Object subPart = type.equals("SPATIAL") ? null : rs.getObject("Sub_part");
                parts.computeIfAbsent(name, k -> new ArrayList<>()).add(Corpus.part(rs.getString("Column_name"),
                        subPart == null ? null : ((Number) subPart).intValue(), "D".equals(rs.getString("Collation"))));
            }
        }
        List<String> out = new ArrayList<>();
        parts.forEach((name, p) -> out.add(Corpus.index(kinds.get(name), name, p, invisible.get(name))));
        return String.join(" | ", out);
    }

    private static boolean hasColumn(ResultSet rs, String label) throws SQLException {
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            if (rs.getMetaData().getColumnLabel(i).equalsIgnoreCase(label)) {
                return true;
            }
        }
        return false;
    }

    private static void dropDatabases(Statement s, String prefix) throws SQLException {
        List<String> schemas = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE '"
                + prefix + "\\_%'")) {
            while (rs.next()) {
                schemas.add(rs.getString(1));
            }
        }
        for (String schema : schemas) {
            s.execute("DROP DATABASE " + TableId.quote(schema));
        }
    }

    private static SourceDialect dialectOf(DbEndpoint db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT VERSION(), @@character_set_server")) {
            rs.next();
            return SourceDialect.forServer(rs.getString(1), rs.getString(2));
        }
    }
}
