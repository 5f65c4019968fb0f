package io.godwit.filters;

import io.godwit.core.config.ExpressionFilterConfig;
import io.godwit.core.config.MySqlInstance;
import io.godwit.core.config.TaskPlan;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.ColumnInfo;
import io.godwit.core.model.TableInfo;
import io.godwit.core.model.TableId;
import io.godwit.filters.expr.SqlExpression;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DM's {@code expression-filter}: row changes of one table for which a SQL expression is TRUE are not
 * replicated. A rule names a table by its exact schema and table name (case-insensitively unless the
 * task is {@code case-sensitive}) and holds the expression of one kind of change:
 * <ul>
 *   <li>{@code insert-value-expr}: an inserted row is dropped when it is TRUE on the row;</li>
 *   <li>{@code delete-value-expr}: a deleted row is dropped when it is TRUE on the row;</li>
 *   <li>{@code update-old-value-expr} / {@code update-new-value-expr}: an update is dropped when every
 *       expression the rule has is TRUE, the old one on the row before and the new one on the row
 *       after (DM's rule: with both, both must hold).</li>
 * </ul>
 * Several rules on one table drop a change when any of them does. NULL is not TRUE, so an expression
 * that is NULL on a row keeps the row. Only the binlog is filtered, not the dump, as in DM.
 *
 * <p>Expressions are checked (syntax, functions) at construction, when the task starts; they are bound
 * to a table's columns by {@link #forTable}, with the definition as of the event.
 */
public final class ExpressionFilter {

    /** Keeps every row. */
    public static final ExpressionFilter NONE = new ExpressionFilter(Map.of(), false);

    private final Map<String, ExpressionFilterConfig> rules;
    private final boolean caseSensitive;

    /**
     * @param rules         the task's {@code expression-filter} rules that apply to this source, by name
     * @param caseSensitive the task's {@code case-sensitive}, for schema and table names
     * @throws GodwitException CONFIG_INVALID listing every expression that cannot be parsed
     */
    public ExpressionFilter(Map<String, ExpressionFilterConfig> rules, boolean caseSensitive) {
        this.rules = Map.copyOf(rules);
        this.caseSensitive = caseSensitive;
        List<String> problems = new ArrayList<>();
        rules.forEach((name, rule) -> expressions(rule).forEach((key, text) -> {
            try {
                SqlExpression.check(text);
            } catch (GodwitException e) {
                problems.add(describe(name, key, text) + ": " + e.getMessage());
            }
        }));
        if (!problems.isEmpty()) {
            throw new GodwitException(ErrorCode.CONFIG_INVALID, String.join("; ", problems));
        }
    }

    /** The rules that {@code instance} names in {@code expression-filters}. */
    public static ExpressionFilter of(TaskPlan plan, MySqlInstance instance) {
        Map<String, ExpressionFilterConfig> named = new LinkedHashMap<>();
        for (String name : instance.expressionFilters()) {
            ExpressionFilterConfig rule = plan.task().expressionFilter().get(name);
            if (rule == null) {
                throw new GodwitException(ErrorCode.CONFIG_INVALID, "mysql-instances: source-id \""
                        + instance.sourceId() + "\" names expression filter \"" + name + "\", which is not defined");
            }
            named.put(name, rule);
        }
        return new ExpressionFilter(named, plan.task().caseSensitive());
    }

    /**
     * The filter of one source table, its expressions bound to {@code info}'s columns.
     *
     * @throws GodwitException CONFIG_INVALID when an expression names a column the table does not have
     */
    public RowFilter forTable(TableId table, TableInfo info) {
        List<String> columns = info.columns().stream().map(ColumnInfo::name).toList();
        List<SqlExpression> inserts = new ArrayList<>();
        List<SqlExpression> deletes = new ArrayList<>();
        List<RowFilter.UpdateRule> updates = new ArrayList<>();
        rules.forEach((name, rule) -> {
            if (!same(rule.schema(), table.schema()) || !same(rule.table(), table.table())) {
                return;
            }
            if (!rule.insertValueExpr().isEmpty()) {
                inserts.add(bind(name, "insert-value-expr", rule.insertValueExpr(), table, columns));
            }
            if (!rule.deleteValueExpr().isEmpty()) {
                deletes.add(bind(name, "delete-value-expr", rule.deleteValueExpr(), table, columns));
            }
            if (!rule.updateOldValueExpr().isEmpty() || !rule.updateNewValueExpr().isEmpty()) {
                updates.add(new RowFilter.UpdateRule(
                        rule.updateOldValueExpr().isEmpty() ? null
                                : bind(name, "update-old-value-expr", rule.updateOldValueExpr(), table, columns),
                        rule.updateNewValueExpr().isEmpty() ? null
                                : bind(name, "update-new-value-expr", rule.updateNewValueExpr(), table, columns)));
            }
        });
        return inserts.isEmpty() && deletes.isEmpty() && updates.isEmpty() ? RowFilter.KEEP_ALL
                : new RowFilter(inserts, updates, deletes);
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    private boolean same(String ruleName, String name) {
        return caseSensitive ? ruleName.equals(name) : ruleName.equalsIgnoreCase(name);
    }

    private static SqlExpression bind(String rule, String key, String text, TableId table, List<String> columns) {
        try {
            return SqlExpression.bind(text, columns);
        } catch (GodwitException e) {
            throw new GodwitException(ErrorCode.CONFIG_INVALID, describe(rule, key, text) + " on " + table + " (columns "
                    + String.join(", ", columns) + "): " + e.getMessage(), e);
        }
    }

    private static String describe(String rule, String key, String text) {
        return "expression-filter " + rule + ": " + key + " \"" + text + "\"";
    }

    private static Map<String, String> expressions(ExpressionFilterConfig rule) {
        Map<String, String> out = new LinkedHashMap<>();
        put(out, "insert-value-expr", rule.insertValueExpr());
        put(out, "update-old-value-expr", rule.updateOldValueExpr());
        put(out, "update-new-value-expr", rule.updateNewValueExpr());
        put(out, "delete-value-expr", rule.deleteValueExpr());
        return out;
    }

    private static void put(Map<String, String> out, String key, String text) {
        if (text != null && !text.isEmpty()) {
            out.put(key, text);
        }
    }
}
