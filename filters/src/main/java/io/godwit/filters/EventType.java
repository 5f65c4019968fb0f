package io.godwit.filters;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Binlog event types under DM's names, as written in a filter rule's {@code events} (tiflow
 * {@code pkg/binlog-filter}). Group names ({@code all}, {@code none ddl}, ...) only appear in rules; the
 * other constants are what the syncer classifies an event or DDL statement as. The kind decides which
 * groups cover a type: {@code all ddl} covers DDL and INCOMPATIBLE_DDL, {@code incompatible ddl changes}
 * only INCOMPATIBLE_DDL (DDL that may lose data).
 */
public enum EventType {
    ALL("all", Kind.GROUP),
    ALL_DML("all dml", Kind.GROUP),
    ALL_DDL("all ddl", Kind.GROUP),
    NONE("none", Kind.GROUP),
    NONE_DML("none dml", Kind.GROUP),
    NONE_DDL("none ddl", Kind.GROUP),
    INCOMPATIBLE_DDL_CHANGES("incompatible ddl changes", Kind.GROUP),

    INSERT("insert", Kind.DML),
    UPDATE("update", Kind.DML),
    DELETE("delete", Kind.DML),

    CREATE_DATABASE("create database", Kind.DDL),
    ALTER_DATABASE("alter database", Kind.DDL),
    CREATE_TABLE("create table", Kind.DDL),
    CREATE_INDEX("create index", Kind.DDL),
    CREATE_VIEW("create view", Kind.DDL),
    DROP_VIEW("drop view", Kind.DDL),
    ALTER_TABLE("alter table", Kind.DDL),
    ADD_TABLE_PARTITION("add table partition", Kind.DDL),

    DROP_DATABASE("drop database", Kind.INCOMPATIBLE_DDL),
    DROP_TABLE("drop table", Kind.INCOMPATIBLE_DDL),
    TRUNCATE_TABLE("truncate table", Kind.INCOMPATIBLE_DDL),
    RENAME_TABLE("rename table", Kind.INCOMPATIBLE_DDL),
    DROP_INDEX("drop index", Kind.INCOMPATIBLE_DDL),
    DROP_TABLE_PARTITION("drop table partition", Kind.INCOMPATIBLE_DDL),
    TRUNCATE_TABLE_PARTITION("truncate table partition", Kind.INCOMPATIBLE_DDL),
    ADD_FOREIGN_KEY("add foreign key", Kind.INCOMPATIBLE_DDL),
    DROP_FOREIGN_KEY("drop foreign key", Kind.INCOMPATIBLE_DDL),
    VALUE_RANGE_DECREASE("value range decrease", Kind.INCOMPATIBLE_DDL),
    PRECISION_DECREASE("precision decrease", Kind.INCOMPATIBLE_DDL),
    MODIFY_COLUMN("modify column", Kind.INCOMPATIBLE_DDL),
    RENAME_COLUMN("rename column", Kind.INCOMPATIBLE_DDL),
    RENAME_INDEX("rename index", Kind.INCOMPATIBLE_DDL),
    DROP_COLUMN("drop column", Kind.INCOMPATIBLE_DDL),
    DROP_PRIMARY_KEY("drop primary key", Kind.INCOMPATIBLE_DDL),
    DROP_UNIQUE_KEY("drop unique key", Kind.INCOMPATIBLE_DDL),
    MODIFY_DEFAULT_VALUE("modify default value", Kind.INCOMPATIBLE_DDL),
    MODIFY_CONSTRAINT("modify constraint", Kind.INCOMPATIBLE_DDL),
    MODIFY_COLUMNS_ORDER("modify columns order", Kind.INCOMPATIBLE_DDL),
    MODIFY_CHARSET("modify charset", Kind.INCOMPATIBLE_DDL),
    MODIFY_COLLATION("modify collation", Kind.INCOMPATIBLE_DDL),
    REMOVE_AUTO_INCREMENT("remove auto increment", Kind.INCOMPATIBLE_DDL),
    MODIFY_STORAGE_ENGINE("modify storage engine", Kind.INCOMPATIBLE_DDL),
    REORGANIZE_TABLE_PARTITION("reorganize table partition", Kind.INCOMPATIBLE_DDL),
    REBUILD_TABLE_PARTITION("rebuild table partition", Kind.INCOMPATIBLE_DDL),
    COALESCE_TABLE_PARTITION("coalesce table partition", Kind.INCOMPATIBLE_DDL),
    SPLIT_TABLE_PARTITION("split table partition", Kind.INCOMPATIBLE_DDL),
    EXCHANGE_TABLE_PARTITION("exchange table partition", Kind.INCOMPATIBLE_DDL),
    MODIFY_SCHEMA_CHARSET_AND_COLLATE("modify schema charset and collate", Kind.INCOMPATIBLE_DDL),
    MODIFY_TABLE_CHARSET_AND_COLLATE("modify table charset and collate", Kind.INCOMPATIBLE_DDL),
    MODIFY_TABLE_COMMENT("modify table comment", Kind.INCOMPATIBLE_DDL),
    RECOVER_TABLE("recover table", Kind.INCOMPATIBLE_DDL),
    ALTER_TABLE_PARTITIONING("alter table partitioning", Kind.INCOMPATIBLE_DDL),
    REMOVE_TABLE_PARTITIONING("remove table partitioning", Kind.INCOMPATIBLE_DDL),
    ADD_COLUMN("add column", Kind.INCOMPATIBLE_DDL),
    SET_DEFAULT_VALUE("set default value", Kind.INCOMPATIBLE_DDL),
    REBASE_AUTO_ID("rebase auto id", Kind.INCOMPATIBLE_DDL),
    ADD_PRIMARY_KEY("add primary key", Kind.INCOMPATIBLE_DDL),
    ALTER_INDEX_VISIBILITY("alter index visibility", Kind.INCOMPATIBLE_DDL),
    ALTER_TTL_INFO("alter ttl info", Kind.INCOMPATIBLE_DDL),
    ALTER_TTL_REMOVE("alter ttl remove", Kind.INCOMPATIBLE_DDL),
    MULTI_SCHEMA_CHANGE("multi schema change", Kind.INCOMPATIBLE_DDL);

