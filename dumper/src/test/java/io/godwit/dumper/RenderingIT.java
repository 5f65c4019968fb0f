package io.godwit.dumper;

import static io.godwit.dumper.ItSupport.config;
import static io.godwit.dumper.ItSupport.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.godwit.core.db.Databases;
import io.godwit.core.db.Endpoint;
import io.godwit.core.model.ChunkSpec;
import io.godwit.core.model.ColumnInfo;
import io.godwit.core.model.TableInfo;
import io.godwit.core.testkit.DbEndpoint;
import io.godwit.core.testkit.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Every MySQL/MariaDB value, streamed as literals and inserted elsewhere, arrives bit for bit. */
class RenderingIT {
    private static final String DDL = """
            CREATE TABLE everything (
              id INT NOT NULL PRIMARY KEY,
              ti TINYINT, tiu TINYINT UNSIGNED, si SMALLINT, siu SMALLINT UNSIGNED,
              mi MEDIUMINT, miu MEDIUMINT UNSIGNED, i INT, iu INT UNSIGNED, bi BIGINT, biu BIGINT UNSIGNED,
              dec65 DECIMAL(65,30), dec0 DECIMAL(20,0) UNSIGNED,
              f FLOAT, fu FLOAT UNSIGNED, d DOUBLE,
              b1 BIT(1), b10 BIT(10), b64 BIT(64),
              dt DATE, dtm DATETIME(6), dtm0 DATETIME, ts TIMESTAMP(6) NULL DEFAULT NULL, tm TIME(6), tm0 TIME, y YEAR,
              c CHAR(20), vc VARCHAR(200), tx TEXT, mtx MEDIUMTEXT, u3 VARCHAR(50) CHARACTER SET utf8mb3,
              l1 VARCHAR(300) CHARACTER SET latin1, lc CHAR(10) CHARACTER SET latin1, ltx TEXT CHARACTER SET latin1,
              bn BINARY(8), vb VARBINARY(300), bl BLOB, lbl LONGBLOB,
              e ENUM('a','b','c d','é'), st SET('x','y','z'), el ENUM('a','é') CHARACTER SET latin1,
              j JSON, p GEOMETRY, uu UUID,
              g BIGINT AS (i + 1) VIRTUAL,
              gs VARCHAR(210) AS (CONCAT(vc, '!')) STORED
            ) DEFAULT CHARSET=utf8mb4""";
    private static final String COLUMNS = "id,ti,tiu,si,siu,mi,miu,i,iu,bi,biu,dec65,dec0,f,fu,d,b1,b10,b64,"
            + "dt,dtm,dtm0,ts,tm,tm0,y,c,vc,tx,mtx,u3,l1,lc,ltx,bn,vb,bl,lbl,e,st,el,j,p,uu";

    private static String utf8(String s) {
        return "CONVERT(UNHEX('" + hex(s.getBytes(StandardCharsets.UTF_8)) + "') USING utf8mb4)";
    }

    private static String bytes(int from, int to) {
        StringBuilder b = new StringBuilder("UNHEX('");
        for (int i = from; i <= to; i++) {
            b.append(String.format("%02X", i));
        }
        return b.append("')").toString();
    }

