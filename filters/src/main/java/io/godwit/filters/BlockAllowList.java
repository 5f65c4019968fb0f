package io.godwit.filters;

import io.godwit.core.config.rules.BlockAllowListRule;
import io.godwit.core.config.rules.TablePattern;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.TableId;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * DM's block-allow-list: which upstream schemas and tables are migrated at all, with MySQL
 * replication-filter semantics (tidb-tools {@code pkg/filter}). Immutable and thread-safe.
 *
 * <p>Evaluation, as DM's:
 * <ol>
 *   <li>System schemas (and DM's own meta/heartbeat schemas) are never migrated, whatever the rules say.</li>
 *   <li>Schema: if {@code do-dbs} is non-empty the schema must match one of them ({@code ignore-dbs} is
 *       then not consulted at all); otherwise it must match none of {@code ignore-dbs}.</li>
 *   <li>Table (skipped for schema-level questions): a match in {@code do-tables} allows the table, even if
 *       {@code ignore-tables} matches it too; else a match in {@code ignore-tables} blocks it; else the
 *       table is allowed only when {@code do-tables} is empty.</li>
 * </ol>
 */
public final class BlockAllowList {

    /** DM's default {@code meta-schema}. */
    public static final String DEFAULT_META_SCHEMA = "dm_meta";

    /** Never migrated (compared case-insensitively): the servers' own schemas and DM's heartbeat schema. */
    private static final Set<String> SYSTEM_SCHEMAS = Set.of(
            "mysql", "information_schema", "performance_schema", "sys",
            "metrics_schema", "inspection_schema", "dm_heartbeat");

    private final String metaSchema;
    private final List<NamePattern> doDbs;
    private final List<NamePattern> ignoreDbs;
    private final List<TableMatcher> doTables;
    private final List<TableMatcher> ignoreTables;

    /**
     * @param rule          the task's block-allow-list entry for this source; null allows everything
     * @param caseSensitive the task's {@code case-sensitive}; DM's default is false
     * @param metaSchema    the task's {@code meta-schema} (usually {@link #DEFAULT_META_SCHEMA}), never migrated
     * @throws GodwitException CONFIG_INVALID listing every invalid pattern
     */
    public BlockAllowList(BlockAllowListRule rule, boolean caseSensitive, String metaSchema) {
        Objects.requireNonNull(metaSchema, "metaSchema");
        BlockAllowListRule r = rule == null ? BlockAllowListRule.ALLOW_ALL : rule;
        this.metaSchema = metaSchema;
        List<String> problems = new ArrayList<>();
        this.doDbs = schemaPatterns(r.doDbs(), caseSensitive, "do-dbs", problems);
        this.ignoreDbs = schemaPatterns(r.ignoreDbs(), caseSensitive, "ignore-dbs", problems);
        this.doTables = tablePatterns(r.doTables(), caseSensitive, "do-tables", problems);
        this.ignoreTables = tablePatterns(r.ignoreTables(), caseSensitive, "ignore-tables", problems);
        if (!problems.isEmpty()) {
            throw new GodwitException(ErrorCode.CONFIG_INVALID, String.join("; ", problems));
        }
    }

    /** Whether statements on the schema itself (CREATE/DROP/ALTER DATABASE) and its tables may pass. */
    public boolean allowsSchema(String schema) {
        return !isExcludedSchema(schema) && passesSchemaRules(schema);
    }

    /** Whether the table is migrated. A {@link TableId} with an empty table name asks about the schema. */
    public boolean allowsTable(TableId table) {
        return allowsSchema(table.schema()) && passesTableRules(table);
    }

    /** System schemas, DM's heartbeat schema and this task's meta schema: never migrated. */
    public boolean isExcludedSchema(String schema) {
        String lower = schema.toLowerCase(Locale.ROOT);
        return SYSTEM_SCHEMAS.contains(lower) || lower.equals(metaSchema.toLowerCase(Locale.ROOT));
    }

    private boolean passesSchemaRules(String schema) {
        if (!doDbs.isEmpty()) {
            return anyMatches(doDbs, schema);
        }
        return ignoreDbs.isEmpty() || !anyMatches(ignoreDbs, schema);
    }

    private boolean passesTableRules(TableId table) {
        if (table.table().isEmpty()) {
            return true;
        }
        if (doTables.stream().anyMatch(m -> m.matches(table))) {
            return true;
        }
        if (ignoreTables.stream().anyMatch(m -> m.matches(table))) {
            return false;
        }
        return doTables.isEmpty();
    }

    private static boolean anyMatches(List<NamePattern> patterns, String name) {
        return patterns.stream().anyMatch(p -> p.matches(name));
    }

    private static List<NamePattern> schemaPatterns(List<String> texts, boolean caseSensitive, String key,
                                                    List<String> problems) {
        List<NamePattern> out = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String where = "block-allow-list " + key + "[" + i + "]";
            try {
                out.add(NamePattern.parse(texts.get(i), caseSensitive, true, where));
            } catch (GodwitException e) {
                problems.add(e.getMessage());
            }
        }
        return List.copyOf(out);
    }

    private static List<TableMatcher> tablePatterns(List<TablePattern> pairs, boolean caseSensitive, String key,
                                                    List<String> problems) {
        List<TableMatcher> out = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            TablePattern pair = pairs.get(i);
            String where = "block-allow-list " + key + "[" + i + "]";
            try {
                if (pair == null) {
                    throw new GodwitException(ErrorCode.CONFIG_INVALID, where + ": entry must not be empty");
                }
                NamePattern db = NamePattern.parse(pair.dbName(), caseSensitive, true, where + ".db-name");
                NamePattern tbl = NamePattern.parse(pair.tblName(), caseSensitive, true, where + ".tbl-name");
                out.add(new TableMatcher(db, tbl));
            } catch (GodwitException e) {
                problems.add(e.getMessage());
            }
        }
        return List.copyOf(out);
    }

    /** One do-tables/ignore-tables entry: both sides must match. */
    private record TableMatcher(NamePattern schema, NamePattern table) {
        boolean matches(TableId t) { return schema.matches(t.schema()) && table.matches(t.table()); }
    }
}
