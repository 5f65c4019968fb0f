package io.godwit.binlog.ddl;

import java.util.List;

/**
 * The meaning of one single DDL change, as the schema tracker and shard-merge need it. Table
 * names are not part of it: they are in {@link DdlChange#table()} and
 * {@link DdlChange#relatedTable()}, the ones routing rewrites.
 */
public sealed interface TableChange {

    /** Where an added or redefined column goes. */
    record ColumnPosition(Placement placement, String afterColumn) {
        public enum Placement { UNCHANGED, FIRST, AFTER }

        public static final ColumnPosition UNCHANGED = new ColumnPosition(Placement.UNCHANGED, null);
        public static final ColumnPosition FIRST = new ColumnPosition(Placement.FIRST, null);

        public static ColumnPosition after(String column) { return new ColumnPosition(Placement.AFTER, column); }
    }

    // ---- databases

    /** CREATE DATABASE; charset/collation null when not given. */
    record CreateDatabase(String charset, String collation, boolean ifNotExists, boolean orReplace) implements TableChange {}

    /** ALTER DATABASE with its new defaults (null when unchanged). */
    record AlterDatabase(String charset, String collation) implements TableChange {}

    record DropDatabase(boolean ifExists) implements TableChange {}

    // ---- whole tables

    /** CREATE TABLE with a column list; the table options that matter for columns are charset and collation. */
    record CreateTable(List<ColumnDefinition> columns, List<IndexDefinition> indexes, String charset, String collation,
                       boolean ifNotExists, boolean orReplace) implements TableChange {
        public CreateTable {
            columns = List.copyOf(columns);
            indexes = List.copyOf(indexes);
        }
    }

    /** CREATE TABLE ... LIKE: the model table is {@link DdlChange#relatedTable()}. */
    record CreateTableLike(boolean ifNotExists, boolean orReplace) implements TableChange {}

    record DropTable(boolean ifExists) implements TableChange {}

    /** RENAME TABLE and ALTER TABLE ... RENAME TO: the new name is {@link DdlChange#relatedTable()}. */
    record RenameTable() implements TableChange {}

    /** TRUNCATE TABLE: rows go, the schema stays. */
    record TruncateTable() implements TableChange {}

    // ---- columns

    record AddColumn(ColumnDefinition column, ColumnPosition position, boolean ifNotExists) implements TableChange {}

    record DropColumn(String name, boolean ifExists) implements TableChange {}

    record ModifyColumn(ColumnDefinition column, ColumnPosition position, boolean ifExists) implements TableChange {}

    record ChangeColumn(String oldName, ColumnDefinition column, ColumnPosition position, boolean ifExists)
            implements TableChange {}

    record RenameColumn(String oldName, String newName) implements TableChange {}

    /** ALTER COLUMN ... SET DEFAULT (the value's text) or DROP DEFAULT (null). */
    record SetColumnDefault(String column, String defaultValue) implements TableChange {}

    /** MySQL 8's ALTER COLUMN ... SET VISIBLE/INVISIBLE. */
    record SetColumnVisibility(String column, boolean invisible) implements TableChange {}

    // ---- indexes

    /** ADD INDEX/KEY/UNIQUE/PRIMARY KEY/FULLTEXT/SPATIAL/FOREIGN KEY, CREATE INDEX. */
    record AddIndex(IndexDefinition index, boolean ifNotExists) implements TableChange {}

    /** DROP INDEX/KEY, DROP PRIMARY KEY (name {@code PRIMARY}). */
    record DropIndex(String name, boolean ifExists) implements TableChange {}

    record RenameIndex(String oldName, String newName) implements TableChange {}

    /**
     * DROP CONSTRAINT (MySQL 8.0.19+, MariaDB): drops the UNIQUE key of that name if there is
     * one; a CHECK or foreign-key constraint leaves the column model as it is.
     */
    record DropConstraint(String name, boolean ifExists) implements TableChange {}

    /** ALTER INDEX ... VISIBLE/INVISIBLE (MySQL), ALTER INDEX ... [NOT] IGNORED (MariaDB). */
    record SetIndexVisibility(String name, boolean invisible) implements TableChange {}

    // ---- table options

    /** Table options; charset/collation are the defaults for columns added later (null: unchanged). */
    record SetTableOptions(String charset, String collation) implements TableChange {}

    /** CONVERT TO CHARACTER SET: every character column changes its character set, and TEXT types may grow. */
    record ConvertCharset(String charset, String collation) implements TableChange {}

    /**
     * A change that leaves columns and keys as they are: partitioning, CHECK and foreign-key
     * constraint drops, ORDER BY, FORCE, tablespace and key maintenance.
     *
     * @param what the change in SQL words, e.g. {@code ADD PARTITION}
     */
    record Unmodeled(String what) implements TableChange {}
}
