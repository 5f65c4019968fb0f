package io.godwit.core.config.internal;

import io.godwit.core.config.ColumnMappingConfig;
import io.godwit.core.config.ExpressionFilterConfig;
import io.godwit.core.config.rules.BlockAllowListRule;
import io.godwit.core.config.rules.EventFilterRule;
import io.godwit.core.config.rules.ExtractRule;
import io.godwit.core.config.rules.RouteRule;
import io.godwit.core.config.rules.TablePattern;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The named rules of task.yaml: routes, binlog event filters, block-allow lists, expression filters, column mappings. */
public final class RuleSchema {
    private RuleSchema() {}

    /** A regular expression (DM's are Go RE2; the common syntax is the same). */
    static final ValueType<String> REGEX = Types.text("regular expression", RuleSchema::regexProblem);

    /** A block-allow-list name: a wildcard pattern, or a regular expression after {@code ~}. */
    static final ValueType<String> NAME_PATTERN = Types.text("pattern (wildcard, or ~regex)",
            s -> s.startsWith("~") ? regexProblem(s.substring(1)) : null);

    static final Key<String> SCHEMA_PATTERN = Key.required("schema-pattern", Types.STRING,
            "Source schemas the rule applies to; wildcards `*` and `?`.");
    static final Key<String> TABLE_PATTERN = Key.of("table-pattern", Types.STRING, "",
            "Source tables the rule applies to; wildcards `*` and `?`; empty makes a schema-level rule.");

    // ---- routes
    static final Key<String> TABLE_REGEXP = Key.required("table-regexp", REGEX,
            "Regular expression on the source table name; its groups, concatenated, are the value.");
    static final Key<String> SCHEMA_REGEXP = Key.required("schema-regexp", REGEX,
            "Regular expression on the source schema name; its groups, concatenated, are the value.");
    static final Key<String> SOURCE_REGEXP = Key.required("source-regexp", REGEX,
            "Regular expression on the source-id; its groups, concatenated, are the value.");
    static final Key<String> TARGET_COLUMN = Key.required("target-column", Types.STRING,
            "Column of the target table that receives the extracted value.");
    static final Section<ExtractRule> EXTRACT_TABLE = Section.of("Writes part of the source table name into a column.",
            v -> new ExtractRule(v.get(TABLE_REGEXP), v.get(TARGET_COLUMN)), TABLE_REGEXP, TARGET_COLUMN);
    static final Section<ExtractRule> EXTRACT_SCHEMA = Section.of("Writes part of the source schema name into a column.",
            v -> new ExtractRule(v.get(SCHEMA_REGEXP), v.get(TARGET_COLUMN)), SCHEMA_REGEXP, TARGET_COLUMN);
    static final Section<ExtractRule> EXTRACT_SOURCE = Section.of("Writes part of the source-id into a column.",
            v -> new ExtractRule(v.get(SOURCE_REGEXP), v.get(TARGET_COLUMN)), SOURCE_REGEXP, TARGET_COLUMN);

    static final Key<String> TARGET_SCHEMA = Key.required("target-schema", Types.STRING, "Target schema of matched tables.");
    static final Key<String> TARGET_TABLE = Key.of("target-table", Types.STRING, "",
            "Target table of matched tables; empty keeps the source table name.");
    static final Key<ExtractRule> EXTRACT_TABLE_KEY = Key.of("extract-table", EXTRACT_TABLE, null,
            "For merged shards: record which source table a row came from (the target table must have the column).");
    static final Key<ExtractRule> EXTRACT_SCHEMA_KEY = Key.of("extract-schema", EXTRACT_SCHEMA, null,
            "For merged shards: record which source schema a row came from.");
    static final Key<ExtractRule> EXTRACT_SOURCE_KEY = Key.of("extract-source", EXTRACT_SOURCE, null,
            "For merged shards: record which source a row came from.");

    public static final Section<RouteRule> ROUTE = Section.of("Renames matched source schemas/tables on the target; several sources may be routed to one table (shard merge).",
            v -> new RouteRule(v.get(SCHEMA_PATTERN), v.get(TABLE_PATTERN), v.get(TARGET_SCHEMA), v.get(TARGET_TABLE),
                    v.get(EXTRACT_TABLE_KEY), v.get(EXTRACT_SCHEMA_KEY), v.get(EXTRACT_SOURCE_KEY)),
            SCHEMA_PATTERN, TABLE_PATTERN, TARGET_SCHEMA, TARGET_TABLE, EXTRACT_TABLE_KEY, EXTRACT_SCHEMA_KEY,
            EXTRACT_SOURCE_KEY);

