package io.godwit.loader;

import io.godwit.core.checkpoint.TaskCheckpointTable;
import io.godwit.core.config.LoaderConfig.OnDuplicate;
import io.godwit.core.model.DelimitedColumn;
import io.godwit.core.model.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** All SQL the loader sends to a target, in one place (STYLE §14). */
final class LoaderStatements {
    private LoaderStatements() {}

    // ---- target discovery

    static final String VERSION = "SELECT VERSION()";
    /** MariaDB 10.10+ lists charset-free names in COLLATIONS; FULL_COLLATION_NAME here has the real ones. */
    static final String COLLATIONS = "SELECT * FROM information_schema.COLLATION_CHARACTER_SET_APPLICABILITY";
    static final String MAX_ALLOWED_PACKET = "SELECT @@max_allowed_packet";
    static final String LOCAL_INFILE = "SELECT @@local_infile";
    static final String SCHEMA_EXISTS = "SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?";
    static final String TABLE_EXISTS = "SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?";
    static final String TABLE_COLUMNS = "SELECT COLUMN_NAME FROM information_schema.COLUMNS"
            + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION";

    // ---- load checkpoints (DM's table name: <task>_loader_checkpoint)

    static String checkpointTableName(String task) {
        return TaskCheckpointTable.LOADER_CHECKPOINT.tableName(task);
    }

    static String createMetaSchema(String metaSchema) {
        return "CREATE DATABASE IF NOT EXISTS " + TableId.quote(metaSchema);
    }

    static String createCheckpointTable(TableId table) {
        return "CREATE TABLE IF NOT EXISTS " + table.quoted() + " (\n"
                + "  `source_id` VARCHAR(64) NOT NULL,\n"
                + "  `cp_schema` VARCHAR(128) NOT NULL,\n"
                + "  `cp_table` VARCHAR(128) NOT NULL,\n"
                + "  `chunk_index` INT NOT NULL,\n"
                + "  `chunk_count` INT NOT NULL,\n"
                + "  `predicate` MEDIUMTEXT NOT NULL,\n"
                + "  `target_schema` VARCHAR(128) NOT NULL,\n"
                + "  `target_table` VARCHAR(128) NOT NULL,\n"
                + "  `definition_digest` VARCHAR(64) NOT NULL DEFAULT '',\n"
                + "  `status` VARCHAR(16) NOT NULL,\n"
                + "  `rows_loaded` BIGINT NOT NULL DEFAULT 0,\n"
                + "  `bytes_loaded` BIGINT NOT NULL DEFAULT 0,\n"
                + "  `create_time` TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,\n"
                + "  `finish_time` TIMESTAMP NULL DEFAULT NULL,\n"
                + "  PRIMARY KEY (`source_id`, `cp_schema`, `cp_table`, `chunk_index`)\n"
                + ") DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";
    }

    private static final String KEY = " WHERE `source_id` = ? AND `cp_schema` = ? AND `cp_table` = ?";

    static String selectPlan(TableId cp) {
        return "SELECT `chunk_index`, `chunk_count`, `predicate`, `target_schema`, `target_table`, `status` FROM "
                + cp.quoted() + KEY + " ORDER BY `chunk_index`";
    }

    static String insertPlanRow(TableId cp) {
        return "INSERT INTO " + cp.quoted() + " (`source_id`, `cp_schema`, `cp_table`, `chunk_index`, `chunk_count`,"
                + " `predicate`, `target_schema`, `target_table`, `definition_digest`, `status`)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending')";
    }

    /** One table's stored plan at a glance: chunk count, finished chunks, target and definition digest. */
    static String selectTableState(TableId cp) {
        return "SELECT MAX(`chunk_count`), SUM(`status` = 'finished'), MAX(`target_schema`), MAX(`target_table`),"
                + " MAX(`definition_digest`) FROM " + cp.quoted() + KEY;
    }