    private static final List<String> ROWS = List.of(
            // maxima, special characters, large values
            "1,127,255,32767,65535,8388607,16777215,2147483647,4294967295,9223372036854775807,18446744073709551615,"
                    + "'99999999999999999999999999999999999.999999999999999999999999999999',99999999999999999999,"
                    + "3.4028234663852886e38,3.4028234663852886e38,1.7976931348623157e308,"
                    + "b'1',b'1111111111',0xFFFFFFFFFFFFFFFF,"
                    + "'9999-12-31','9999-12-31 23:59:59.999999','9999-12-31 23:59:59','2038-01-19 03:14:07.999999',"
                    + "'838:59:59.999999','838:59:59',2155,"
                    + utf8("x😀y'\\") + "," + utf8("quote' dq\" bs\\ nl\ncr\rnul\0z\u001Atab\t😀𝄞 end") + ","
                    + "REPEAT('текст ', 1000),REPEAT('😀', 100000)," + utf8("Grüße ☃") + ","
                    + "CONVERT(" + bytes(0, 255) + " USING latin1),CONVERT(UNHEX('E9E8275C00FF') USING latin1),"
                    + "CONVERT(REPEAT(" + bytes(128, 255) + ", 100) USING latin1),"
                    + "0x00FF002700," + bytes(0, 255) + ",0x00275C0D0A1A22,"
                    + "REPEAT(UNHEX('00FF275C0A0D1A22'), 150000),"
                    + "'c d','x,z'," + utf8("é") + "," + utf8("{\"k\": \"v\\\"q\", \"emoji\": \"😀\", \"n\": 1.5e300}")
                    + ",ST_GeomFromText('POINT(1.5 -2.25)'),'123e4567-e89b-12d3-a456-426614174000'",
            // minima, zero dates, empty strings
            "2,-128,0,-32768,0,-8388608,0,-2147483648,0,-9223372036854775808,0,"
                    + "'-99999999999999999999999999999999999.999999999999999999999999999999',0,"
                    + "-1.401298464324817e-45,1.1754943508222875e-38,-4.9e-324,"
                    + "b'0',b'0',0,"
                    + "'0000-00-00','0000-00-00 00:00:00','0000-00-00 00:00:00','0000-00-00 00:00:00',"
                    + "'-838:59:59.999999','-838:59:59',0,"
                    + "'','','','','','','','',"
                    + "'','','','',"
                    + "'a','','a','[]',ST_GeomFromText('LINESTRING(0 0,1 1,2 0)'),'00000000-0000-0000-0000-000000000000'",
            // float and double values whose text is not their value; odd dates and times
            "3,0,0,0,0,0,0,0,0,0,0,'0.000000000000000000000000000001',1,"
                    + "16777217,0.1,0.1,"
                    + "b'1',b'1000000001',0x8000000000000000,"
                    + "'2024-02-29','2024-02-29 12:34:56.000001','2024-00-00 00:00:00','1970-01-01 00:00:01.000000',"
                    + "'-00:00:00.000001','100:00:00',1901,"
                    + "'trailing  ','trailing spaces   ','a','b','c','d','e','f',"
                    + "0x01,0x02,0x03,0x04,"
                    + "'é','y','é','{}',NULL,'ffffffff-ffff-ffff-ffff-ffffffffffff'",
            // every column NULL
            "4" + ",NULL".repeat(43),
            "5,1,1,1,1,1,1,1,1,1,1,'1.5',2,3.14159274,1e-10,0.30000000000000004,b'0',b'1',1,"
                    + "'1000-01-01','1000-01-01 00:00:00.000000','1000-01-01 00:00:00','2000-02-29 23:59:59.500000',"
                    + "'00:00:00','-00:00:01',1999,"
                    + "'0','0','0','0','0','0','0','0',0x00,0x00,0x00,0x00,'b','x,y,z','a','\"s\"',NULL,NULL",
            "6,-1,1,-1,1,-1,1,-1,1,-1,1,'-0.5',3,1.0000001,16777216,123456789.12345679,b'1',b'11',2,"
                    + "'2000-01-01','2000-01-01 00:00:00.100000','2000-01-01 00:00:00','2000-01-01 00:00:00.000000',"
                    + "'24:00:00','-24:00:00.5',2000,"
                    + "'\\\\','\\'','\\n','\\0',' ','  ','\\t','\\\\',0xFF,0xFF,0xFF,0xFF,'c d','z','é','null',NULL,NULL",
            "7,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,"
                    + "1e-40,NULL,5e-324,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,"
                    + "NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL");

    @Test
    void rendersEveryTypeExactly() throws Exception {
        copyEveryTypeAndCompare("src", "dst", false);
    }

    /** The same rows as LOAD DATA text, read back by the server through each field encoding. */
    @Test
    void rendersEveryTypeExactlyAsLoadDataText() throws Exception {
        copyEveryTypeAndCompare("srcld", "dstld", true);
    }

