package io.godwit.binlog.ddl;

/** What one single DDL change does, at statement level; {@link TableChange} says it in detail. */
public enum DdlKind {
    CREATE_DATABASE, ALTER_DATABASE, DROP_DATABASE,
    CREATE_TABLE, CREATE_TABLE_LIKE, DROP_TABLE, RENAME_TABLE, TRUNCATE_TABLE, ALTER_TABLE,
    CREATE_INDEX, DROP_INDEX;

    /** A statement about a database rather than a table: its {@link DdlChange#table()} has an empty table name. */
    public boolean isDatabaseLevel() {
        return this == CREATE_DATABASE || this == ALTER_DATABASE || this == DROP_DATABASE;
    }
}