    /** What a type is for the group names. */
    public enum Kind { GROUP, DML, DDL, INCOMPATIBLE_DDL }

    private static final Map<String, EventType> BY_NAME;

    static {
        Map<String, EventType> names = Arrays.stream(values())
                .collect(Collectors.toMap(EventType::dmName, Function.identity(), (a, b) -> a, HashMap::new));
        // Aliases DM accepts in rules; "add index" is from tidb-tools releases before tiflow dropped it.
        names.put("create schema", CREATE_DATABASE);
        names.put("drop schema", DROP_DATABASE);
        names.put("alter schema", ALTER_DATABASE);
        names.put("add index", CREATE_INDEX);
        BY_NAME = Map.copyOf(names);
    }

    private final String dmName;
    private final Kind kind;

    EventType(String dmName, Kind kind) {
        this.dmName = dmName;
        this.kind = kind;
    }

    public String dmName() { return dmName; }

    public Kind kind() { return kind; }

    public boolean isGroup() { return kind == Kind.GROUP; }

    public boolean isDdl() { return kind == Kind.DDL || kind == Kind.INCOMPATIBLE_DDL; }

    /**
     * Parses a name from a rule's {@code events}, case-insensitively, aliases included
     * ({@code create schema} = {@code create database}, ...).
     *
     * @throws GodwitException CONFIG_INVALID for a name DM does not know
     */
    public static EventType fromDmName(String name) {
        EventType t = name == null ? null : BY_NAME.get(name.toLowerCase(Locale.ROOT));
        if (t == null) {
            throw new GodwitException(ErrorCode.CONFIG_INVALID, "unknown binlog event type \"" + name
                    + "\"; known: " + Arrays.stream(values()).map(EventType::dmName).collect(Collectors.joining(", ")));
        }
        return t;
    }

    @Override public String toString() { return dmName; }
}
