package io.godwit.binlog.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.godwit.core.event.ChangeEvent;
import io.godwit.core.event.RowsDeleted;
import io.godwit.core.event.RowsInserted;
import io.godwit.core.event.RowsUpdated;
import io.godwit.core.event.TxCommit;
import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.TableId;
import io.godwit.core.testkit.DbEndpoint;
import io.godwit.core.testkit.TestDatabases;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every column type through the binlog and back: rows are inserted, updated and deleted on a real
 * MariaDB source, and each decoded value must equal what the server returns for the same row over
 * JDBC (floating point compared through the binary protocol, which carries the exact bits).
 */
class ColumnTypesIT {
    private static final DbEndpoint SOURCE = TestDatabases.source1();
    private static final String DB = TestDatabases.schema(ColumnTypesIT.class, "types");
    private static final TableId T = TableId.of(DB, "all_types");
    private static final byte[] BIG_BLOB = new byte[1_200_000];

    /** How a column's value is read from the server and compared. */
    enum Kind { INTEGER, DECIMAL, FLOAT, DOUBLE, BYTES, TEXT, DATE, DATETIME, TIME }

    record Col(String name, String ddl, Kind kind, int fsp) {
        Col(String name, String ddl, Kind kind) { this(name, ddl, kind, 0); }

        /** The select-list expression whose value is compared. */
        String expr() {
            return switch (kind) {
                case INTEGER -> name.equals("y") ? "CAST(y + 0 AS CHAR)" : "CAST(" + name + " AS CHAR)";
                case DATE, DATETIME, TIME -> "CAST(" + name + " AS CHAR)";
                // The server's own conversion to Unicode: Connector/J would read latin1 bytes
                // through Java's windows-1252, which lacks five of MySQL latin1's characters.
                case TEXT -> "CONVERT(" + name + " USING utf8mb4)";
                default -> name;
            };
        }
    }

    private static final List<Col> COLS = List.of(
            new Col("id", "INT PRIMARY KEY", Kind.INTEGER),
            new Col("ti", "TINYINT", Kind.INTEGER), new Col("tiu", "TINYINT UNSIGNED", Kind.INTEGER),
            new Col("si", "SMALLINT", Kind.INTEGER), new Col("siu", "SMALLINT UNSIGNED", Kind.INTEGER),
            new Col("mi", "MEDIUMINT", Kind.INTEGER), new Col("miu", "MEDIUMINT UNSIGNED", Kind.INTEGER),
            new Col("i", "INT", Kind.INTEGER), new Col("iu", "INT UNSIGNED", Kind.INTEGER),
            new Col("bi", "BIGINT", Kind.INTEGER), new Col("biu", "BIGINT UNSIGNED", Kind.INTEGER),
            new Col("dec65", "DECIMAL(65,30)", Kind.DECIMAL), new Col("dec10", "DECIMAL(10,2)", Kind.DECIMAL),
            new Col("f", "FLOAT", Kind.FLOAT), new Col("d", "DOUBLE", Kind.DOUBLE),
            new Col("b1", "BIT(1)", Kind.BYTES), new Col("b10", "BIT(10)", Kind.BYTES), new Col("b64", "BIT(64)", Kind.BYTES),
            new Col("dt", "DATE", Kind.DATE),
            new Col("dtm", "DATETIME(6)", Kind.DATETIME, 6), new Col("dtm0", "DATETIME", Kind.DATETIME, 0),
            new Col("dtm2", "DATETIME(2)", Kind.DATETIME, 2), new Col("dtm3", "DATETIME(3)", Kind.DATETIME, 3),
            new Col("ts", "TIMESTAMP(6) NULL DEFAULT NULL", Kind.DATETIME, 6),
            new Col("ts0", "TIMESTAMP NULL DEFAULT NULL", Kind.DATETIME, 0),
            new Col("tm", "TIME(6)", Kind.TIME), new Col("tm0", "TIME", Kind.TIME),
            new Col("tm1", "TIME(1)", Kind.TIME), new Col("tm3", "TIME(3)", Kind.TIME),
            new Col("y", "YEAR", Kind.INTEGER),
            new Col("c", "CHAR(10) CHARACTER SET utf8mb4", Kind.TEXT),
            new Col("vc", "VARCHAR(100) CHARACTER SET utf8mb4", Kind.TEXT),
            new Col("l1", "VARCHAR(200) CHARACTER SET latin1", Kind.TEXT),
            new Col("lt", "TEXT CHARACTER SET latin1", Kind.TEXT),
            new Col("txt", "MEDIUMTEXT CHARACTER SET utf8mb4", Kind.TEXT),
            new Col("bin", "BINARY(8)", Kind.BYTES), new Col("vbin", "VARBINARY(20)", Kind.BYTES),
            new Col("blb", "LONGBLOB", Kind.BYTES),
            new Col("e", "ENUM('a','b''c','x,y')", Kind.TEXT), new Col("st", "SET('r','g','b')", Kind.TEXT),
            new Col("j", "JSON", Kind.TEXT),
            new Col("pt", "POINT NULL", Kind.BYTES),
            new Col("g", "BIGINT AS (si * 2) VIRTUAL", Kind.INTEGER),
            new Col("gs", "VARCHAR(120) AS (CONCAT(vc, '!')) STORED", Kind.TEXT));

