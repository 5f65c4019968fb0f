package io.godwit.binlog.stream;

/** The SQL the binlog stream runs on the source (over JDBC, before it connects as a replica). */
final class StreamStatements {
    static final String VERSION = "SELECT VERSION(), @@server_id";
    static final String BINARY_LOGS = "SHOW BINARY LOGS";
    /** MariaDB: the GTID position at a file/offset (NULL when the server cannot tell). */
    static final String MARIADB_GTID_AT = "SELECT BINLOG_GTID_POS(?, ?)";
    static final String COLLATIONS = "SELECT ID, CHARACTER_SET_NAME FROM information_schema.COLLATIONS";
    /** MariaDB 10.10+ lists charset-specific collations (utf8mb4_uca1400_ai_ci, ...) with their ids only here. */
    static final String HAS_APPLICABILITY_IDS = "SELECT COUNT(*) FROM information_schema.COLUMNS"
            + " WHERE TABLE_SCHEMA = 'information_schema' AND TABLE_NAME = 'COLLATION_CHARACTER_SET_APPLICABILITY'"
            + " AND COLUMN_NAME = 'ID'";
    static final String APPLICABILITY_IDS = "SELECT ID, CHARACTER_SET_NAME"
            + " FROM information_schema.COLLATION_CHARACTER_SET_APPLICABILITY WHERE ID IS NOT NULL";

    private StreamStatements() {}
}
