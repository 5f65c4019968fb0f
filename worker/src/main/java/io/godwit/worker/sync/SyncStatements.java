package io.godwit.worker.sync;

import io.godwit.core.checkpoint.TaskCheckpointTable;
import io.godwit.core.db.ServerFlavor;
import io.godwit.core.model.ColumnInfo;
import io.godwit.core.model.TableId;
import java.util.StringJoiner;

/**
 * All SQL the sync unit sends to a target, in one place (STYLE §14). Identifiers are backquoted here;
 * every value is a {@code ?} parameter bound by {@link RowBinder}.
 */
final class SyncStatements {
    private SyncStatements() {}

    static final String VERSION = "SELECT VERSION()";
    /** On the source: its dialect for the schema tracker. */
    static final String SOURCE_VERSION = "SELECT VERSION(), @@character_set_server";
    /** On the source: its newest binlog position, for status (MySQL 8.4 renamed it SHOW BINARY LOG STATUS). */
    static final String SOURCE_POSITION = "SHOW MASTER STATUS";
    static final String SOURCE_POSITION_84 = "SHOW BINARY LOG STATUS";

    // ---- checkpoint tables

    static TableId slotTable(String metaSchema, String task) {
        return TaskCheckpointTable.SYNCER_SLOT.in(metaSchema, task);
    }

    static TableId ddlTable(String metaSchema, String task) {
        return TaskCheckpointTable.SYNCER_DDL.in(metaSchema, task);
    }

    /** DM's name and layout. */
    static TableId checkpointTable(String metaSchema, String task) {
        return TaskCheckpointTable.SYNCER_CHECKPOINT.in(metaSchema, task);
    }

    static String createMetaSchema(String metaSchema) {
        return "CREATE DATABASE IF NOT EXISTS " + TableId.quote(metaSchema);
    }

    /**
     * One row per source: where the sync starts when it has no slot checkpoint yet (the first
     * snapshot's consistent point, or the task's meta) and the schema tracker's state there. Written
     * once; a load resumed from a newer snapshot keeps the first one, so the sync covers every change
     * after the oldest loaded chunk.
     */
    static TableId startTable(String metaSchema, String task) {
        return TaskCheckpointTable.SYNCER_START.in(metaSchema, task);
    }

    static String createStartTable(TableId t) {
        return "CREATE TABLE IF NOT EXISTS " + t.quoted() + " (\n"
                + "  `source_id` VARCHAR(64) NOT NULL PRIMARY KEY,\n"
                + "  `binlog_name` VARCHAR(128) NOT NULL,\n"
                + "  `binlog_pos` BIGINT UNSIGNED NOT NULL,\n"
                + "  `binlog_gtid` TEXT NOT NULL,\n"
                + "  `table_info` LONGTEXT NOT NULL,\n"
                + "  `safe_until_name` VARCHAR(128) NOT NULL DEFAULT '',\n"
                + "  `safe_until_pos` BIGINT UNSIGNED NOT NULL DEFAULT 0,\n"
                + "  `safe_until_gtid` TEXT NULL,\n"
                + "  `create_time` TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP\n"
                + ") DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";
    }

    /** The newest snapshot a load of this source took rows from: the sync writes in safe mode until there. */
    static String updateSafeUntil(TableId t) {
        return "UPDATE " + t.quoted() + " SET `safe_until_name` = ?, `safe_until_pos` = ?, `safe_until_gtid` = ?"
                + " WHERE `source_id` = ?";
    }

    /** Per keyless table: the snapshot its rows were loaded from (written before the load, replaced by a reload). */
    static TableId tableStartTable(String metaSchema, String task) {
        return TaskCheckpointTable.SYNCER_TABLE_START.in(metaSchema, task);
    }

    static String createTableStartTable(TableId t) {
        return "CREATE TABLE IF NOT EXISTS " + t.quoted() + " (\n"
                + "  `source_id` VARCHAR(64) NOT NULL,\n"
                + "  `cp_schema` VARCHAR(128) NOT NULL,\n"
                + "  `cp_table` VARCHAR(128) NOT NULL,\n"
                + "  `binlog_name` VARCHAR(128) NOT NULL,\n"
                + "  `binlog_pos` BIGINT UNSIGNED NOT NULL,\n"
                + "  `binlog_gtid` TEXT NOT NULL,\n"
                + "  PRIMARY KEY (`source_id`, `cp_schema`, `cp_table`)\n"
                + ") DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";
    }