    private static final String LATIN1_HIGH;

    static {
        StringBuilder hex = new StringBuilder();
        for (int b = 0x80; b <= 0xFF; b++) {
            hex.append(String.format("%02X", b));
        }
        LATIN1_HIGH = "_latin1 X'" + hex + "'";
        new Random(42).nextBytes(BIG_BLOB);
    }

    private static BinlogLocation start;
    private static Map<Long, Map<String, Object>> inserted;
    private static Map<String, Object> updated;

    @BeforeAll
    static void writeRows() throws Exception {
        SOURCE.execute("CREATE DATABASE " + DB);
        SOURCE.execute("CREATE TABLE " + T.quoted() + " ("
                + COLS.stream().map(c -> c.name() + " " + c.ddl()).collect(Collectors.joining(", ")) + ")");
        start = StreamFixture.masterStatus(SOURCE);
        try (Connection c = SOURCE.connect(); Statement s = c.createStatement()) {
            s.execute("SET SESSION sql_mode = 'ALLOW_INVALID_DATES', time_zone = '+00:00'");
            try (PreparedStatement ps = c.prepareStatement(insert(1,
                    "127, 255, 32767, 65535, 8388607, 16777215, 2147483647, 4294967295, 9223372036854775807,"
                    + " 18446744073709551615, '" + "9".repeat(35) + "." + "9".repeat(30) + "', 12345678.90,"
                    + " 3.4028234e38, 1.7976931348623157e308, b'1', b'1000000001', 0xFFFFFFFFFFFFFFFF,"
                    + " '9999-12-31', '9999-12-31 23:59:59.999999', '2020-00-15 10:11:12', '2020-01-01 00:00:00.99',"
                    + " '2020-06-30 12:00:00.123', '2038-01-19 03:14:07.999999', '1970-01-01 00:00:01',"
                    + " '838:59:59.000000', '-12:34:56', '-12:00:00.1', '123:00:00.001', 2155,"
                    + " '\uD83D\uDE00\uD834\uDD1Eab', 'héllo wörld 中文 \uD83D\uDE00', " + LATIN1_HIGH + ", " + LATIN1_HIGH + ","
                    + " CONVERT(X'610062' USING utf8mb4), X'00FF00', X'000102000304', ?, 'b''c', 'r,b',"
                    + " '{\"k\": [1, 2.5, \"x\"], \"n\": null}', ST_GeomFromText('POINT(1 2)')"))) {
                ps.setBytes(1, BIG_BLOB);
                ps.executeUpdate();
            }
            s.execute(insert(2, "-128, 0, -32768, 0, -8388608, 0, -2147483648, 0, -9223372036854775808,"
                    + " 9223372036854775808, '-" + "9".repeat(35) + "." + "9".repeat(29) + "8', -0.01,"
                    + " -1.17549435e-38, 4.9e-324, b'0', b'0', 0x8000000000000001,"
                    + " '0000-00-00', '0000-00-00 00:00:00.000000', '1000-01-01 00:00:00', '0000-00-00 00:00:00.00',"
                    + " '0000-00-00 00:00:00.000', '1970-01-01 00:00:01.000001', '0000-00-00 00:00:00',"
                    + " '-838:59:59.000000', '00:00:00', '00:00:00.9', '-00:00:00.500', 0,"
                    + " '', '', '', '', '', X'', X'00', X'', 'nope', '', 'null', NULL"));
            s.execute(insert(3, String.join(", ", java.util.Collections.nCopies(COLS.size() - 3, "NULL"))));
            s.execute(insert(4, "1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0, 0, 0, 0, NULL, NULL, NULL,"
                    + " '2020-00-15', '2020-02-00 10:00:00.5', '2021-02-31 00:00:00', '2020-02-31 00:00:00.5',"
                    + " '2020-00-00 00:00:00.000', '0000-00-00 00:00:00', NULL,"
                    + " '-00:00:00.000001', '-838:59:59', '-00:00:00.1', '-00:00:00.999', 1901,"
                    + " 'a', 'b', 'c', 'd', 'e', X'01', X'02', X'03', 'x,y', 'r,g,b', '[]', NULL"));
            inserted = new HashMap<>();
            for (long id = 1; id <= 4; id++) {
                inserted.put(id, serverRow(id));
            }
            s.execute("UPDATE " + T.quoted() + " SET vc = 'updated', ti = -1, tm = '-01:02:03.000004', biu = 0,"
                    + " blb = X'CAFE', dtm = '0000-00-00 00:00:00' WHERE id = 1");
            updated = serverRow(1);
            s.execute("DELETE FROM " + T.quoted() + " WHERE id = 2");
        }
    }

