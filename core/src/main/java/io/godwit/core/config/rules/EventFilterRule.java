package io.godwit.core.config.rules;

import java.util.List;

/**
 * One named entry of {@code filters} (binlog event filter): on matching schema/table, events whose
 * type is in {@code events} (DM's names: all, all dml, all ddl, insert, update, delete, create table,
 * ...) or whose SQL matches one of {@code sqlPattern} are done or ignored per {@code action}.
 */
public record EventFilterRule(String schemaPattern, String tablePattern, List<String> events,
                              List<String> sqlPattern, Action action) {
    public enum Action { DO, IGNORE }

    public EventFilterRule {
        tablePattern = tablePattern == null ? "" : tablePattern;
        events = events == null ? List.of() : List.copyOf(events);
        sqlPattern = sqlPattern == null ? List.of() : List.copyOf(sqlPattern);
    }
}
