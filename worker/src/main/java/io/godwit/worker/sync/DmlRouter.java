package io.godwit.worker.sync;

import io.godwit.binlog.TableSchemas;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.event.ChangeEvent;
import io.godwit.core.event.RowsDeleted;
import io.godwit.core.event.RowsInserted;
import io.godwit.core.event.RowsUpdated;
import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.PartialOrder;
import io.godwit.core.model.TableId;
import io.godwit.core.model.TableInfo;
import io.godwit.filters.BinlogEventFilter;
import io.godwit.filters.EventType;
import io.godwit.filters.ExpressionFilter;
import io.godwit.filters.RowFilter;
import io.godwit.filters.TableFilterChain;
import io.godwit.filters.TableRouter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Row events to routed {@link RowChange}s: the block-allow-list and routing first, then DM's binlog event
 * filter for {@code insert}/{@code update}/{@code delete}, then DM's expression filter on each row; the
 * table's tracked definition gives the columns and keys (and the columns the expressions name).
 * Filtered rows are counted (status shows them), never dropped unseen. Decisions are cached per table until {@link #schemaChanged()}.
 */
final class DmlRouter {

    /** Where rows of one source table go; {@code table} null when the block-allow-list drops the table. */
    private record Resolved(TableInfo info, RoutedTable table, boolean[] ignoredTypes, RowFilter rowFilter) {}

    private final String sourceId;
    private final TableFilterChain tables;
    private final BinlogEventFilter events;
    private final ExpressionFilter expressions;
    private final TableSchemas schemas;
    private Map<TableId, BinlogLocation> loadedAt = Map.of();
    private final SyncCounters counters;
    private final Map<TableId, Resolved> cache = new HashMap<>();
    private final Map<TableId, Optional<TableRouter.Route>> routes = new HashMap<>();

    DmlRouter(String sourceId, TableFilterChain tables, BinlogEventFilter events, TableSchemas schemas,
              SyncCounters counters) {
        this(sourceId, tables, events, ExpressionFilter.NONE, schemas, counters);
    }

    DmlRouter(String sourceId, TableFilterChain tables, BinlogEventFilter events, ExpressionFilter expressions,
              TableSchemas schemas, SyncCounters counters) {
        this.sourceId = sourceId;
        this.tables = tables;
        this.events = events;
        this.expressions = expressions;
        this.schemas = schemas;
        this.counters = counters;
    }

    /** Forgets table definitions: a DDL changed (or may have changed) them. */
    void schemaChanged() {
        cache.clear();
    }

    /**
     * Adds the changes of a row event that pass the filters to {@code out}.
     *
     * @param txStart where the event's source transaction began
     * @throws GodwitException SYNC_TABLE_UNKNOWN when a migrated table is not tracked or a row does not fit it
     */
    void route(ChangeEvent event, BinlogLocation txStart, List<RowChange> out) {
        if (alreadyLoaded(event, txStart)) {
            return;
        }
        if (event instanceof RowsInserted e) {
            RoutedTable t = resolve(e.table(), EventType.INSERT, e.rows().size(), e);
            if (t != null) {
                RowFilter rows = cache.get(e.table()).rowFilter();
                for (Object[] row : e.rows()) {
                    check(t, row, e);
                    if (rows.dropsInsert(row)) {
                        counters.filtered(1);
                        continue;
                    }
                    out.add(RowChange.insert(t, row, txStart, e.at()));
                }
            }
        } else if (event instanceof RowsUpdated e) {
            RoutedTable t = resolve(e.table(), EventType.UPDATE, e.rows().size(), e);
            if (t != null) {
                RowFilter rows = cache.get(e.table()).rowFilter();
                for (RowsUpdated.Change row : e.rows()) {
                    check(t, row.before(), e);
                    check(t, row.after(), e);
                    if (rows.dropsUpdate(row.before(), row.after())) {
                        counters.filtered(1);
                        continue;
                    }
                    out.add(RowChange.update(t, row.before(), row.after(), txStart, e.at()));
                }
            }
        } else if (event instanceof RowsDeleted e) {
            RoutedTable t = resolve(e.table(), EventType.DELETE, e.rows().size(), e);
            if (t != null) {
                RowFilter rows = cache.get(e.table()).rowFilter();
                for (Object[] row : e.rows()) {
                    check(t, row, e);
                    if (rows.dropsDelete(row)) {
                        counters.filtered(1);
                        continue;
                    }
                    out.add(RowChange.delete(t, row, txStart, e.at()));
                }
            }
        } else {
            throw new IllegalArgumentException("not a row event: " + event);
        }
    }

    /** See {@link SyncCoordinator#rowsLoadedAt}. */
    void rowsLoadedAt(Map<TableId, BinlogLocation> loadedAt) {
        this.loadedAt = Map.copyOf(loadedAt);
    }

    /** True, counting the rows as filtered, when the event's transaction is in the snapshot its table was loaded from. */
    private boolean alreadyLoaded(ChangeEvent event, BinlogLocation txStart) {
        if (loadedAt.isEmpty()) {
            return false;
        }
        TableId table;
        int rows;
        if (event instanceof RowsInserted e) {
            table = e.table();
            rows = e.rows().size();
        } else if (event instanceof RowsUpdated e) {
            table = e.table();
            rows = e.rows().size();
        } else if (event instanceof RowsDeleted e) {
            table = e.table();
            rows = e.rows().size();
        } else {
            return false;
        }
        BinlogLocation loaded = loadedAt.get(table);
        if (loaded == null || txStart.compare(loaded) != PartialOrder.BEFORE) {
            return false;
        }
        counters.filtered(rows);
        return true;
    }

    /** The routed table, or null (rows counted as filtered) when the table or this event type is filtered out. */
    private RoutedTable resolve(TableId source, EventType type, int rows, ChangeEvent event) {
        Optional<TableRouter.Route> route = routes.computeIfAbsent(source, s -> tables.resolve(s, sourceId));
        if (route.isEmpty()) {
            counters.filtered(rows);
            return null;
        }
        Resolved r = cache.get(source);
        if (r == null) {
            TableInfo info = schemas.find(source).orElseThrow(() -> new GodwitException(ErrorCode.SYNC_TABLE_UNKNOWN,
                    "rows of " + source + " at " + event.at() + ": the table is migrated but the schema tracker does not know it"));
            boolean[] ignored = new boolean[3];
            ignored[0] = events.decide(source, EventType.INSERT, null) == BinlogEventFilter.Decision.IGNORE;
            ignored[1] = events.decide(source, EventType.UPDATE, null) == BinlogEventFilter.Decision.IGNORE;
            ignored[2] = events.decide(source, EventType.DELETE, null) == BinlogEventFilter.Decision.IGNORE;
            RoutedTable routed = RoutedTable.of(source, info, route.get().target(), route.get().extractColumns());
            r = new Resolved(info, routed, ignored, expressions.forTable(source, info));
            cache.put(source, r);
        }
        int typeIndex = type == EventType.INSERT ? 0 : type == EventType.UPDATE ? 1 : 2;
        if (r.ignoredTypes[typeIndex]) {
            counters.filtered(rows);
            return null;
        }
        return r.table;
    }

    private static void check(RoutedTable t, Object[] row, ChangeEvent e) {
        if (row == null || row.length != t.width()) {
            throw new GodwitException(ErrorCode.SYNC_TABLE_UNKNOWN, "a row of " + t.source() + " at " + e.at() + " has "
                    + (row == null ? "no" : String.valueOf(row.length)) + " columns, the tracked definition "
                    + t.width());
        }
    }
}
