package io.godwit.e2e;

import io.godwit.core.testkit.DbEndpoint;

/** Source schemas for the end-to-end tests; portable SQL (MariaDB and MySQL 8 sources alike). */
final class SampleData {
    private SampleData() {}

    /** A table with every MySQL type the migration must carry exactly, at extremes and NULL. */
    static void allTypes(DbEndpoint db, String schema) {
        db.execute("DROP DATABASE IF EXISTS `" + schema + "`", "CREATE DATABASE `" + schema + "`",
                "CREATE TABLE `" + schema + "`.all_types ("
                        + " id INT PRIMARY KEY,"
                        + " ti TINYINT, tiu TINYINT UNSIGNED, si SMALLINT, siu SMALLINT UNSIGNED,"
                        + " mi MEDIUMINT, miu MEDIUMINT UNSIGNED, i INT, iu INT UNSIGNED, bi BIGINT, biu BIGINT UNSIGNED,"
                        + " dec65 DECIMAL(65,30), f FLOAT, d DOUBLE,"
                        + " b1 BIT(1), b64 BIT(64),"
                        + " dt DATE, dtm DATETIME(6), ts TIMESTAMP(6) NULL DEFAULT NULL, tm TIME(6), y YEAR,"
                        + " c CHAR(10), vc VARCHAR(255), tx TEXT, lat VARCHAR(50) CHARACTER SET latin1,"
                        + " bn BINARY(8), vb VARBINARY(100), bl LONGBLOB,"
                        + " e ENUM('a','b','c'), st SET('x','y','z'), j JSON,"
                        + " gv BIGINT AS (i + 1) VIRTUAL, gs VARCHAR(300) AS (CONCAT(vc, '!')) STORED"
                        + ") DEFAULT CHARSET=utf8mb4");
        try (var c = db.connect(); var s = c.createStatement()) {
            s.execute("SET SESSION sql_mode = ''");
            s.execute("SET SESSION time_zone = '+00:00'");
            String t = "`" + schema + "`.all_types";
            String cols = "(id, ti, tiu, si, siu, mi, miu, i, iu, bi, biu, dec65, f, d, b1, b64, dt, dtm, ts, tm, y,"
                    + " c, vc, tx, lat, bn, vb, bl, e, st, j)";
            s.execute("INSERT INTO " + t + cols + " VALUES (1, -128, 255, -32768, 65535, -8388608, 16777215,"
                    + " -2147483648, 4294967295, -9223372036854775808, 18446744073709551615,"
                    + " '-99999999999999999999999999999999999.999999999999999999999999999999',"
                    + " -3.40282e38, -1.7976931348623157e308, b'1', b'1111111111111111111111111111111111111111111111111111111111111111',"
                    + " '9999-12-31', '9999-12-31 23:59:59.999999', '2038-01-19 03:14:07.999999', '838:59:59.000000', 2155,"
                    + " 'abc', 'emoji \uD83D\uDE00 \u00e9\u4e2d', REPEAT('long text ', 1000), 'caf\u00e9 \u00ff\u00e0',"
                    + " 0x0001020300FF00FE, 0x00, 0x00, 'c', 'x,z', '{\"k\": [1, 2.5, \"s\", null, true]}')");
            s.execute("INSERT INTO " + t + cols + " VALUES (2, 127, 0, 32767, 0, 8388607, 0,"
                    + " 2147483647, 0, 9223372036854775807, 0,"
                    + " '99999999999999999999999999999999999.999999999999999999999999999999',"
                    + " 1.17549e-38, 2.2250738585072014e-308, b'0', b'0',"
                    + " '0000-00-00', '0000-00-00 00:00:00.000000', '1970-01-01 00:00:01.000000', '-838:59:59.000000', 1901,"
                    + " '', '', '', '', '', '', '', 'a', '', '[]')");
            s.execute("INSERT INTO " + t + " (id) VALUES (3)");
            s.execute("INSERT INTO " + t + cols + " VALUES (4, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1,"
                    + " 0.000000000000000000000000000001, 0.1, 0.1, b'1', b'1010',"
                    + " '2024-02-29', '2024-02-29 12:34:56.123456', '2024-02-29 12:34:56.654321', '-00:00:00.000001', 2024,"
                    + " 'it''s', 'back\\\\slash \"quote\" \\'single\\' \\n newline \\t tab', CONCAT('nul', CHAR(0), 'byte'),"
                    + " CHAR(0x80, 0x9F, 0xA0, 0xFF USING latin1),"
                    + " 0x2720292C28, 0x5C27225C30, REPEAT(0x00FF2C27, 300000), 'b', 'x,y,z', '{\"a\": \"\\\\u00e9\"}')");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code rows} rows in a sysbench-shaped table, made by cross joins (no server-specific generators). */
    static void sbtest(DbEndpoint db, String schema, String table, int rows) {
        db.execute("CREATE DATABASE IF NOT EXISTS `" + schema + "`",
                "CREATE TABLE `" + schema + "`.`" + table + "` (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                        + " k INT NOT NULL DEFAULT 0, c CHAR(120) NOT NULL DEFAULT '', pad CHAR(60) NOT NULL DEFAULT '',"
                        + " KEY k_1 (k))");
        try (var c = db.connect(); var s = c.createStatement()) {
            s.execute("USE `" + schema + "`");
            s.execute("CREATE TEMPORARY TABLE d (d INT)");
            s.execute("INSERT INTO d VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9)");
            s.execute("CREATE TEMPORARY TABLE d2 (d INT)");
            s.execute("INSERT INTO d2 SELECT * FROM d");
            s.execute("CREATE TEMPORARY TABLE n (n INT PRIMARY KEY)");
            s.execute("INSERT INTO n SELECT a.d + 10 * b.d + 100 * c.d FROM d a, d2 b, (SELECT * FROM d) c");
            s.execute("CREATE TEMPORARY TABLE n2 (n INT PRIMARY KEY)");
            s.execute("INSERT INTO n2 SELECT * FROM n");
            s.execute("INSERT INTO `" + schema + "`.`" + table + "` (id, k, c, pad)"
                    + " SELECT x.n * 1000 + y.n + 1, (x.n * 7919 + y.n) % 100000,"
                    + " CONCAT(LPAD(x.n, 11, '0'), '-', LPAD(y.n, 11, '0'), '-', REPEAT('c', 20)), REPEAT('p', 50)"
                    + " FROM n x, n2 y WHERE x.n * 1000 + y.n < " + rows);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
