package io.godwit.worker.sync;

import io.godwit.binlog.ddl.DdlChange;
import io.godwit.binlog.ddl.DdlKind;
import io.godwit.binlog.ddl.DdlParser;
import io.godwit.binlog.ddl.IndexDefinition;
import io.godwit.binlog.ddl.ParsedDdl;
import io.godwit.binlog.ddl.TableChange;
import io.godwit.core.db.ServerFlavor;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.event.DdlEvent;
import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.PartialOrder;
import io.godwit.core.model.TableId;
import io.godwit.filters.BinlogEventFilter;
import io.godwit.filters.EventType;
import io.godwit.filters.TableFilterChain;
import io.godwit.filters.TableRouter.Route;
import io.godwit.loader.DdlAdapter;
import io.godwit.loader.TargetDialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync unit's DDL layer for one source of a task: a statement from the binlog in, the statements the
 * target runs out. Stateless apart from a counter, so a DDL read again after a stop gives the same result.
 *
 * <p>Steps, as DM's syncer takes them for one query event:
 * <ol>
 *   <li>Parse. A statement that is no DDL for Godwit (GRANT, CREATE VIEW, ...) gives nothing, with an INFO
 *       line (kind and reason, never the text: it may hold a password). One that cannot be replicated
 *       (CREATE TABLE ... SELECT) stops the sync with the position and the statement.</li>
 *   <li>For each single change (the parser splits ALTER TABLE with several specifications and DROP/RENAME of
 *       several tables, as DM does): skip it if its table, or for a database statement its database, is
 *       outside the block-allow-list; skip it if DM's binlog event filter ignores it, by its event type or an
 *       sql-pattern matched against the change's source text. Skips are logged and counted. A RENAME joining a
 *       migrated table with one that is not, and a CREATE TABLE ... LIKE of a model that is not migrated, are
 *       errors: either half alone would leave the target wrong.</li>
 *   <li>Route every table and database name (the parser rewrites them in place, schema-qualified and
 *       backquoted; database statements take schema-level routes).</li>
 *   <li>Adapt to the target the way the loader creates tables ({@link DdlAdapter}): CREATE TABLE and CREATE
 *       DATABASE get {@code IF NOT EXISTS} (every shard of a merged table sends its CREATE) and the target's
 *       collations and options, a routed table gets its extract columns; on TiDB, FULLTEXT and SPATIAL
 *       indexes are left out as the loader leaves them out.</li>
 * </ol>
 *
 * <p>Merged tables. Only the routing rules are known here, not how many source tables reach a target, so a
 * table counts as merged when its route renames it or gives it extract columns, and a database when its
 * route renames it. DROP and TRUNCATE of a merged table and DROP DATABASE of a merged database are skipped
 * (they would destroy the other shards' rows; DM skips them in shard merges too), RENAME of a merged table
 * is an error. With shard coordination ({@link #coordinatedBy}, the task's {@code shard-mode}), ALTER TABLE,
 * CREATE INDEX and DROP INDEX of a merged table are reported to the task's shard group, whose decision replaces
 * them (so that the second shard's identical ADD COLUMN runs nothing), CREATE TABLE of a merged table joins the
 * group and its DROP TABLE leaves it; see {@link ShardDdlSync}. Without it, ALTERs on merged tables apply as they
 * come, as DM's {@code shard-mode: ""} does.
 */
final class TaskDdlRewriter implements DdlRewriter {
    private static final Logger LOG = LoggerFactory.getLogger(TaskDdlRewriter.class);
    private static final int LOGGED_SQL_CHARS = 200;

    private final String sourceId;
    private final TableFilterChain tables;
    private final BinlogEventFilter events;
    private final TargetDialect dialect;
    private final DdlAdapter adapter;
    private final DdlParser parser = new DdlParser();
    private final AtomicLong skippedChanges = new AtomicLong();
    private Map<TableId, BinlogLocation> loadedAt = Map.of();
    private ShardDdlSync shards;
    private TrackedSchemas schemas;

    /**
     * @param sourceId the upstream source's {@code source-id} (routing's extract-source input)
     * @param tables   the block-allow-list and routes of this source
     * @param events   DM's binlog event filter of this source
     * @param dialect  the target's flavour and collations
     */
    TaskDdlRewriter(String sourceId, TableFilterChain tables, BinlogEventFilter events, TargetDialect dialect) {
        this.sourceId = Objects.requireNonNull(sourceId, "sourceId");
        this.tables = Objects.requireNonNull(tables, "tables");
        this.events = Objects.requireNonNull(events, "events");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.adapter = new DdlAdapter(dialect);
    }

    /**
     * Tables loaded whole from a snapshot later than the sync's start (see {@link SyncStart}): their
     * changes in DDL transactions before that snapshot are left out, since the loaded table has them.
     * Returns this.
     */
    TaskDdlRewriter tablesLoadedAt(Map<TableId, BinlogLocation> loadedAt) {
        this.loadedAt = Map.copyOf(loadedAt);
        return this;
    }

    /** Coordinates the DDLs of merged tables through {@code shards} (a task with a {@code shard-mode}). Returns this. */
    TaskDdlRewriter coordinatedBy(ShardDdlSync shards) {
        this.shards = shards;
        return this;
    }

    @Override
    public void trackedBy(TrackedSchemas schemas) {
        this.schemas = schemas;
    }

    @Override
    public boolean syncStarting(DataSource targetPool, BooleanSupplier stopping,
                                Consumer<SyncStatus.ShardWait> waiting) throws InterruptedException {
        if (shards == null) {
            return true;
        }
        return shards.start(trackedSchemas().current(), table -> tables.resolve(table, sourceId)
                .filter(route -> isMerged(table, route)).map(Route::target), targetPool, stopping, waiting);
    }

    @Override
    public List<String> targetStatements(DdlEvent ddl) {
        return targetStatements(ddl, null);
    }

    @Override
    public List<String> targetStatements(DdlEvent ddl, BinlogLocation txStart) {
        return rewrite(ddl, txStart).statements();
    }

    @Override
    public RewrittenDdl rewrite(DdlEvent ddl, BinlogLocation txStart) {
        ParsedDdl parsed = parse(ddl);
        if (parsed instanceof ParsedDdl.Ignored ignored) {
            LOG.info("source {}: {} at {} needs nothing on the target: {}", sourceId, ignored.kind(), ddl.at(),
                    ignored.reason());
            return RewrittenDdl.of(List.of());
        }
        if (parsed instanceof ParsedDdl.Unsupported unsupported) {
            throw new GodwitException(ErrorCode.DDL_UNSUPPORTED, unsupported.kind() + " at " + ddl.at()
                    + " cannot be replicated: " + unsupported.reason() + "; statement: " + unsupported.sql());
        }
        List<DdlChange> changes = ((ParsedDdl.Changes) parsed).changes();
        ShardDdlSync.Round round = changes.stream().anyMatch(this::coordinated)
                ? shards.round(ddl.at(), trackedSchemas().beforeLastDdl()) : null;
        List<String> out = new ArrayList<>();
        for (DdlChange change : changes) {
            ShardDdlSync.Transition transition = round == null ? null : round.advance(change);
            List<String> statements;
            TableId loadedTable = change.change() instanceof TableChange.RenameTable
                    ? change.relatedTable().orElseThrow() : change.table();
            BinlogLocation loaded = txStart == null ? null : loadedAt.get(loadedTable);
            if (loaded != null && txStart.compare(loaded) == PartialOrder.BEFORE) {
                statements = change.change() instanceof TableChange.RenameTable
                        ? renameIntoLoadedTable(ddl, change, txStart, loaded)
                        : skip(ddl, change, describe(loadedTable) + " was loaded from a later snapshot (at " + loaded
                                + "), which has this change already");
            } else {
                statements = rewrite(ddl, change, round, transition);
            }
            if (round != null) {
                round.add(statements);
            } else {
                out.addAll(statements);
            }
        }
        return round != null ? round.result() : RewrittenDdl.of(out);
    }

    /** Whether the change is one the task's shard group decides on: of a merged table, with coordination on. */
    private boolean coordinated(DdlChange change) {
        return tables.resolve(change.table(), sourceId).filter(route -> coordinated(change, route)).isPresent();
    }

    private boolean coordinated(DdlChange change, Route route) {
        if (shards == null || change.table().table().isEmpty()) {
            return false;
        }
        return isMerged(change.table(), route) && switch (change.kind()) {
            case ALTER_TABLE, CREATE_INDEX, DROP_INDEX, CREATE_TABLE, CREATE_TABLE_LIKE, DROP_TABLE -> true;
            default -> false;
        };
    }

    private TrackedSchemas trackedSchemas() {
        if (schemas == null) {
            throw new IllegalStateException("shard coordination needs the sync's schema tracker (trackedBy)");
        }
        return schemas;
    }

    /** Single changes skipped so far by the block-allow-list, the event filter or the merged-table rules. */
    long skippedChanges() {
        return skippedChanges.get();
    }

    private ParsedDdl parse(DdlEvent ddl) {
        try {
            return parser.parse(ddl.schema(), ddl.sql());
        } catch (GodwitException e) {
            throw new GodwitException(e.code(), "at " + ddl.at() + ": " + e.getMessage(), e);
        }
    }

    /**
     * One single change. Where {@code round} is given and the change is coordinated, what the shard group decides
     * goes into the round (in order), and nothing is returned.
     */
    private List<String> rewrite(DdlEvent ddl, DdlChange change, ShardDdlSync.Round round,
                                 ShardDdlSync.Transition transition) {
        if (change.change() instanceof TableChange.RenameTable) {
            return rename(ddl, change);
        }
        Optional<Route> route = tables.resolve(change.table(), sourceId);
        if (route.isEmpty()) {
            return skip(ddl, change, describe(change.table()) + " is not migrated (block-allow-list)");
        }
        EventType type = eventType(change.kind());
        if (events.decide(change.table(), type, change.sql()) == BinlogEventFilter.Decision.IGNORE) {
            return skip(ddl, change, "the binlog event filter ignores this " + type + " event");
        }
        DdlChange routed = change.route(this::target);
        boolean merged = isMerged(change.table(), route.get());
        if (round != null && coordinated(change, route.get())) {
            coordinate(ddl, change, routed, route.get(), round, transition);
            return List.of();
        }
        return switch (change.kind()) {
            case CREATE_DATABASE -> createDatabase(ddl, change, routed, merged);
            case DROP_DATABASE -> merged
                    ? skip(ddl, change, "its route renames it to " + describe(routed.table())
                        + ", into which other databases may be merged")
                    : List.of(routed.sql());
            case CREATE_TABLE -> createTable(ddl, change, routed, route.get(), merged);
            case CREATE_TABLE_LIKE -> createTableLike(ddl, change, route.get(), merged);
            case DROP_TABLE, TRUNCATE_TABLE -> merged
                    ? skip(ddl, change, "its route merges it into " + describe(routed.table())
                        + ", which holds the rows of other source tables")
                    : List.of(routed.sql());
            // Without shard coordination every shard's ALTER on a merged table comes here and is applied, as in DM.
            case ALTER_TABLE, CREATE_INDEX -> isIndexTiDbLacks(change)
                    ? skip(ddl, change, "TiDB has no FULLTEXT or SPATIAL index (the load leaves them out too)")
                    : List.of(routed.sql());
            case ALTER_DATABASE, DROP_INDEX -> List.of(routed.sql());
            case RENAME_TABLE -> throw new IllegalStateException("a rename is handled above: " + change);
        };
    }

    /** A coordinated change of a merged table: its statement goes to the shard group, which decides. */
    private void coordinate(DdlEvent ddl, DdlChange change, DdlChange routed, Route route, ShardDdlSync.Round round,
                            ShardDdlSync.Transition transition) {
        TableId target = routed.table();
        switch (change.kind()) {
            case CREATE_TABLE -> {
                round.add(createTable(ddl, change, routed, route, true));
                round.created(change.table(), target, transition);
            }
            case CREATE_TABLE_LIKE -> {
                round.add(createTableLike(ddl, change, route, true));
                round.created(change.table(), target, transition);
            }
            case DROP_TABLE -> {
                skip(ddl, change, "its route merges it into " + describe(target)
                        + ", which holds the rows of other source tables");
                round.dropped(change.table(), target);
            }
            default -> {
                if (isIndexTiDbLacks(change)) {
                    skip(ddl, change, "TiDB has no FULLTEXT or SPATIAL index (the load leaves them out too)");
                } else {
                    round.step(change.table(), target, routed.sql(), transition);
                }
            }
        }
    }

    /**
     * A rename whose new name was loaded from a later snapshot: that table holds the rows already, and
     * the old name must not stay behind on the target, so it is dropped (unless the old name was loaded
     * later too, or the target table is shared with other source tables).
     */
    private List<String> renameIntoLoadedTable(DdlEvent ddl, DdlChange change, BinlogLocation txStart,
                                               BinlogLocation loaded) {
        TableId from = change.table();
        String why = describe(change.relatedTable().orElseThrow()) + " was loaded from a later snapshot (at " + loaded
                + "), which has this change already";
        BinlogLocation fromLoaded = loadedAt.get(from);
        Optional<Route> fromRoute = tables.resolve(from, sourceId);
        if (fromRoute.isEmpty() || isMerged(from, fromRoute.get())
                || fromLoaded != null && txStart.compare(fromLoaded) == PartialOrder.BEFORE) {
            return skip(ddl, change, why);
        }
        LOG.info("source {}: {} at {}: {}; dropping the old name {} instead", sourceId, change.kind(), ddl.at(), why,
                describe(fromRoute.get().target()));
        return List.of("DROP TABLE IF EXISTS " + fromRoute.get().target().quoted());
    }

    /** RENAME TABLE and ALTER TABLE ... RENAME TO. */
    private List<String> rename(DdlEvent ddl, DdlChange change) {
        TableId from = change.table();
        TableId to = change.relatedTable().orElseThrow();
        Optional<Route> fromRoute = tables.resolve(from, sourceId);
        Optional<Route> toRoute = tables.resolve(to, sourceId);
        if (fromRoute.isEmpty() && toRoute.isEmpty()) {
            return skip(ddl, change, "neither " + describe(from) + " nor " + describe(to) + " is migrated (block-allow-list)");
        }
        if (fromRoute.isEmpty() || toRoute.isEmpty()) {
            TableId outside = fromRoute.isEmpty() ? from : to;
            throw notRoutable(ddl, change, "it renames " + describe(from) + " to " + describe(to) + " and only "
                    + describe(outside) + " is outside the block-allow-list: the target would lose or never get the table");
        }
        EventType type = eventType(change.kind());
        if (events.decide(from, type, change.sql()) == BinlogEventFilter.Decision.IGNORE
                || events.decide(to, type, change.sql()) == BinlogEventFilter.Decision.IGNORE) {
            return skip(ddl, change, "the binlog event filter ignores this " + type + " event");
        }
        TableId fromTarget = fromRoute.get().target();
        TableId toTarget = toRoute.get().target();
        if (fromTarget.equals(toTarget)) {
            return skip(ddl, change, "both names route to " + describe(fromTarget));
        }
        if (isMerged(from, fromRoute.get()) || isMerged(to, toRoute.get())) {
            throw notRoutable(ddl, change, "it renames " + describe(fromTarget) + " to " + describe(toTarget)
                    + " on the target, and a route merges or renames one of them: the rename would move the table"
                    + " other source tables write to (DM refuses RENAME of sharded tables too)");
        }
        return List.of(change.route(this::target).sql());
    }

    private List<String> createDatabase(DdlEvent ddl, DdlChange change, DdlChange routed, boolean merged) {
        String schema = routed.table().schema();
        List<String> out = new ArrayList<>(2);
        if (((TableChange.CreateDatabase) change.change()).orReplace()) {
            if (merged) {
                LOG.info("source {}: CREATE OR REPLACE DATABASE {} at {} keeps the existing {}: other databases may be"
                        + " merged into it", sourceId, describe(change.table()), ddl.at(), describe(routed.table()));
            } else {
                out.add("DROP DATABASE IF EXISTS " + TableId.quote(schema));
            }
        }
        out.add(adapter.createDatabase(routed.sql(), schema));
        return out;
    }

    private List<String> createTable(DdlEvent ddl, DdlChange change, DdlChange routed, Route route, boolean merged) {
        TableId target = routed.table();
        List<String> out = new ArrayList<>(2);
        if (((TableChange.CreateTable) change.change()).orReplace()) {
            out.addAll(replaceFirst(ddl, change, target, merged));
        }
        List<String> extraColumns = List.copyOf(route.extractColumns().keySet());
        out.add(adapted(ddl, change, () -> adapter.createTable(routed.sql(), target, extraColumns)));
        return out;
    }

    /**
     * CREATE TABLE ... LIKE: the model's target table is the model, so it has the model's extract columns;
     * the new table's route must want the same ones. Rebuilt rather than routed in place to add
     * {@code IF NOT EXISTS}; only comments of the original are lost.
     */
    private List<String> createTableLike(DdlEvent ddl, DdlChange change, Route route, boolean merged) {
        TableId model = change.relatedTable().orElseThrow();
        Optional<Route> modelRoute = tables.resolve(model, sourceId);
        if (modelRoute.isEmpty()) {
            throw notRoutable(ddl, change, "its model table " + describe(model)
                    + " is outside the block-allow-list, so the target has no table to copy");
        }
        TableId target = route.target();
        TableId modelTarget = modelRoute.get().target();
        if (target.equals(modelTarget)) {
            return skip(ddl, change, "the table and its model both route to " + describe(target) + ", which exists");
        }
        if (!route.extractColumns().keySet().equals(modelRoute.get().extractColumns().keySet())) {
            throw notRoutable(ddl, change, describe(target) + " needs the extract columns "
                    + route.extractColumns().keySet() + " but its model " + describe(modelTarget) + " is routed with "
                    + modelRoute.get().extractColumns().keySet());
        }
        List<String> out = new ArrayList<>(2);
        if (((TableChange.CreateTableLike) change.change()).orReplace()) {
            out.addAll(replaceFirst(ddl, change, target, merged));
        }
        out.add("CREATE TABLE IF NOT EXISTS " + target.quoted() + " LIKE " + modelTarget.quoted());
        return out;
    }

    /** MariaDB's CREATE OR REPLACE TABLE: drop first, unless other shards' rows live in the target table. */
    private List<String> replaceFirst(DdlEvent ddl, DdlChange change, TableId target, boolean merged) {
        if (merged) {
            LOG.info("source {}: CREATE OR REPLACE TABLE {} at {} keeps the existing {}: it holds the rows of other"
                    + " source tables", sourceId, describe(change.table()), ddl.at(), describe(target));
            return List.of();
        }
        return List.of("DROP TABLE IF EXISTS " + target.quoted());
    }

    private String adapted(DdlEvent ddl, DdlChange change, Supplier<String> adaptation) {
        try {
            return adaptation.get();
        } catch (GodwitException e) {
            throw new GodwitException(ErrorCode.SYNC_DDL_NOT_ROUTABLE, "at " + ddl.at() + ": " + e.getMessage()
                    + "; statement: " + change.sql(), e);
        }
    }

    /** Where a name goes on the target: its route's target, itself when it is not migrated (a REFERENCES, say). */
    private TableId target(TableId source) {
        return tables.resolve(source, sourceId).map(Route::target).orElse(source);
    }

    /**
     * Whether a route may bring other source tables (databases) into the same target: it renames the
     * table or adds extract columns (which exist only to tell merged rows apart), or renames the database.
     */
    private static boolean isMerged(TableId source, Route route) {
        if (source.table().isEmpty()) {
            return !route.target().schema().equals(source.schema());
        }
        return !route.extractColumns().isEmpty() || !route.target().table().equals(source.table());
    }

    private boolean isIndexTiDbLacks(DdlChange change) {
        if (dialect.flavor() != ServerFlavor.TIDB || !(change.change() instanceof TableChange.AddIndex add)) {
            return false;
        }
        IndexDefinition.Kind kind = add.index().kind();
        return kind == IndexDefinition.Kind.FULLTEXT || kind == IndexDefinition.Kind.SPATIAL;
    }

    /** DM's event type of a single change (tiflow {@code AstToDDLEvent}): the statement's kind, every ALTER TABLE one. */
    private static EventType eventType(DdlKind kind) {
        return switch (kind) {
            case CREATE_DATABASE -> EventType.CREATE_DATABASE;
            case ALTER_DATABASE -> EventType.ALTER_DATABASE;
            case DROP_DATABASE -> EventType.DROP_DATABASE;
            case CREATE_TABLE, CREATE_TABLE_LIKE -> EventType.CREATE_TABLE;
            case DROP_TABLE -> EventType.DROP_TABLE;
            case RENAME_TABLE -> EventType.RENAME_TABLE;
            case TRUNCATE_TABLE -> EventType.TRUNCATE_TABLE;
            case ALTER_TABLE -> EventType.ALTER_TABLE;
            case CREATE_INDEX -> EventType.CREATE_INDEX;
            case DROP_INDEX -> EventType.DROP_INDEX;
        };
    }

    private List<String> skip(DdlEvent ddl, DdlChange change, String reason) {
        skippedChanges.incrementAndGet();
        LOG.info("source {}: skipping {} of {} at {}: {}; statement: {}", sourceId, change.kind(),
                describe(change.table()), ddl.at(), reason, head(change.sql()));
        return List.of();
    }

    private static GodwitException notRoutable(DdlEvent ddl, DdlChange change, String why) {
        return new GodwitException(ErrorCode.SYNC_DDL_NOT_ROUTABLE, change.kind() + " at " + ddl.at()
                + " cannot be applied to the target: " + why + "; statement: " + change.sql());
    }

    /** A table as {@code `db`.`t`}, a database (empty table name) as {@code `db`}. */
    private static String describe(TableId id) {
        return id.table().isEmpty() ? TableId.quote(id.schema()) : id.quoted();
    }

    private static String head(String sql) {
        String line = sql.replace('\n', ' ');
        return line.length() <= LOGGED_SQL_CHARS ? line : line.substring(0, LOGGED_SQL_CHARS) + "...";
    }
}