    private static String insert(int id, String values) {
        List<String> cols = COLS.stream().map(Col::name).filter(n -> !n.equals("g") && !n.equals("gs")).toList();
        return "INSERT INTO " + T.quoted() + " (" + String.join(", ", cols) + ") VALUES (" + id + ", " + values + ")";
    }

    @Test
    void everyTypeDecodesToWhatTheServerReturns() {
        BinlogStreamConfig cfg = StreamFixture.config(SOURCE, BinlogStart.filePosition(start));
        List<ChangeEvent> events = new ArrayList<>();
        try (ChangeStream stream = ChangeStream.open(ChangeStreamConfig.allTables(cfg), new InformationSchemaTables(SOURCE))) {
            int commits = 0;
            while (commits < 6) {
                ChangeEvent e = stream.next(Duration.ofSeconds(20)).orElseThrow();
                events.add(e);
                commits += e instanceof TxCommit ? 1 : 0;
            }
        }
        List<RowsInserted> inserts = events.stream().filter(RowsInserted.class::isInstance).map(RowsInserted.class::cast).toList();
        assertThat(inserts).flatExtracting(RowsInserted::rows).hasSize(4);
        for (RowsInserted ins : inserts) {
            assertThat(ins.table()).isEqualTo(T);
            for (Object[] row : ins.rows()) {
                assertRow(row, inserted.get((Long) row[0]));
            }
        }
        RowsUpdated upd = events.stream().filter(RowsUpdated.class::isInstance).map(RowsUpdated.class::cast)
                .findFirst().orElseThrow();
        assertThat(upd.rows()).hasSize(1);
        assertRow(upd.rows().get(0).before(), inserted.get(1L));
        assertRow(upd.rows().get(0).after(), updated);
        RowsDeleted del = events.stream().filter(RowsDeleted.class::isInstance).map(RowsDeleted.class::cast)
                .findFirst().orElseThrow();
        assertThat(del.rows()).hasSize(1);
        assertRow(del.rows().get(0), inserted.get(2L));
    }

