package io.godwit.master.precheck;

import io.godwit.core.config.ShardMode;
import io.godwit.core.model.TableId;
import io.godwit.filters.TableRouter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The table checks: every migrated table has a key ({@code table_schema}), and tables merged into one
 * target table have the same columns ({@code schema_of_shard_tables}) and no auto-increment key that
 * collides across them ({@code auto_increment_ID}).
 */
final class TableChecks {
    /** A migrated table as its source has it: columns as {@code name type}, key and auto-increment facts. */
    record SourceTable(String sourceId, String where, TableId id, List<String> columns, boolean hasKey,
                       boolean autoIncrementKey, TableRouter.Route route) {}

    private static final String COLUMNS = "SELECT c.TABLE_SCHEMA, c.TABLE_NAME, c.COLUMN_NAME, c.COLUMN_TYPE, c.EXTRA,"
            + " c.COLUMN_KEY FROM information_schema.COLUMNS c JOIN information_schema.TABLES t"
            + " ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME AND t.TABLE_TYPE = 'BASE TABLE'"
            + " WHERE c.TABLE_SCHEMA NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')"
            + " ORDER BY c.TABLE_SCHEMA, c.TABLE_NAME, c.ORDINAL_POSITION";
    private static final String KEYED = "SELECT DISTINCT TABLE_SCHEMA, TABLE_NAME FROM information_schema.STATISTICS"
            + " WHERE NON_UNIQUE = 0";

    private TableChecks() {}

    /** The migrated tables of one source; {@code route} gives each table's route, null for one not migrated. */
    static List<SourceTable> read(Connection c, String sourceId, String where,
                                  Function<TableId, TableRouter.Route> route) throws SQLException {
        Set<TableId> keyed = new HashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(KEYED)) {
            while (rs.next()) {
                keyed.add(TableId.of(rs.getString(1), rs.getString(2)));
            }
        }
        Map<TableId, List<String>> columns = new LinkedHashMap<>();
        Set<TableId> autoIncrementKey = new HashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(COLUMNS)) {
            while (rs.next()) {
                TableId id = TableId.of(rs.getString(1), rs.getString(2));
                columns.computeIfAbsent(id, k -> new ArrayList<>()).add(rs.getString(3) + " " + rs.getString(4));
                String extra = rs.getString(5);
                String key = rs.getString(6);
                if (extra != null && extra.toLowerCase(java.util.Locale.ROOT).contains("auto_increment")
                        && ("PRI".equals(key) || "UNI".equals(key))) {
                    autoIncrementKey.add(id);
                }
            }
        }
        List<SourceTable> out = new ArrayList<>();
        columns.forEach((id, cols) -> {
            TableRouter.Route r = route.apply(id);
            if (r != null) {
                out.add(new SourceTable(sourceId, where, id, cols, keyed.contains(id), autoIncrementKey.contains(id), r));
            }
        });
        return out;
    }

    static void keys(List<SourceTable> tables, String where, List<CheckResult> out) {
        List<TableId> keyless = tables.stream().filter(t -> !t.hasKey()).map(SourceTable::id).toList();
        out.add(keyless.isEmpty() ? CheckResult.ok(CheckItem.TABLE_SCHEMA, where)
                : CheckResult.warning(CheckItem.TABLE_SCHEMA, where, "no primary or unique key: " + someOf(keyless),
                        "add a primary key: a keyless table is synced row by row matching every column, and its load"
                                + " cannot resume inside the table"));
    }

    /** The merged-table checks across all sources of the task. */
    static void shards(List<SourceTable> all, ShardMode mode, List<CheckResult> out) {
        Map<TableId, List<SourceTable>> byTarget = new LinkedHashMap<>();
        for (SourceTable t : all) {
            byTarget.computeIfAbsent(t.route().target(), k -> new ArrayList<>()).add(t);
        }
        List<String> differing = new ArrayList<>();
        List<String> colliding = new ArrayList<>();
        for (Map.Entry<TableId, List<SourceTable>> e : byTarget.entrySet()) {
            List<SourceTable> shards = e.getValue();
            if (shards.size() < 2) {
                continue;
            }
            SourceTable first = shards.get(0);
            for (SourceTable other : shards.subList(1, shards.size())) {
                if (!other.columns().equals(first.columns())) {
                    differing.add(e.getKey() + " (" + describe(first) + " has " + first.columns() + ", " + describe(other)
                            + " has " + other.columns() + ")");
                    break;
                }
            }
            if (shards.stream().anyMatch(s -> s.autoIncrementKey() && s.route().extractColumns().isEmpty())) {
                colliding.add(e.getKey().toString());
            }
        }
        String where = "task";
        if (differing.isEmpty()) {
            out.add(CheckResult.ok(CheckItem.SCHEMA_OF_SHARD_TABLES, where));
        } else {
            String message = "tables merged into one target table differ: " + String.join("; ", differing);
            String fix = "make the shards' columns the same before the task starts";
            out.add(mode == ShardMode.OPTIMISTIC ? CheckResult.warning(CheckItem.SCHEMA_OF_SHARD_TABLES, where, message, fix)
                    : CheckResult.failure(CheckItem.SCHEMA_OF_SHARD_TABLES, where, message, fix));
        }
        out.add(colliding.isEmpty() ? CheckResult.ok(CheckItem.AUTO_INCREMENT_ID, where)
                : CheckResult.warning(CheckItem.AUTO_INCREMENT_ID, where, "shards merged into " + String.join(", ", colliding)
                        + " have auto-increment keys, which may repeat across shards", "make the key unique across shards"
                        + " (e.g. a composite key with an extract-table/extract-source column) or drop its uniqueness"));
    }

    private static String describe(SourceTable t) {
        return t.sourceId() + ":" + t.id();
    }

    /** Up to ten names, then how many more. */
    static String someOf(Collection<TableId> tables) {
        List<String> shown = tables.stream().limit(10).map(TableId::toString).toList();
        return String.join(", ", shown) + (tables.size() > shown.size() ? " and " + (tables.size() - shown.size()) + " more" : "");
    }
}