    static String replaceTableStart(TableId t) {
        return "REPLACE INTO " + t.quoted()
                + " (`source_id`, `cp_schema`, `cp_table`, `binlog_name`, `binlog_pos`, `binlog_gtid`) VALUES (?, ?, ?, ?, ?, ?)";
    }

    static String selectTableStarts(TableId t) {
        return "SELECT `cp_schema`, `cp_table`, `binlog_name`, `binlog_pos`, `binlog_gtid` FROM " + t.quoted()
                + " WHERE `source_id` = ?";
    }

    static String insertStartIfAbsent(TableId t) {
        return "INSERT IGNORE INTO " + t.quoted()
                + " (`source_id`, `binlog_name`, `binlog_pos`, `binlog_gtid`, `table_info`) VALUES (?, ?, ?, ?, ?)";
    }

    static String selectStart(TableId t) {
        return "SELECT `binlog_name`, `binlog_pos`, `binlog_gtid`, `table_info`, `safe_until_name`, `safe_until_pos`,"
                + " `safe_until_gtid` FROM " + t.quoted() + " WHERE `source_id` = ?";
    }

    /** One row per (source, slot): the last batch the slot committed; the truth for exactly-once. */
    static String createSlotTable(TableId t) {
        return "CREATE TABLE IF NOT EXISTS " + t.quoted() + " (\n"
                + "  `source_id` VARCHAR(64) NOT NULL,\n"
                + "  `slot` INT NOT NULL,\n"
                + "  `worker_count` INT NOT NULL,\n"
                + "  `batch_seq` BIGINT NOT NULL,\n"
                + "  `batch_start_name` VARCHAR(128) NOT NULL,\n"
                + "  `batch_start_pos` BIGINT NOT NULL,\n"
                + "  `batch_start_gtid` TEXT NOT NULL,\n"
                + "  `batch_end_name` VARCHAR(128) NOT NULL,\n"
                + "  `batch_end_pos` BIGINT NOT NULL,\n"
                + "  `batch_end_gtid` TEXT NOT NULL,\n"
                + "  `batch_digest` BIGINT NOT NULL,\n"
                + "  `share_rows` BIGINT NOT NULL,\n"
                + "  `safe_mode` BOOLEAN NOT NULL,\n"
                + "  `update_time` TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),\n"
                + "  PRIMARY KEY (`source_id`, `slot`)\n"
                + ") DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";
    }

    /** One row per source: the last DDL batch, pending until its statements ran, with the tracker's state after it. */
    static String createDdlTable(TableId t) {
        return "CREATE TABLE IF NOT EXISTS " + t.quoted() + " (\n"
                + "  `source_id` VARCHAR(64) NOT NULL,\n"
                + "  `batch_seq` BIGINT NOT NULL,\n"
                + "  `status` VARCHAR(16) NOT NULL,\n"
                + "  `ddl_name` VARCHAR(128) NOT NULL,\n"
                + "  `ddl_pos` BIGINT NOT NULL,\n"
                + "  `ddl_gtid` TEXT NOT NULL,\n"
                + "  `next_name` VARCHAR(128) NOT NULL,\n"
                + "  `next_pos` BIGINT NOT NULL,\n"
                + "  `next_gtid` TEXT NOT NULL,\n"
                + "  `statements` LONGTEXT NOT NULL,\n"
                + "  `statements_done` INT NOT NULL DEFAULT 0,\n"
                + "  `table_info` LONGTEXT NOT NULL,\n"
                + "  `update_time` TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),\n"
                + "  PRIMARY KEY (`source_id`)\n"
                + ") DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";
    }