    private void copyEveryTypeAndCompare(String srcSuffix, String dstSuffix, boolean loadData) throws Exception {
        DbEndpoint source = TestDatabases.source1();
        DbEndpoint target = TestDatabases.target();
        String src = TestDatabases.schema(getClass(), srcSuffix);
        String dst = TestDatabases.schema(getClass(), dstSuffix);
        List<String> setup = new ArrayList<>(List.of("SET time_zone = '+00:00'", "CREATE DATABASE " + src,
                "USE " + src, DDL));
        ROWS.forEach(r -> setup.add("INSERT INTO everything (" + COLUMNS + ") VALUES (" + r + ")"));
        source.execute(setup.toArray(String[]::new));

        TableInfo table;
        long streamed = 0;
        try (SnapshotDumper d = SnapshotDumper.open(DumpOptions.of(config(source), "rendering-dump", 2, Consistency.AUTO));
             Connection t = loadData ? localInfile(target) : Databases.connect(config(target), Endpoint.TARGET);
             Statement insert = t.createStatement()) {
            table = d.tables(id -> id.schema().equals(src)).get(0);
            assertThat(table.dataColumns()).hasSize(44);
            insert.execute("CREATE DATABASE " + dst);
            insert.execute("USE " + dst);
            insert.execute(table.createTableSql());
            String columns = table.dataColumns().stream().map(ColumnInfo::quotedName).collect(Collectors.joining(","));
            List<ChunkSpec> chunks = d.split(table, 2);
            assertThat(chunks).hasSizeGreaterThan(1);
            for (ChunkSpec c : chunks) {
                if (loadData) {
                    java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
                    streamed += d.streamChunkDelimited(table, c, (buf, off, len) -> text.write(buf, off, len));
                    insert.unwrap(com.mysql.cj.jdbc.JdbcStatement.class)
                            .setLocalInfileInputStream(new java.io.ByteArrayInputStream(text.toByteArray()));
                    insert.execute(loadDataStatement(d.delimitedColumns(table)));
                    assertThat((Object) insert.getWarnings()).as("LOAD DATA warnings").isNull();
                } else {
                    streamed += d.streamChunk(table, c,
                            row -> insert.execute("INSERT INTO everything (" + columns + ") VALUES (" + row + ")"));
                }
            }
        }
        assertThat(streamed).isEqualTo(ROWS.size());

        assertThat(differences(source, src, target, dst, table)).isEmpty();

        // The comparison is sharp: the FLOAT 16777216 written as the server's text, 16777200, is caught.
        target.execute("UPDATE " + dst + ".everything SET f = 16777200 WHERE id = 3");
        assertThat(differences(source, src, target, dst, table)).singleElement().asString().contains("id 3: f");
    }

    /** A target session as Godwit's, whose driver may send LOAD DATA LOCAL data. */
    private static Connection localInfile(DbEndpoint target) throws java.sql.SQLException {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("user", target.user());
        p.setProperty("password", target.password());
        p.setProperty("allowLoadLocalInfile", "true");
        p.setProperty("sessionVariables", Databases.sessionVariables(config(target), Endpoint.TARGET));
        return java.sql.DriverManager.getConnection(Databases.jdbcUrl(config(target)), p);
    }

    /** The loader's decoding of each field encoding, written out here so this test does not depend on the loader. */
    private static String loadDataStatement(List<io.godwit.core.model.DelimitedColumn> fields) {
        List<String> cols = new ArrayList<>();
        List<String> sets = new ArrayList<>();
        for (io.godwit.core.model.DelimitedColumn f : fields) {
            String q = "`" + f.name() + "`";
            String v = "@v_" + f.name();
            switch (f.encoding()) {
                case TEXT -> cols.add(q);
                case HEX_BYTES -> { cols.add(v); sets.add(q + " = UNHEX(" + v + ")"); }
                case HEX_CHARSET_TEXT -> { cols.add(v); sets.add(q + " = CONVERT(UNHEX(" + v + ") USING " + f.charset() + ")"); }
                case HEX_BIT -> { cols.add(v); sets.add(q + " = CAST(CONV(" + v + ", 16, 10) AS UNSIGNED)"); }
            }
        }
        return "LOAD DATA LOCAL INFILE 'rows' INTO TABLE everything CHARACTER SET utf8mb4"
                + " FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n'"
                + " (" + String.join(",", cols) + ")" + (sets.isEmpty() ? "" : " SET " + String.join(", ", sets));
    }