    // ---- binlog event filters
    /** DM's binlog event types (tiflow pkg/binlog-filter), lower case; aliases map to their canonical name. */
    static final List<String> EVENT_TYPES = List.of("all", "all dml", "all ddl", "none", "none ddl", "none dml",
            "insert", "update", "delete", "create database", "drop database", "alter database", "create table",
            "drop table", "truncate table", "rename table", "create index", "drop index", "create view", "drop view",
            "alter table", "add table partition", "drop table partition", "truncate table partition",
            "incompatible ddl changes", "value range decrease", "precision decrease", "modify column",
            "rename column", "rename index", "drop column", "drop primary key", "drop unique key",
            "modify default value", "modify constraint", "modify columns order", "modify charset",
            "modify collation", "remove auto increment", "modify storage engine", "reorganize table partition",
            "rebuild table partition", "coalesce table partition", "split table partition",
            "exchange table partition", "add foreign key", "drop foreign key", "modify schema charset and collate",
            "modify table charset and collate", "modify table comment", "recover table", "alter table partitioning",
            "remove table partitioning", "add column", "set default value", "rebase auto id", "add primary key",
            "alter index visibility", "alter ttl info", "alter ttl remove", "multi schema change");

    static final ValueType<String> EVENT_TYPE = Types.oneOf(EVENT_TYPES, s -> s).ignoringCase()
            .alias("create schema", "create database").alias("drop schema", "drop database")
            .alias("alter schema", "alter database");

    /** DM's actions; Error exists in DM but has no counterpart in {@link EventFilterRule.Action} yet. */
    enum FilterAction { DO, IGNORE, ERROR }

    static final Key<List<String>> EVENTS = Key.of("events", Types.listOf(EVENT_TYPE), List.of(),
            "Event types the rule matches (`all`, `all dml`, `all ddl`, `insert`, `drop table`, `truncate table`, ...).");
    static final Key<List<String>> SQL_PATTERN = Key.of("sql-pattern", Types.listOf(REGEX), List.of(),
            "Regular expressions matched against DDL statements, case-insensitively.");
    static final Key<FilterAction> ACTION = Key.required("action",
            Types.oneOf(List.of(FilterAction.values()), a -> a == FilterAction.DO ? "Do" : a == FilterAction.IGNORE ? "Ignore" : "Error"),
            "`Do` keeps only matching events, `Ignore` drops matching events, `Error` stops the task on them.")
            .notSupportedWhen(a -> a == FilterAction.ERROR, "`Error`");

    public static final Section<EventFilterRule> EVENT_FILTER = Section.of("Drops or keeps binlog events of matched tables by event type or statement.",
            v -> new EventFilterRule(v.get(SCHEMA_PATTERN), v.get(TABLE_PATTERN), v.get(EVENTS), v.get(SQL_PATTERN),
                    v.get(ACTION) == FilterAction.DO ? EventFilterRule.Action.DO
                            : v.get(ACTION) == FilterAction.IGNORE ? EventFilterRule.Action.IGNORE : null),
            SCHEMA_PATTERN, TABLE_PATTERN, EVENTS, SQL_PATTERN, ACTION);

    // ---- block-allow-list
    static final Key<String> DB_NAME = Key.required("db-name", NAME_PATTERN, "Schema name pattern.");
    static final Key<String> TBL_NAME = Key.required("tbl-name", NAME_PATTERN, "Table name pattern.");
    static final Section<TablePattern> TABLE = Section.of("A schema and table name pattern.",
            v -> new TablePattern(v.get(DB_NAME), v.get(TBL_NAME)), DB_NAME, TBL_NAME);

    static final Key<List<String>> DO_DBS = Key.of("do-dbs", Types.listOf(NAME_PATTERN), List.of(),
            "Schemas to migrate; when set, only these.");
    static final Key<List<String>> IGNORE_DBS = Key.of("ignore-dbs", Types.listOf(NAME_PATTERN), List.of(),
            "Schemas not to migrate.");
    static final Key<List<TablePattern>> DO_TABLES = Key.of("do-tables", Types.listOf(TABLE), List.of(),
            "Tables to migrate; when set, only these.");
    static final Key<List<TablePattern>> IGNORE_TABLES = Key.of("ignore-tables", Types.listOf(TABLE), List.of(),
            "Tables not to migrate.");