    /** DM's {@code <task>_syncer_checkpoint}, column for column. */
    static String createCheckpointTable(TableId t) {
        return "CREATE TABLE IF NOT EXISTS " + t.quoted() + " (\n"
                + "  `id` VARCHAR(32) NOT NULL,\n"
                + "  `cp_schema` VARCHAR(128) NOT NULL,\n"
                + "  `cp_table` VARCHAR(128) NOT NULL,\n"
                + "  `binlog_name` VARCHAR(128),\n"
                + "  `binlog_pos` INT UNSIGNED,\n"
                + "  `binlog_gtid` TEXT,\n"
                + "  `exit_safe_binlog_name` VARCHAR(128) DEFAULT '',\n"
                + "  `exit_safe_binlog_pos` INT UNSIGNED DEFAULT 0,\n"
                + "  `exit_safe_binlog_gtid` TEXT,\n"
                + "  `table_info` JSON NOT NULL,\n"
                + "  `is_global` BOOLEAN,\n"
                + "  `create_time` TIMESTAMP DEFAULT CURRENT_TIMESTAMP,\n"
                + "  `update_time` TIMESTAMP DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,\n"
                + "  UNIQUE KEY `uk_id_schema_table` (`id`, `cp_schema`, `cp_table`)\n"
                + ")";
    }

    private static final String SLOT_COLUMNS = "`slot`, `worker_count`, `batch_seq`, `batch_start_name`, `batch_start_pos`,"
            + " `batch_start_gtid`, `batch_end_name`, `batch_end_pos`, `batch_end_gtid`, `batch_digest`, `share_rows`, `safe_mode`";

    static String selectSlots(TableId t) {
        return "SELECT " + SLOT_COLUMNS + " FROM " + t.quoted() + " WHERE `source_id` = ? ORDER BY `slot`";
    }

    static String selectSlot(TableId t) {
        return "SELECT " + SLOT_COLUMNS + " FROM " + t.quoted() + " WHERE `source_id` = ? AND `slot` = ?";
    }

    static String insertSlot(TableId t) {
        return "INSERT INTO " + t.quoted() + " (`source_id`, " + SLOT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    }

    static String deleteSlots(TableId t) {
        return "DELETE FROM " + t.quoted() + " WHERE `source_id` = ?";
    }

    /**
     * Moves a slot from batch {@code seq - 1} to {@code seq}; the {@code batch_seq} condition fences off any
     * other process that advanced the row meanwhile (0 rows changed).
     * Parameters: seq, start name/pos/gtid, end name/pos/gtid, digest, share rows, safe mode, source, slot, seq - 1.
     */
    static String advanceSlot(TableId t) {
        return "UPDATE " + t.quoted() + " SET `batch_seq` = ?, `batch_start_name` = ?, `batch_start_pos` = ?,"
                + " `batch_start_gtid` = ?, `batch_end_name` = ?, `batch_end_pos` = ?, `batch_end_gtid` = ?,"
                + " `batch_digest` = ?, `share_rows` = ?, `safe_mode` = ? WHERE `source_id` = ? AND `slot` = ?"
                + " AND `batch_seq` = ?";
    }

    /** Completes a streamed share whose end was unknown when its transaction began. */
    static String finishStreamedSlot(TableId t) {
        return "UPDATE " + t.quoted() + " SET `batch_end_name` = ?, `batch_end_pos` = ?, `batch_end_gtid` = ?,"
                + " `batch_digest` = ?, `share_rows` = ? WHERE `source_id` = ? AND `slot` = ? AND `batch_seq` = ?";
    }

    /** All slots of a source to one batch, for a DDL batch (fenced: every slot must be at {@code seq - 1}). */
    static String advanceAllSlots(TableId t) {
        return "UPDATE " + t.quoted() + " SET `batch_seq` = ?, `batch_start_name` = ?, `batch_start_pos` = ?,"
                + " `batch_start_gtid` = ?, `batch_end_name` = ?, `batch_end_pos` = ?, `batch_end_gtid` = ?,"
                + " `batch_digest` = 0, `share_rows` = 0, `safe_mode` = 0 WHERE `source_id` = ? AND `batch_seq` = ?";
    }

    /** Parameters: statements, source. The unfinished DDL of a source, its statements replaced by an operator's. */
    static String overridePendingDdl(TableId t) {
        return "UPDATE " + t.quoted() + " SET `statements` = ?, `statements_done` = 0, `status` = 'failed'"
                + " WHERE `source_id` = ? AND `status` IN ('pending', 'failed')";
    }

    static String selectDdl(TableId t) {
        return "SELECT `batch_seq`, `status`, `ddl_name`, `ddl_pos`, `ddl_gtid`, `next_name`, `next_pos`, `next_gtid`,"
                + " `statements`, `table_info`, `statements_done` FROM " + t.quoted() + " WHERE `source_id` = ?";
    }