    /** Column-by-column differences, each value compared on its exact representation. */
    private static List<String> differences(DbEndpoint a, String schemaA, DbEndpoint b, String schemaB, TableInfo t)
            throws Exception {
        List<ColumnInfo> cols = t.columns();
        String select = cols.stream().map(RenderingIT::fingerprint).collect(Collectors.joining(", "));
        List<List<String>> left;
        List<List<String>> right;
        try (Connection ca = ItSupport.utc(a); Connection cb = ItSupport.utc(b)) {
            left = ItSupport.rows(ca, "SELECT " + select + " FROM " + schemaA + ".everything ORDER BY id");
            right = ItSupport.rows(cb, "SELECT " + select + " FROM " + schemaB + ".everything ORDER BY id");
        }
        List<String> diffs = new ArrayList<>();
        assertThat(right).hasSameSizeAs(left);
        for (int r = 0; r < left.size(); r++) {
            for (int c = 0; c < cols.size(); c++) {
                if (!Objects.equals(left.get(r).get(c), right.get(r).get(c))) {
                    diffs.add("id " + left.get(r).get(0) + ": " + cols.get(c).name() + " " + left.get(r).get(c)
                            + " != " + right.get(r).get(c));
                }
            }
        }
        // FLOAT and DOUBLE on the binary protocol: their IEEE bits, not a text rendering
        List<List<Object>> floatsA = ieeeBits(a, schemaA);
        List<List<Object>> floatsB = ieeeBits(b, schemaB);
        for (int r = 0; r < floatsA.size(); r++) {
            for (int c = 1; c < floatsA.get(r).size(); c++) {
                if (!Objects.equals(floatsA.get(r).get(c), floatsB.get(r).get(c))) {
                    diffs.add("id " + floatsA.get(r).get(0) + ": " + List.of("f", "fu", "d").get(c - 1) + " bits "
                            + floatsA.get(r).get(c) + " != " + floatsB.get(r).get(c));
                }
            }
        }
        return diffs;
    }

    private static String fingerprint(ColumnInfo c) {
        String q = c.quotedName();
        return switch (c.dataType().toLowerCase(Locale.ROOT)) {
            case "tinyint", "smallint", "mediumint", "int", "bigint", "decimal", "year", "date", "datetime",
                 "timestamp", "time", "float", "double" -> "CAST(" + q + " AS CHAR)";
            case "bit" -> "BIN(" + q + "+0)";
            default -> "HEX(" + q + ")"; // strings, binary, enum, set, JSON: the stored bytes
        };
    }

    private static List<List<Object>> ieeeBits(DbEndpoint db, String schema) throws Exception {
        List<List<Object>> out = new ArrayList<>();
        try (Connection c = ItSupport.binaryProtocol(db);
             ResultSet rs = c.prepareStatement("SELECT id, f, fu, d FROM " + schema + ".everything ORDER BY id")
                     .executeQuery()) {
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                row.add(rs.getInt(1));
                IntStream.rangeClosed(2, 3).forEach(i -> row.add(floatBits(rs, i)));
                double d = rs.getDouble(4);
                row.add(rs.wasNull() ? null : Double.doubleToRawLongBits(d));
                out.add(row);
            }
        }
        return out;
    }

    private static Object floatBits(ResultSet rs, int i) {
        try {
            float f = rs.getFloat(i);
            return rs.wasNull() ? null : Float.floatToRawIntBits(f);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
