package io.godwit.filters;

import io.godwit.core.config.rules.EventFilterRule;
import io.godwit.core.config.rules.EventFilterRule.Action;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.TableId;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * DM's binlog event filter ({@code filters} in task.yaml; tiflow {@code pkg/binlog-filter}). Immutable
 * and thread-safe.
 *
 * <p>Rule selection: a rule applies to a table when its {@code schema-pattern} matches the schema and,
 * for a table-level rule, its {@code table-pattern} matches the table name. Schema-level rules (no
 * table-pattern) apply to every table of the schema. For a schema-level event the table name is empty,
 * so among table-level rules only a pattern that matches the empty name ({@code *}) applies. Patterns
 * are wildcards only; DM's binlog filter has no {@code ~regex} form.
 *
 * <p>Decision, for every applying rule (order does not matter: every outcome but the last is IGNORE):
 * <ol>
 *   <li>If the event's type is known: an Ignore rule whose {@code events} cover it ignores the event;
 *       a Do rule whose {@code events} do not cover it ignores the event. A Do rule with no events
 *       therefore ignores every typed event.</li>
 *   <li>If the event carries SQL (DDL; DML carries none) and the rule has {@code sql-pattern}s: an Ignore
 *       rule with a matching pattern ignores it; a Do rule with no matching pattern ignores it.</li>
 *   <li>Otherwise the event is done.</li>
 * </ol>
 * {@code events} are read in order and the first entry that decides wins, so {@code [none, insert]}
 * covers nothing while {@code [insert, none]} covers insert. {@code sql-pattern}s are always
 * case-insensitive regular expressions searched in the statement.
 */
public final class BinlogEventFilter {

    public enum Decision { DO, IGNORE }

    private final List<CompiledRule> rules;

    /** Rules named by position ({@code filters[0]}, ...) in error messages. */
    public BinlogEventFilter(List<EventFilterRule> rules, boolean caseSensitive) {
        this(byPosition(rules), caseSensitive);
    }

    /**
     * @param rules         the task's {@code filters} that apply to this source, by name, in file order
     * @param caseSensitive the task's {@code case-sensitive}; applies to schema/table patterns only
     * @throws GodwitException CONFIG_INVALID listing every invalid rule
     */
    public BinlogEventFilter(Map<String, EventFilterRule> rules, boolean caseSensitive) {
        List<String> problems = new ArrayList<>();
        List<CompiledRule> compiled = new ArrayList<>();
        Map<String, String> seenPatterns = new HashMap<>();
        rules.forEach((name, rule) -> {
            try {
                CompiledRule c = compile(name, rule, caseSensitive);
                // DM's rule selector refuses a second rule on the same patterns; it would otherwise be dropped.
                String key = c.schema.text() + "\u0000" + (c.table == null ? "" : c.table.text());
                String key2 = caseSensitive ? key : NamePattern.Wildcard.fold(key);
                String other = seenPatterns.putIfAbsent(key2, name);
                if (other != null) {
                    problems.add("binlog event filters " + other + " and " + name
                            + " have the same schema-pattern and table-pattern; merge them into one rule");
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
     * @param table the event's table; for a schema-level statement (CREATE DATABASE, ...) the table name is
     *              empty, and for a statement whose tables are unknown both names are empty
     * @param type  the event's type, or null for a statement DM cannot classify (then only sql-pattern decides)
     * @param sql   the statement of a DDL/query event; null or empty for row events
     * @throws IllegalArgumentException if {@code type} is a group name such as {@code all}
     */
    public Decision decide(TableId table, EventType type, String sql) {
        Objects.requireNonNull(table, "table");
        if (type != null && type.isGroup()) {
            throw new IllegalArgumentException("event type " + type + " is a rule group, not an event's type");
        }
        String statement = sql == null ? "" : sql;
        for (CompiledRule rule : rules) {
            if (rule.appliesTo(table) && rule.ignores(type, statement)) {
                return Decision.IGNORE;
            }
        }
        return Decision.DO;
    }

    private static CompiledRule compile(String name, EventFilterRule rule, boolean caseSensitive) {
        String where = "binlog event filter " + name;
        if (rule == null) {
            throw new GodwitException(ErrorCode.CONFIG_INVALID, where + ": rule must not be empty");
        }
        if (rule.action() == null) {
            throw new GodwitException(ErrorCode.CONFIG_INVALID, where + ": action must be Do or Ignore");
        }
        NamePattern schema = NamePattern.parse(rule.schemaPattern(), caseSensitive, false, where + " schema-pattern");
        NamePattern table = rule.tablePattern().isEmpty() ? null
                : NamePattern.parse(rule.tablePattern(), caseSensitive, false, where + " table-pattern");
        List<EventType> events = new ArrayList<>();
        for (String e : rule.events()) {
            try {
                events.add(EventType.fromDmName(e));
            } catch (GodwitException ex) {
                throw new GodwitException(ErrorCode.CONFIG_INVALID, where + " events: " + ex.getMessage());
            }
        }
        List<Pattern> sqlPatterns = new ArrayList<>();
        for (String p : rule.sqlPattern()) {
            sqlPatterns.add(NamePattern.compileRegex(p, true, where + " sql-pattern"));
        }
        return new CompiledRule(schema, table, List.copyOf(events), List.copyOf(sqlPatterns), rule.action());
    }

    private static Map<String, EventFilterRule> byPosition(List<EventFilterRule> rules) {
        Map<String, EventFilterRule> named = new LinkedHashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            named.put("filters[" + i + "]", rules.get(i));
        }
        return named;
    }

    private record CompiledRule(NamePattern schema, NamePattern table, List<EventType> events,
                                List<Pattern> sqlPatterns, Action action) {

        boolean appliesTo(TableId t) {
            return schema.matches(t.schema()) && (table == null || table.matches(t.table()));
        }

        boolean ignores(EventType type, String sql) {
            // An Ignore rule ignores what it matches, a Do rule what it does not match.
            boolean ignoreRule = action == Action.IGNORE;
            if (type != null && covers(type) == ignoreRule) {
                return true;
            }
            if (!sql.isEmpty() && !sqlPatterns.isEmpty()) {
                return sqlPatterns.stream().anyMatch(p -> p.matcher(sql).find()) == ignoreRule;
            }
            return false;
        }

        /** DM's matchEvent: the first entry that says yes or no decides. */
        private boolean covers(EventType type) {
            boolean ddl = type.isDdl();
            boolean dml = type.kind() == EventType.Kind.DML;
            for (EventType e : events) {
                if (e == EventType.ALL) {
                    return true;
                }
                if (e == EventType.NONE) {
                    return false;
                }
                if (ddl && e == EventType.ALL_DDL || dml && e == EventType.ALL_DML) {
                    return true;
                }
                if (ddl && e == EventType.NONE_DDL || dml && e == EventType.NONE_DML) {
                    return false;
                }
                if (type.kind() == EventType.Kind.INCOMPATIBLE_DDL && e == EventType.INCOMPATIBLE_DDL_CHANGES) {
                    return true;
                }
                if (e == type) {
                    return true;
                }
            }
            return false;
        }
    }
}