    /** Parameters: source, seq, status, ddl name/pos/gtid, next name/pos/gtid, statements, statements done, table_info. */
    static String upsertDdl(TableId t) {
        return "INSERT INTO " + t.quoted() + " (`source_id`, `batch_seq`, `status`, `ddl_name`, `ddl_pos`, `ddl_gtid`,"
                + " `next_name`, `next_pos`, `next_gtid`, `statements`, `statements_done`, `table_info`)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON DUPLICATE KEY UPDATE `batch_seq` = VALUES(`batch_seq`), `status` = VALUES(`status`),"
                + " `ddl_name` = VALUES(`ddl_name`), `ddl_pos` = VALUES(`ddl_pos`), `ddl_gtid` = VALUES(`ddl_gtid`),"
                + " `next_name` = VALUES(`next_name`), `next_pos` = VALUES(`next_pos`), `next_gtid` = VALUES(`next_gtid`),"
                + " `statements` = VALUES(`statements`), `table_info` = VALUES(`table_info`),"
                + " `statements_done` = VALUES(`statements_done`)";
    }

    /**
     * Progress of a pending DDL: {@code status} 'pending' (a crash may have hidden whether the next statement
     * ran) or 'failed' (the target refused the next statement: it did not run), and how many statements ran.
     */
    static String ddlProgress(TableId t) {
        return "UPDATE " + t.quoted() + " SET `status` = ?, `statements_done` = ? WHERE `source_id` = ? AND `batch_seq` = ?";
    }

    /** Parameters: id, schema, table, name, pos, gtid, table_info, is_global. */
    static String upsertCheckpoint(TableId t) {
        return "INSERT INTO " + t.quoted() + " (`id`, `cp_schema`, `cp_table`, `binlog_name`, `binlog_pos`, `binlog_gtid`,"
                + " `exit_safe_binlog_name`, `exit_safe_binlog_pos`, `exit_safe_binlog_gtid`, `table_info`, `is_global`)"
                + " VALUES (?, ?, ?, ?, ?, ?, '', 0, '', ?, ?)"
                + " ON DUPLICATE KEY UPDATE `binlog_name` = VALUES(`binlog_name`), `binlog_pos` = VALUES(`binlog_pos`),"
                + " `binlog_gtid` = VALUES(`binlog_gtid`), `table_info` = VALUES(`table_info`)";
    }

    /** Per-table rows keep their table_info: DM's per-table schema is not Godwit's to overwrite. */
    static String upsertTableCheckpoint(TableId t) {
        return "INSERT INTO " + t.quoted() + " (`id`, `cp_schema`, `cp_table`, `binlog_name`, `binlog_pos`, `binlog_gtid`,"
                + " `exit_safe_binlog_name`, `exit_safe_binlog_pos`, `exit_safe_binlog_gtid`, `table_info`, `is_global`)"
                + " VALUES (?, ?, ?, ?, ?, ?, '', 0, '', 'null', 0)"
                + " ON DUPLICATE KEY UPDATE `binlog_name` = VALUES(`binlog_name`), `binlog_pos` = VALUES(`binlog_pos`),"
                + " `binlog_gtid` = VALUES(`binlog_gtid`)";
    }

    /** Parameters: table_info, source. */
    static String updateDdlTableInfo(TableId t) {
        return "UPDATE " + t.quoted() + " SET `table_info` = ? WHERE `source_id` = ?";
    }

    /** Parameters: table_info, id. */
    static String updateGlobalTableInfo(TableId t) {
        return "UPDATE " + t.quoted() + " SET `table_info` = ? WHERE `id` = ? AND `is_global` = 1";
    }

    static String selectGlobalCheckpoint(TableId t) {
        return "SELECT `binlog_name`, `binlog_pos`, `binlog_gtid`, `table_info` FROM " + t.quoted()
                + " WHERE `id` = ? AND `is_global` = 1";
    }

    // ---- row changes