    /** Whether any other source table loads into one target table (a merge). */
    static String selectOtherLoaders(TableId cp) {
        return "SELECT 1 FROM " + cp.quoted() + " WHERE `target_schema` = ? AND `target_table` = ?"
                + " AND NOT (`source_id` = ? AND `cp_schema` = ? AND `cp_table` = ?) LIMIT 1";
    }

    static String selectAnyOfSource(TableId cp) {
        return "SELECT 1 FROM " + cp.quoted() + " WHERE `source_id` = ? LIMIT 1";
    }

    static String deleteTable(TableId cp) {
        return "DELETE FROM " + cp.quoted() + KEY;
    }

    static String selectFinished(TableId cp) {
        return "SELECT `chunk_index` FROM " + cp.quoted() + KEY + " AND `status` = 'finished'";
    }

    /** One chunk's row; {@code FOR UPDATE} only once it is known to exist (a missing row would take a gap lock). */
    static String selectChunk(TableId cp, boolean forUpdate) {
        return "SELECT `chunk_count`, `predicate`, `target_schema`, `target_table`, `status` FROM " + cp.quoted()
                + KEY + " AND `chunk_index` = ?" + (forUpdate ? " FOR UPDATE" : "");
    }

    static String selectAnyChunkCount(TableId cp) {
        return "SELECT `chunk_count` FROM " + cp.quoted() + KEY + " LIMIT 1";
    }

    static String markFinished(TableId cp) {
        return "UPDATE " + cp.quoted() + " SET `status` = 'finished', `rows_loaded` = ?, `bytes_loaded` = ?,"
                + " `finish_time` = CURRENT_TIMESTAMP" + KEY + " AND `chunk_index` = ? AND `status` <> 'finished'";
    }

    static String insertFinished(TableId cp) {
        return "INSERT INTO " + cp.quoted() + " (`source_id`, `cp_schema`, `cp_table`, `chunk_index`, `chunk_count`,"
                + " `predicate`, `target_schema`, `target_table`, `status`, `rows_loaded`, `bytes_loaded`, `finish_time`)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'finished', ?, ?, CURRENT_TIMESTAMP)";
    }

    static String deleteAll(TableId cp) {
        return "DELETE FROM " + cp.quoted();
    }

    static String deleteSource(TableId cp) {
        return "DELETE FROM " + cp.quoted() + " WHERE `source_id` = ?";
    }

    // ---- secondary indexes left for after the load (<task>_loader_index)

    static String indexTableName(String task) {
        return TaskCheckpointTable.LOADER_INDEX.tableName(task);
    }

    static String createIndexTable(TableId table) {
        return "CREATE TABLE IF NOT EXISTS " + table.quoted() + " (\n"
                + "  `source_id` VARCHAR(64) NOT NULL,\n"
                + "  `cp_schema` VARCHAR(128) NOT NULL,\n"
                + "  `cp_table` VARCHAR(128) NOT NULL,\n"
                + "  `target_schema` VARCHAR(128) NOT NULL,\n"
                + "  `target_table` VARCHAR(128) NOT NULL,\n"
                + "  `alter_sql` MEDIUMTEXT NOT NULL,\n"
                + "  `create_time` TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,\n"
                + "  PRIMARY KEY (`source_id`, `cp_schema`, `cp_table`)\n"
                + ") DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";
    }

    /** REPLACE: a table created again (its load started over) gets the statement of its new definition. */
    static String replaceIndexRow(TableId t) {
        return "REPLACE INTO " + t.quoted() + " (`source_id`, `cp_schema`, `cp_table`, `target_schema`, `target_table`,"
                + " `alter_sql`) VALUES (?, ?, ?, ?, ?, ?)";
    }

    static String selectIndexRows(TableId t) {
        return "SELECT `cp_schema`, `cp_table`, `target_schema`, `target_table`, `alter_sql` FROM " + t.quoted()
                + " WHERE `source_id` = ?";
    }