    public static final Section<BlockAllowListRule> BLOCK_ALLOW_LIST = Section.of("Which source schemas and tables are migrated, as MySQL's replication filters decide.",
            v -> new BlockAllowListRule(v.get(DO_DBS), v.get(IGNORE_DBS), v.get(DO_TABLES), v.get(IGNORE_TABLES)),
            DO_DBS, IGNORE_DBS, DO_TABLES, IGNORE_TABLES);

    // ---- expression-filter
    static final Key<String> SCHEMA = Key.required("schema", Types.STRING,
            "Source schema (exact name; case-insensitive unless `case-sensitive`).");
    static final Key<String> TABLE_NAME = Key.required("table", Types.STRING,
            "Source table (exact name; case-insensitive unless `case-sensitive`).");
    static final Key<String> INSERT_EXPR = Key.of("insert-value-expr", Types.STRING, "",
            "Drop inserted rows for which this SQL expression is TRUE (NULL keeps the row).");
    static final Key<String> UPDATE_OLD_EXPR = Key.of("update-old-value-expr", Types.STRING, "",
            "Drop updates whose old row makes this expression TRUE; with `update-new-value-expr`, both must hold.");
    static final Key<String> UPDATE_NEW_EXPR = Key.of("update-new-value-expr", Types.STRING, "",
            "Drop updates whose new row makes this expression TRUE; with `update-old-value-expr`, both must hold.");
    static final Key<String> DELETE_EXPR = Key.of("delete-value-expr", Types.STRING, "",
            "Drop deleted rows for which this SQL expression is TRUE (NULL keeps the row).");

    public static final Section<ExpressionFilterConfig> EXPRESSION_FILTER = Section.of("Drops row changes of one table by a SQL expression on the row.",
            v -> new ExpressionFilterConfig(v.get(SCHEMA), v.get(TABLE_NAME), v.get(INSERT_EXPR), v.get(UPDATE_OLD_EXPR),
                    v.get(UPDATE_NEW_EXPR), v.get(DELETE_EXPR)),
            SCHEMA, TABLE_NAME, INSERT_EXPR, UPDATE_OLD_EXPR, UPDATE_NEW_EXPR, DELETE_EXPR)
            .check(v -> {
                int kinds = (v.get(INSERT_EXPR).isEmpty() ? 0 : 1) + (v.get(DELETE_EXPR).isEmpty() ? 0 : 1)
                        + (v.get(UPDATE_OLD_EXPR).isEmpty() && v.get(UPDATE_NEW_EXPR).isEmpty() ? 0 : 1);
                if (kinds > 1) {
                    v.problem(SCHEMA, "an expression filter takes expressions for one kind of change only (insert, update or delete)");
                } else if (kinds == 0) {
                    v.problem(SCHEMA, "an expression filter needs one of insert-value-expr, update-old-value-expr,"
                            + " update-new-value-expr or delete-value-expr");
                }
            });

    // ---- column-mappings (DM rejects them as deprecated; declared so that the message is precise)
    static final Key<String> CM_SCHEMA_PATTERN = Key.of("schema-pattern", Types.STRING, "", "Source schemas.");
    static final Key<String> SOURCE_COLUMN = Key.of("source-column", Types.STRING, "", "Source column.");
    static final Key<String> CM_TARGET_COLUMN = Key.of("target-column", Types.STRING, "", "Target column.");
    static final Key<String> EXPRESSION = Key.of("expression", Types.STRING, "", "Mapping expression (`partition id`).");
    static final Key<List<String>> ARGUMENTS = Key.of("arguments", Types.STRING_LIST, List.of(), "Arguments of the expression.");
    static final Key<String> CREATE_TABLE_QUERY = Key.of("create-table-query", Types.STRING, "", "Target table DDL.");

    public static final Section<ColumnMappingConfig> COLUMN_MAPPING = Section.of("Rewrites a column's value (DM: deprecated and rejected).",
            v -> new ColumnMappingConfig(v.get(CM_SCHEMA_PATTERN), v.get(TABLE_PATTERN), v.get(SOURCE_COLUMN),
                    v.get(CM_TARGET_COLUMN), v.get(EXPRESSION), v.get(ARGUMENTS), v.get(CREATE_TABLE_QUERY)),
            CM_SCHEMA_PATTERN, TABLE_PATTERN, SOURCE_COLUMN, CM_TARGET_COLUMN, EXPRESSION, ARGUMENTS, CREATE_TABLE_QUERY);

    static String regexProblem(String regex) {
        try {
            Pattern.compile(regex);
            return null;
        } catch (PatternSyntaxException e) {
            return "not a valid regular expression: " + e.getDescription() + " near index " + e.getIndex();
        }
    }
}