    /** {@code INSERT|REPLACE INTO t (written columns, extract columns) VALUES (...), ...} for {@code rows} rows. */
    static String insert(RoutedTable t, int rows, boolean replace) {
        StringJoiner cols = new StringJoiner(", ", " (", ")");
        int width = 0;
        for (int c : t.writeColumns()) {
            cols.add(t.column(c).quotedName());
            width++;
        }
        for (String extra : t.extractColumns().keySet()) {
            cols.add(TableId.quote(extra));
            width++;
        }
        String tuple = "(" + "?, ".repeat(width - 1) + "?)";
        StringBuilder b = new StringBuilder(64 + rows * (tuple.length() + 2));
        b.append(replace ? "REPLACE INTO " : "INSERT INTO ").append(t.target().quoted()).append(cols).append(" VALUES ");
        for (int r = 0; r < rows; r++) {
            b.append(r == 0 ? "" : ", ").append(tuple);
        }
        return b.toString();
    }

    /**
     * {@code INSERT INTO t (written columns) VALUES (...), ... ON DUPLICATE KEY UPDATE c = VALUES(c), ...}:
     * updates that keep the identity, on a table whose identity is its only unique key and that has no
     * extract columns (so the duplicate found is always the row the update names).
     */
    static String upsert(RoutedTable t, int rows) {
        StringJoiner set = new StringJoiner(", ", " ON DUPLICATE KEY UPDATE ", "");
        for (int c : t.writeColumns()) {
            String name = t.column(c).quotedName();
            set.add(name + " = VALUES(" + name + ")");
        }
        return insert(t, rows, false) + set;
    }

    /** {@code UPDATE t SET every written column WHERE <row match>}. */
    static String update(RoutedTable t, ServerFlavor flavor) {
        StringJoiner set = new StringJoiner(", ");
        for (int c : t.writeColumns()) {
            set.add(t.column(c).quotedName() + " = ?");
        }
        return "UPDATE " + t.target().quoted() + " SET " + set + " WHERE " + rowMatch(t, flavor) + limitForKeyless(t);
    }

    /** {@code DELETE FROM t WHERE <row match>} for one row. */
    static String delete(RoutedTable t, ServerFlavor flavor) {
        return "DELETE FROM " + t.target().quoted() + " WHERE " + rowMatch(t, flavor) + limitForKeyless(t);
    }

    /** {@code DELETE FROM t WHERE (k1, k2) IN ((?, ?), ...) AND extract = ?}: keyed tables only. */
    static String deleteMany(RoutedTable t, int rows, ServerFlavor flavor) {
        int[] key = t.identity();
        StringJoiner cols = new StringJoiner(", ", key.length > 1 ? "(" : "", key.length > 1 ? ")" : "");
        for (int c : key) {
            cols.add(t.column(c).quotedName());
        }
        String one = key.length > 1 ? "(" + "?, ".repeat(key.length - 1) + "?)" : "?";
        StringJoiner in = new StringJoiner(", ", " IN (", ")");
        for (int r = 0; r < rows; r++) {
            in.add(one);
        }
        return "DELETE FROM " + t.target().quoted() + " WHERE " + cols + in + extractMatch(t);
    }

    /**
     * How UPDATE and DELETE name a row: by the identity key, or for a keyless table by every written column
     * with NULL-safe equality; in both cases also by the extract columns, so shards merged into one table
     * only touch their own rows.
     */
    static String rowMatch(RoutedTable t, ServerFlavor flavor) {
        StringJoiner where = new StringJoiner(" AND ");
        if (t.keyless()) {
            for (int c : t.writeColumns()) {
                where.add(t.column(c).quotedName() + " <=> " + parameterFor(t.column(c), flavor));
            }
        } else {
            for (int c : t.identity()) {
                where.add(t.column(c).quotedName() + " = " + parameterFor(t.column(c), flavor));
            }
        }
        String extra = extractMatch(t);
        return extra.isEmpty() ? where.toString() : where + extra;
    }

    private static String extractMatch(RoutedTable t) {
        StringBuilder b = new StringBuilder();
        for (String extra : t.extractColumns().keySet()) {
            b.append(" AND ").append(TableId.quote(extra)).append(" = ?");
        }
        return b.toString();
    }

    private static String limitForKeyless(RoutedTable t) {
        return t.keyless() ? " LIMIT 1" : "";
    }

    /** A JSON column compares with JSON, not with text, on MySQL and TiDB (MariaDB's JSON is text). */
    private static String parameterFor(ColumnInfo column, ServerFlavor flavor) {
        return "json".equals(column.dataType()) && flavor != ServerFlavor.MARIADB ? "CAST(? AS JSON)" : "?";
    }
}