    static String deleteIndexRow(TableId t) {
        return "DELETE FROM " + t.quoted() + KEY;
    }

    static final String INDEX_NAMES = "SELECT DISTINCT INDEX_NAME FROM information_schema.STATISTICS"
            + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?";

    // ---- row import

    /** {@code INSERT INTO `db`.`t` (`a`,`b`) VALUES } (or REPLACE / the ignore form) up to the first tuple. */
    static String insertPrefix(OnDuplicate mode, TableId table, List<String> columns) {
        String verb = switch (mode) {
            case REPLACE -> "REPLACE INTO ";
            case IGNORE -> columns.isEmpty() ? "INSERT IGNORE INTO " : "INSERT INTO ";
            case ERROR -> "INSERT INTO ";
        };
        String cols = columns.isEmpty() ? ""
                : columns.stream().map(TableId::quote).collect(Collectors.joining(",", " (", ")"));
        return verb + table.quoted() + cols + " VALUES ";
    }

    /**
     * What follows the last tuple. For ignore, a no-op {@code ON DUPLICATE KEY UPDATE} instead of
     * INSERT IGNORE: IGNORE also turns truncation and invalid values into warnings, i.e. silent data loss.
     */
    static String insertSuffix(OnDuplicate mode, List<String> columns) {
        if (mode != OnDuplicate.IGNORE || columns.isEmpty()) {
            return "";
        }
        String c = TableId.quote(columns.get(0));
        return " ON DUPLICATE KEY UPDATE " + c + " = " + c;
    }

    /** {@code 'text'} with the quote and backslash escaped, as Godwit's target sessions read it (no NO_BACKSLASH_ESCAPES). */
    static String stringLiteral(String v) {
        return "'" + v.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    /**
     * {@code LOAD DATA LOCAL INFILE} of {@link DelimitedRowSource} lines into {@code target}: UTF-8
     * text, hex fields decoded through user variables, extract columns set to their values.
     * REPLACE or no keyword (duplicates then come back as warnings, which fail the chunk).
     */
    static String loadData(OnDuplicate mode, ChunkTarget target, List<DelimitedColumn> fields) {
        if (mode == OnDuplicate.IGNORE) {
            throw new IllegalArgumentException("on-duplicate ignore is loaded with INSERT statements");
        }
        StringBuilder cols = new StringBuilder();
        List<String> sets = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            DelimitedColumn f = fields.get(i);
            if (i > 0) {
                cols.append(',');
            }
            String var = "@g" + i;
            String col = TableId.quote(f.name());
            switch (f.encoding()) {
                case TEXT -> cols.append(col);
                case HEX_BYTES -> {
                    cols.append(var);
                    sets.add(col + " = UNHEX(" + var + ")");
                }
                case HEX_CHARSET_TEXT -> {
                    cols.append(var);
                    sets.add(col + " = CONVERT(UNHEX(" + var + ") USING " + f.charset() + ")");
                }
                case HEX_BIT -> {
                    cols.append(var);
                    sets.add(col + " = CAST(CONV(" + var + ", 16, 10) AS UNSIGNED)");
                }
            }
        }
        target.extractValues().forEach((col, value) -> sets.add(TableId.quote(col) + " = " + stringLiteral(value)));
        return "LOAD DATA LOCAL INFILE 'godwit-chunk'" + (mode == OnDuplicate.REPLACE ? " REPLACE" : "")
                + " INTO TABLE " + target.table().quoted()
                + " CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n'"
                + " (" + cols + ")" + (sets.isEmpty() ? "" : " SET " + String.join(", ", sets));
    }

    /** Runs an existence query ({@link #SCHEMA_EXISTS}, {@link #TABLE_EXISTS}) with string parameters. */
    static boolean exists(java.sql.Connection c, String sql, String... args) throws java.sql.SQLException {
        try (java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