    @Test
    void contractTypesHoldForZeroAndExtremeValues() {
        BinlogStreamConfig cfg = StreamFixture.config(SOURCE, BinlogStart.filePosition(start));
        try (ChangeStream stream = ChangeStream.open(ChangeStreamConfig.allTables(cfg), new InformationSchemaTables(SOURCE))) {
            Map<Long, Object[]> rows = new HashMap<>();
            while (rows.size() < 4) {
                if (stream.next(Duration.ofSeconds(20)).orElseThrow() instanceof RowsInserted ins) {
                    ins.rows().forEach(r -> rows.put((Long) r[0], r));
                }
            }
            Object[] max = rows.get(1L);
            Object[] min = rows.get(2L);
            assertThat(max[index("biu")]).isEqualTo(new BigInteger("18446744073709551615"));
            assertThat(min[index("biu")]).isEqualTo(new BigInteger("9223372036854775808"));
            assertThat(max[index("bi")]).isEqualTo(Long.MAX_VALUE);
            assertThat(max[index("iu")]).isEqualTo(4294967295L);
            assertThat(max[index("dec65")]).isEqualTo(new BigDecimal("9".repeat(35) + "." + "9".repeat(30)));
            assertThat(max[index("b64")]).isEqualTo(HexFormat.of().parseHex("FFFFFFFFFFFFFFFF"));
            assertThat(max[index("b10")]).isEqualTo(new byte[] {0x02, 0x01});
            assertThat(max[index("dtm")]).isEqualTo(LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000));
            assertThat(max[index("dtm0")]).isEqualTo("2020-00-15 10:11:12");
            assertThat(max[index("ts")]).isEqualTo(LocalDateTime.of(2038, 1, 19, 3, 14, 7, 999_999_000));
            assertThat(max[index("tm")]).isEqualTo("838:59:59.000000");
            assertThat(max[index("y")]).isEqualTo(2155L);
            assertThat(max[index("bin")]).isEqualTo(HexFormat.of().parseHex("00FF000000000000"));
            assertThat(max[index("blb")]).isEqualTo(BIG_BLOB);
            assertThat(max[index("g")]).isEqualTo(65534L);
            assertThat(min[index("dt")]).isEqualTo("0000-00-00");
            assertThat(min[index("dtm")]).isEqualTo("0000-00-00 00:00:00.000000");
            assertThat(min[index("ts0")]).isEqualTo("0000-00-00 00:00:00");
            assertThat(min[index("tm")]).isEqualTo("-838:59:59.000000");
            assertThat(min[index("tm3")]).isEqualTo("-00:00:00.500");
            assertThat(min[index("y")]).isEqualTo(0L);
            assertThat(min[index("e")]).isEqualTo("");
            assertThat(rows.get(3L)).containsOnlyOnce(3L).satisfies(r -> assertThat(r).filteredOn(v -> v != null).hasSize(1));
            assertThat(rows.get(4L)[index("dtm0")]).isEqualTo("2021-02-31 00:00:00");
            assertThat(rows.get(4L)[index("dt")]).isEqualTo("2020-00-15");
        }
    }

    private static int index(String column) {
        for (int i = 0; i < COLS.size(); i++) {
            if (COLS.get(i).name().equals(column)) {
                return i;
            }
        }
        throw new IllegalArgumentException(column);
    }

    /** The server's values of one row, one per column, read as {@link Col#expr()} says. */
    private static Map<String, Object> serverRow(long id) throws Exception {
        String sql = "SELECT " + COLS.stream().map(Col::expr).collect(Collectors.joining(", ")) + " FROM " + T.quoted()
                + " WHERE id = ?";
        try (Connection c = DriverManager.getConnection(SOURCE.jdbcUrl() + "&useServerPrepStmts=true", SOURCE.user(),
                SOURCE.password())) {
            try (Statement s = c.createStatement()) {
                s.execute("SET time_zone = '+00:00'");
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    Map<String, Object> row = new HashMap<>();
                    for (int i = 0; i < COLS.size(); i++) {
                        Col col = COLS.get(i);
                        int k = i + 1;
                        Object v = switch (col.kind()) {
                            case DECIMAL -> rs.getBigDecimal(k);
                            case FLOAT -> rs.getObject(k) == null ? null : rs.getFloat(k);
                            case DOUBLE -> rs.getObject(k) == null ? null : rs.getDouble(k);
                            case BYTES -> rs.getBytes(k);
                            default -> rs.getString(k);
                        };
                        row.put(col.name(), v);
                    }
                    return row;
                }
            }
        }
    }

    private static void assertRow(Object[] decoded, Map<String, Object> server) {
        assertThat(decoded).hasSize(COLS.size());
        for (int i = 0; i < COLS.size(); i++) {
            Col col = COLS.get(i);
            Object expected = server.get(col.name());
            Object actual = decoded[i];
            String what = col.name() + " " + col.ddl() + " of row " + decoded[0];
            if (expected == null) {
                assertThat(actual).as(what).isNull();
                continue;
            }
            switch (col.kind()) {
                case INTEGER -> {
                    assertThat(actual).as(what).isInstanceOfAny(Long.class, BigInteger.class);
                    assertThat(actual.toString()).as(what).isEqualTo(expected);
                }
                case DECIMAL, FLOAT, DOUBLE, BYTES, TEXT -> assertThat(actual).as(what).isEqualTo(expected);
                case DATE -> {
                    assertThat(actual).as(what).isInstanceOfAny(LocalDate.class, String.class);
                    assertThat(actual.toString()).as(what).isEqualTo(expected);
                }
                case DATETIME -> {
                    assertThat(actual).as(what).isInstanceOfAny(LocalDateTime.class, String.class);
                    assertThat(render(actual, col.fsp())).as(what).isEqualTo(expected);
                }
                case TIME -> assertThat(actual).as(what).isInstanceOf(String.class).isEqualTo(expected);
            }
        }
    }

    /** A DATETIME/TIMESTAMP as the server prints it: {@code yyyy-MM-dd HH:mm:ss} plus the column's digits. */
    private static String render(Object value, int fsp) {
        if (value instanceof String s) {
            return s;
        }
        LocalDateTime t = (LocalDateTime) value;
        String text = t.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        return fsp == 0 ? text : text + "." + String.format("%09d", t.getNano()).substring(0, fsp);
    }
}
