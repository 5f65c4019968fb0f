package io.godwit.dumper;

import io.godwit.core.model.TableId;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/** Every statement the dumper sends to a source. */
final class DumpStatements {
    static final String VERSION = "SELECT VERSION()";

    /**
     * Session of every dump connection. sql_mode '' so that SHOW CREATE TABLE has its canonical form
     * and backslash escapes in bounds work (NO_BACKSLASH_ESCAPES, ANSI_QUOTES, ORACLE would break
     * them); results in each column's own character set, so values are read as their raw bytes.
     */
    static final List<String> SESSION = List.of(
            "SET SESSION sql_mode = ''",
            "SET SESSION character_set_results = NULL",
            "SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");

    static final String START_SNAPSHOT = "START TRANSACTION WITH CONSISTENT SNAPSHOT";
    static final String ROLLBACK = "ROLLBACK";
    /** MariaDB: the binlog position the snapshot of this session's transaction corresponds to. */
    static final String SNAPSHOT_POSITION = "SHOW STATUS LIKE 'binlog_snapshot_%'";
    /** MariaDB: the GTID position at a binlog file and offset. */
    static final String GTID_AT_POSITION = "SELECT BINLOG_GTID_POS(?, ?)";
    static final String MARIADB_GTID = "SELECT @@GLOBAL.gtid_binlog_pos";
    static final String MASTER_STATUS = "SHOW MASTER STATUS";
    /** MySQL 8.4 removed SHOW MASTER STATUS. */
    static final String BINARY_LOG_STATUS = "SHOW BINARY LOG STATUS";
    static final String FLUSH_WITH_READ_LOCK = "FLUSH TABLES WITH READ LOCK";
    static final String UNLOCK_TABLES = "UNLOCK TABLES";

    static final String BASE_TABLES = "SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_ROWS FROM information_schema.TABLES"
            + " WHERE TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_SCHEMA, TABLE_NAME";
    static final String COLUMNS_OF_SCHEMA = "SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, IS_NULLABLE,"
            + " EXTRA, CHARACTER_SET_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ?"
            + " ORDER BY TABLE_NAME, ORDINAL_POSITION";

    /*
     * The definition fingerprint: what decoding a row event depends on, and nothing that DML
     * changes (no TABLE_ROWS, AUTO_INCREMENT or times). ORDINAL_POSITION and SEQ_IN_INDEX order
     * each table's rows even where names compare equal under the catalog's collation.
     */
    static final String FINGERPRINT_TABLES = "SELECT TABLE_SCHEMA, TABLE_NAME, ENGINE, TABLE_COLLATION"
            + " FROM information_schema.TABLES WHERE TABLE_TYPE = 'BASE TABLE'";
    /**
     * Server-wide counts of the statements that change a table's definition in place. A change and
     * its undo leave the fingerprint as it was; these counters still move.
     */
    static final String DDL_STATEMENT_COUNTS = "SHOW GLOBAL STATUS WHERE Variable_name IN"
            + " ('Com_alter_table', 'Com_create_index', 'Com_drop_index', 'Com_rename_table')";

    private DumpStatements() {}

    static String lockTablesRead(List<TableId> tables) {
        return "LOCK TABLES " + tables.stream().map(t -> t.quoted() + " READ").collect(Collectors.joining(", "));
    }

    static String tidbSnapshot(long tso) {
        return "SET SESSION tidb_snapshot = '" + tso + "'";
    }

    /** Column definitions of every table in {@code schemas} schemas (one {@code ?} each). */
    static String fingerprintColumns(int schemas) {
        return "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA,"
                + " CHARACTER_SET_NAME, COLLATION_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA IN ("
                + placeholders(schemas) + ") ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION";
    }

    /** Index parts of every table in {@code schemas} schemas (one {@code ?} each). */
    static String fingerprintIndexes(int schemas) {
        return "SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX, COLUMN_NAME, NON_UNIQUE, SUB_PART,"
                + " INDEX_TYPE FROM information_schema.STATISTICS WHERE TABLE_SCHEMA IN (" + placeholders(schemas)
                + ") ORDER BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX";
    }

    private static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    static String showCreateTable(TableId t) {
        return "SHOW CREATE TABLE " + t.quoted();
    }

    static String showIndex(TableId t) {
        return "SHOW INDEX FROM " + t.quoted();
    }

    static String showCreateDatabase(String schema) {
        return "SHOW CREATE DATABASE " + TableId.quote(schema);
    }

    static String minMax(TableId t, String column) {
        return "SELECT MIN(" + column + "), MAX(" + column + ") FROM " + t.quoted();
    }

    /** The key of the row {@code offset} rows after the first at or above {@code lowerBound} (null: from the start). */
    static String boundary(TableId t, String hint, String keySelect, String keyColumns, String lowerBound, long offset) {
        return "SELECT " + keySelect + " FROM " + t.quoted() + hint
                + (lowerBound == null ? "" : " WHERE " + lowerBound)
                + " ORDER BY " + keyColumns + " LIMIT 1 OFFSET " + offset;
    }

    /** One chunk's rows, in key order when there is a key. */
    static String chunkRows(TableId t, String selectList, String hint, String predicate, String keyColumns) {
        return "SELECT " + selectList + " FROM " + t.quoted() + hint + " WHERE " + predicate
                + (keyColumns.isEmpty() ? "" : " ORDER BY " + keyColumns);
    }

    /** {@code FORCE INDEX(...)}: a range on a secondary unique key must not become a table scan per chunk. */
    static String forceIndex(String index) {
        return index == null ? "" : " FORCE INDEX(" + TableId.quote(index) + ")";
    }
}
