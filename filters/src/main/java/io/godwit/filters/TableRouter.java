package io.godwit.filters;

import io.godwit.core.config.rules.ExtractRule;
import io.godwit.core.config.rules.RouteRule;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.TableId;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DM's table routing ({@code routes} in task.yaml; tidb {@code regexpr-router}, which DM uses). Immutable
 * and thread-safe.
 *
 * <p>A rule matches a table when its {@code schema-pattern} matches the schema and, for a table-level
 * rule, its {@code table-pattern} matches the table. Patterns are wildcards or {@code ~regex}, as in the
 * block-allow-list. Routing:
 * <ol>
 *   <li>A table (non-empty table name) matched by a table-level rule takes that rule; two such rules
 *       are an error. Otherwise the schema-level rules decide, and two of them are an error.</li>
 *   <li>A schema-level question (empty table name) looks at schema-level rules only.</li>
 *   <li>An empty {@code target-table} keeps the source table's name; no matching rule keeps both names.</li>
 *   <li>The chosen rule's extract-table/-schema/-source regexps are searched in the source table name,
 *       schema name and source id; each value is the concatenation of all capture groups, in order, and
 *       is the empty string when the regexp does not match (as DM's {@code FindStringSubmatch} gives).
 *       Extract regexps are case-sensitive and see the names as the server spells them.</li>
 * </ol>
 */
public final class TableRouter {

    /**
     * Where a source table goes.
     *
     * @param target         the target table; for a schema-level question its table name is empty
     * @param extractColumns target column -> value, in DM's order (table, schema, source); empty if none
     */
    public record Route(TableId target, Map<String, String> extractColumns) {
        public Route {
            Objects.requireNonNull(target, "target");
            extractColumns = Collections.unmodifiableMap(new LinkedHashMap<>(extractColumns));
        }
    }

    private final boolean caseSensitive;
    private final List<CompiledRule> rules;

    /** Rules named by position ({@code routes[0]}, ...) in error messages. */
    public TableRouter(List<RouteRule> rules, boolean caseSensitive) {
        this(byPosition(rules), caseSensitive);
    }

    /**
     * @param rules         the task's {@code routes} that apply to this source, by name, in file order
     * @param caseSensitive the task's {@code case-sensitive}; applies to schema/table patterns only
     * @throws GodwitException CONFIG_INVALID listing every invalid rule
     */
    public TableRouter(Map<String, RouteRule> rules, boolean caseSensitive) {
        this.caseSensitive = caseSensitive;
        List<String> problems = new ArrayList<>();
        List<CompiledRule> compiled = new ArrayList<>();
        Map<String, String> seenPatterns = new HashMap<>();
        rules.forEach((name, rule) -> {
            try {
                CompiledRule c = compile(name, rule, caseSensitive);
                // Two rules on the same patterns would conflict on every table they match; say so up front.
                String key = rule.schemaPattern() + "\u0000" + rule.tablePattern();
                String other = seenPatterns.putIfAbsent(caseSensitive ? key : NamePattern.Wildcard.fold(key), name);
                if (other != null) {
                    problems.add("routes " + other + " and " + name + " have the same schema-pattern and table-pattern");
                }
                compiled.add(c);
            } catch (GodwitException e) {
                problems.add(e.getMessage());
            }
        });
        if (!problems.isEmpty()) {
            throw new GodwitException(ErrorCode.CONFIG_INVALID, String.join("; ", problems));
        }
        this.rules = List.copyOf(compiled);
    }

    /**
     * @param source   the upstream table; an empty table name asks where the schema goes
     * @param sourceId the upstream source's {@code source-id}, the input of extract-source
     * @throws GodwitException CONFIG_INVALID if two rules of the same level match the table
     */
    public Route route(TableId source, String sourceId) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sourceId, "sourceId");
        boolean schemaOnly = source.table().isEmpty();
        CompiledRule rule = null;
        if (!schemaOnly) {
            rule = single(source, true);
        }
        if (rule == null) {
            rule = single(source, false);
        }
        if (rule == null) {
            return new Route(source, Map.of());
        }
        String targetTable = schemaOnly || rule.targetTable.isEmpty() ? source.table() : rule.targetTable;
        Map<String, String> extracted = new LinkedHashMap<>();
        if (!schemaOnly) {
            for (Extractor e : rule.extractors) {
                extracted.put(e.column, e.extract(source, sourceId));
            }
        }
        return new Route(new TableId(rule.targetSchema, targetTable), extracted);
    }

    /**
     * The extract columns a target table may receive: those of every rule that can route into it (same
     * target schema, and the same target table or none, which keeps source names). The loader adds them
     * to the target table, after the source's columns, as DM requires.
     */
    public Set<String> extraColumns(TableId target) {
        Set<String> columns = new LinkedHashSet<>();
        for (CompiledRule r : rules) {
            if (sameName(r.targetSchema, target.schema())
                    && (r.targetTable.isEmpty() || sameName(r.targetTable, target.table()))) {
                r.extractors.forEach(e -> columns.add(e.column));
            }
        }
        return Collections.unmodifiableSet(columns);
    }

    /** The one matching rule of a level, null if none. */
    private CompiledRule single(TableId source, boolean tableLevel) {
        CompiledRule found = null;
        for (CompiledRule r : rules) {
            if (r.isTableLevel() == tableLevel && r.matches(source)) {
                if (found != null) {
                    throw new GodwitException(ErrorCode.CONFIG_INVALID, "table " + source.quoted() + " matches "
                            + (tableLevel ? "table-level" : "schema-level") + " routes " + found.describe()
                            + " and " + r.describe() + "; a table may match only one route per level");
                }
                found = r;
            }
        }
        return found;
    }

    private boolean sameName(String a, String b) {
        return caseSensitive ? a.equals(b) : a.equalsIgnoreCase(b);
    }

    private static CompiledRule compile(String name, RouteRule rule, boolean caseSensitive) {
        String where = "route " + name;
        if (rule == null) {
            throw new GodwitException(ErrorCode.CONFIG_INVALID, where + ": rule must not be empty");
        }
        if (rule.targetSchema() == null || rule.targetSchema().isEmpty()) {
            throw new GodwitException(ErrorCode.CONFIG_INVALID, where + ": target-schema must not be empty");
        }
        NamePattern schema = NamePattern.parse(rule.schemaPattern(), caseSensitive, true, where + " schema-pattern");
        NamePattern table = rule.isSchemaLevel() ? null
                : NamePattern.parse(rule.tablePattern(), caseSensitive, true, where + " table-pattern");
        List<Extractor> extractors = new ArrayList<>();
        addExtractor(extractors, Input.TABLE, rule.extractTable(), where);
        addExtractor(extractors, Input.SCHEMA, rule.extractSchema(), where);
        addExtractor(extractors, Input.SOURCE, rule.extractSource(), where);
        return new CompiledRule(name, rule, schema, table, rule.targetSchema(), rule.targetTable(),
                List.copyOf(extractors));
    }

    private static void addExtractor(List<Extractor> out, Input input, ExtractRule extract, String where) {
        if (extract == null) {
            return;
        }
        String key = where + " " + input.key;
        if (extract.targetColumn() == null || extract.targetColumn().isEmpty()) {
            throw new GodwitException(ErrorCode.CONFIG_INVALID, key + ": target-column must not be empty");
        }
        if (extract.regexp() == null) {
            throw new GodwitException(ErrorCode.CONFIG_INVALID, key + ": " + input.regexpKey + " must be set");
        }
        for (Extractor e : out) {
            if (e.column.equalsIgnoreCase(extract.targetColumn())) {
                throw new GodwitException(ErrorCode.CONFIG_INVALID, where + ": " + e.input.key + " and " + input.key
                        + " both write column \"" + extract.targetColumn() + "\"");
            }
        }
        Pattern regexp = NamePattern.compileRegex(extract.regexp(), false, key + " " + input.regexpKey);
        out.add(new Extractor(input, regexp, extract.targetColumn()));
    }

    private static Map<String, RouteRule> byPosition(List<RouteRule> rules) {
        Map<String, RouteRule> named = new LinkedHashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            named.put("routes[" + i + "]", rules.get(i));
        }
        return named;
    }

    private enum Input {
        TABLE("extract-table", "table-regexp"),
        SCHEMA("extract-schema", "schema-regexp"),
        SOURCE("extract-source", "source-regexp");

        final String key;
        final String regexpKey;

        Input(String key, String regexpKey) {
            this.key = key;
            this.regexpKey = regexpKey;
        }
    }

    private record Extractor(Input input, Pattern regexp, String column) {
        String extract(TableId source, String sourceId) {
            String subject = switch (input) {
                case TABLE -> source.table();
                case SCHEMA -> source.schema();
                case SOURCE -> sourceId;
            };
            Matcher m = regexp.matcher(subject);
            StringBuilder value = new StringBuilder();
            if (m.find()) {
                for (int g = 1; g <= m.groupCount(); g++) {
                    if (m.group(g) != null) {
                        value.append(m.group(g));
                    }
                }
            }
            return value.toString();
        }
    }

    private record CompiledRule(String name, RouteRule raw, NamePattern schema, NamePattern table,
                                String targetSchema, String targetTable, List<Extractor> extractors) {

        boolean isTableLevel() { return table != null; }

        boolean matches(TableId t) {
            return schema.matches(t.schema()) && (table == null || table.matches(t.table()));
        }

        String describe() {
            return name + " (schema-pattern \"" + raw.schemaPattern() + "\""
                    + (table == null ? "" : ", table-pattern \"" + raw.tablePattern() + "\"") + ")";
        }
    }
}
