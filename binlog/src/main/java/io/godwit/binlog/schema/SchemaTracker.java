package io.godwit.binlog.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.godwit.binlog.TableSchemas;
import io.godwit.binlog.ddl.DdlChange;
import io.godwit.binlog.ddl.DdlParser;
import io.godwit.binlog.ddl.ParsedDdl;
import io.godwit.binlog.ddl.TableChange;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.TableId;
import io.godwit.core.model.TableInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-memory schema tracker: the source's table definitions as of the binlog position being
 * read. Seeded with the snapshot's {@link TableInfo}s, then fed every statement of the binlog in
 * order. Each statement applies as a whole or not at all (a split ALTER that fails halfway leaves
 * the model as it was), and a DDL that does not fit the model is an error with its position:
 * the model and the source have diverged, and guessing would corrupt rows later.
 *
 * <p>Only tables accepted by the {@code tracked} filter are kept; DDL on other tables is read and
 * passed over. Reads ({@link #find}, {@link #keys}) may run on other threads than {@link #apply}.
 */
public final class SchemaTracker implements TableSchemas {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaTracker.class);
    private static final int SNAPSHOT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** The JSON form of the whole tracker: the checkpoint's {@code table_info}. */
    record Snapshot(int version, SourceDialect dialect, Map<String, String> databaseCharsets,
                    List<TrackedTable> tables) {}

    private final SourceDialect dialect;
    private final Predicate<TableId> tracked;
    private final DdlParser parser = new DdlParser();
    private final TableEditor editor;
    private final Map<TableId, TrackedTable> tables = new ConcurrentHashMap<>();
    private final Map<String, String> databaseCharsets = new ConcurrentHashMap<>();
    private final Map<TableId, Rendered> infoCache = new ConcurrentHashMap<>();

    /** A table's {@link TableInfo}, made from exactly {@code source}. */
    private record Rendered(TrackedTable source, TableInfo info) {}

    /** A tracker of every table. */
    public SchemaTracker(SourceDialect dialect) {
        this(dialect, id -> true);
    }

    /** A tracker of the tables {@code tracked} accepts (the task's block-allow list). */
    public SchemaTracker(SourceDialect dialect, Predicate<TableId> tracked) {
        this.dialect = Objects.requireNonNull(dialect);
        this.tracked = Objects.requireNonNull(tracked);
        this.editor = new TableEditor(dialect);
    }

    public SourceDialect dialect() { return dialect; }

    /** Sets (or replaces) a table from a snapshot's description; also the way to correct a table by hand. */
    public synchronized void seed(TableInfo table) {
        TrackedTable t = Seeds.fromTableInfo(table, editor, parser, databaseCharset(table.id().schema()));
        put(t);
    }

    /** Records a database's default character set ({@code SHOW CREATE DATABASE}), for tables created in it later. */
    public synchronized void seedDatabase(String schema, String charset) {
        databaseCharsets.put(schema, Charsets.canonical(charset));
    }

    /** Stops tracking a table (binlog-schema delete). */
    public synchronized void forget(TableId table) {
        tables.remove(table);
        infoCache.remove(table);
    }

    /**
     * Sets {@code table} to the definition of a {@code CREATE TABLE} statement (DM's
     * {@code binlog-schema update}). As in DM, the name written in the statement is not used: the
     * definition is {@code table}'s, replacing what was tracked for it.
     *
     * @throws GodwitException DDL_UNSUPPORTED when {@code createTableSql} is not one plain
     *                         {@code CREATE TABLE} with its columns (a {@code LIKE} or a second statement)
     */
    public synchronized void define(TableId table, String createTableSql) {
        ParsedDdl parsed = parser.parse(table.schema(), createTableSql);
        if (!(parsed instanceof ParsedDdl.Changes changes) || changes.changes().size() != 1
                || !(changes.changes().get(0).change() instanceof TableChange.CreateTable create)) {
            throw new GodwitException(ErrorCode.DDL_UNSUPPORTED, "the definition of " + table
                    + " must be one CREATE TABLE statement with its columns, not: " + createTableSql);
        }
        put(editor.create(table, create, databaseCharset(table.schema())));
        infoCache.remove(table);
    }

    /** The tracked tables, ordered. */
    public SortedSet<TableId> tables() {
        return new TreeSet<>(tables.keySet());
    }

    @Override public Optional<TableInfo> find(TableId table) {
        TrackedTable t = tables.get(table);
        if (t == null) {
            return Optional.empty();
        }
        // The cache entry is checked against the model it was made from: a reader racing with
        // apply() may cache an older table, which the next read then replaces.
        Rendered cached = infoCache.get(table);
        if (cached == null || cached.source() != t) {
            cached = new Rendered(t, new TableInfo(table, CreateTableRenderer.render(t, dialect),
                    t.columns().stream().map(TrackedColumn::info).toList(), t.chunkKey()));
            infoCache.put(table, cached);
        }
        return Optional.of(cached.info());
    }

    /** The tracked model of a table, for tests in this package that check it against a server. */
    Optional<TrackedTable> tracked(TableId table) {
        return Optional.ofNullable(tables.get(table));
    }

    /** The table's columns (defaults included) and keys, for comparing definitions across sources. */
    public Optional<TableShape> shape(TableId table) {
        return Optional.ofNullable(tables.get(table)).map(TableShape::of);
    }

    /**
     * An independent tracker with this one's state now (tables, database charsets, tracked filter): the sync keeps
     * one from before each DDL, to see a merged table's definition before and after each of the DDL's changes.
     */
    public synchronized SchemaTracker copy() {
        SchemaTracker copy = new SchemaTracker(dialect, tracked);
        copy.tables.putAll(tables);
        copy.databaseCharsets.putAll(databaseCharsets);
        return copy;
    }

    /** The table's primary and unique keys, primary first. */
    public Optional<TableKeys> keys(TableId table) {
        TrackedTable t = tables.get(table);
        if (t == null) {
            return Optional.empty();
        }
        List<TableKeys.UniqueKey> keys = new ArrayList<>();
        for (TrackedIndex i : t.indexes()) {
            if (i.unique() && !i.hasExpressionPart()) {
                List<String> columns = t.columnsOf(i);
                boolean nullable = columns.stream().anyMatch(c -> t.column(c).map(TrackedColumn::nullable).orElse(true));
                keys.add(new TableKeys.UniqueKey(i.name(), columns, i.kind() == TrackedIndex.Kind.PRIMARY, nullable,
                        i.hasPrefixPart()));
            }
        }
        return Optional.of(new TableKeys(keys));
    }

    /** A valid {@code CREATE TABLE} for the table as tracked now (for checkpoints and {@code binlog-schema list}). */
    public Optional<String> createTableSql(TableId table) {
        return find(table).map(TableInfo::createTableSql);
    }

    @Override public void apply(String currentSchema, String sql, BinlogLocation at) {
        ParsedDdl parsed;
        try {
            parsed = parser.parse(currentSchema, sql);
        } catch (GodwitException e) {
            throw positioned(e, at, null);
        }
        apply(parsed, at);
    }

    /** Applies a statement the caller has parsed already (the syncer parses once, to route and to track). */
    public synchronized void apply(ParsedDdl ddl, BinlogLocation at) {
        if (ddl instanceof ParsedDdl.Ignored ignored) {
            LOG.debug("at {}: {}", at, ignored);
            return;
        }
        if (ddl instanceof ParsedDdl.Unsupported unsupported) {
            throw new GodwitException(ErrorCode.DDL_UNSUPPORTED, "at " + at + ": " + unsupported + " in: " + ddl.sql());
        }
        Workspace ws = new Workspace();
        for (DdlChange change : ((ParsedDdl.Changes) ddl).changes()) {
            try {
                applyOne(ws, change);
            } catch (GodwitException e) {
                throw positioned(e, at, change.sql());
            }
        }
        ws.commit();
    }

    private void applyOne(Workspace ws, DdlChange change) {
        TableId id = change.table();
        TableChange c = change.change();
        if (c instanceof TableChange.CreateDatabase create) {
            if (create.orReplace()) {
                ws.dropDatabaseTables(id.schema());
            }
            if (!create.ifNotExists() || ws.databaseCharset(id.schema()).isEmpty()) {
                ws.setDatabaseCharset(id.schema(),
                        TableEditor.tableCharset(create.charset(), create.collation(), dialect.defaultCharset()));
            }
        } else if (c instanceof TableChange.AlterDatabase alter) {
            ws.setDatabaseCharset(id.schema(), TableEditor.tableCharset(alter.charset(), alter.collation(),
                    ws.databaseCharset(id.schema()).orElse(dialect.defaultCharset())));
        } else if (c instanceof TableChange.DropDatabase) {
            ws.dropDatabaseTables(id.schema());
            ws.setDatabaseCharset(id.schema(), null);
        } else if (c instanceof TableChange.CreateTable create) {
            if (tracked.test(id) && mayCreate(ws, id, create.ifNotExists(), create.orReplace())) {
                String dbCharset = ws.databaseCharset(id.schema()).orElse(dialect.defaultCharset());
                ws.put(editor.create(id, create, dbCharset));
            }
        } else if (c instanceof TableChange.CreateTableLike like) {
            TableId model = change.relatedTable().orElseThrow();
            if (tracked.test(id) && mayCreate(ws, id, like.ifNotExists(), like.orReplace())) {
                TrackedTable source = ws.table(model).orElseThrow(() ->
                        TableEditor.mismatch("the model table " + model + " of CREATE TABLE ... LIKE is not tracked"));
                ws.put(source.withId(id).withKeysSorted()); // a new table: its keys sorted afresh
            }
        } else if (c instanceof TableChange.DropTable) {
            ws.remove(id);
        } else if (c instanceof TableChange.RenameTable) {
            rename(ws, id, change.relatedTable().orElseThrow());
        } else if (!(c instanceof TableChange.TruncateTable)) {
            Optional<TrackedTable> current = ws.table(id);
            if (current.isEmpty()) {
                if (tracked.test(id)) {
                    throw TableEditor.mismatch("table " + id + " is not tracked");
                }
                return;
            }
            ws.put(editor.apply(current.get(), c));
        }
    }

    private static boolean mayCreate(Workspace ws, TableId id, boolean ifNotExists, boolean orReplace) {
        if (ws.table(id).isEmpty() || orReplace) {
            return true;
        }
        if (ifNotExists) {
            return false;
        }
        throw TableEditor.mismatch("table " + id + " already exists");
    }

    private void rename(Workspace ws, TableId from, TableId to) {
        Optional<TrackedTable> table = ws.table(from);
        if (table.isEmpty()) {
            if (tracked.test(to)) {
                throw TableEditor.mismatch("table " + from + " renamed to " + to + " is not tracked");
            }
            return;
        }
        if (ws.table(to).isPresent()) {
            throw TableEditor.mismatch("table " + to + " already exists");
        }
        ws.remove(from);
        if (tracked.test(to)) {
            ws.put(table.get().withId(to));
        }
    }

    private String databaseCharset(String schema) {
        return databaseCharsets.getOrDefault(schema, dialect.defaultCharset());
    }

    private void put(TrackedTable t) {
        tables.put(t.id(), t);
    }

    private static GodwitException positioned(GodwitException e, BinlogLocation at, String change) {
        return new GodwitException(e.code(), "at " + at + ": " + e.getMessage()
                + (change == null || e.getMessage().contains(" in: ") ? "" : " in: " + change), e.getCause());
    }

    // ---- snapshot

    /** The whole tracker as JSON, for the checkpoint's {@code table_info}. */
    public synchronized String toJson() {
        List<TrackedTable> ordered = new ArrayList<>(new TreeMap<>(tables).values());
        try {
            return JSON.writeValueAsString(new Snapshot(SNAPSHOT_VERSION, dialect, new TreeMap<>(databaseCharsets), ordered));
        } catch (JsonProcessingException e) {
            throw new GodwitException(ErrorCode.INTERNAL, "the schema tracker cannot be written as JSON", e);
        }
    }

    /** A tracker of every table, restored from {@link #toJson()}. */
    public static SchemaTracker fromJson(String json) {
        return fromJson(json, id -> true);
    }

    /** A tracker restored from {@link #toJson()}, tracking what {@code tracked} accepts from now on. */
    public static SchemaTracker fromJson(String json, Predicate<TableId> tracked) {
        Snapshot snapshot;
        try {
            snapshot = JSON.readValue(json, Snapshot.class);
        } catch (JsonProcessingException e) {
            throw new GodwitException(ErrorCode.META_SCHEMA_UNREADABLE, "table_info is not a schema tracker snapshot: "
                    + e.getOriginalMessage(), e);
        }
        if (snapshot.version() != SNAPSHOT_VERSION || snapshot.dialect() == null) {
            throw new GodwitException(ErrorCode.META_SCHEMA_UNREADABLE, "table_info has snapshot version "
                    + snapshot.version() + ", this Godwit reads version " + SNAPSHOT_VERSION);
        }
        SchemaTracker tracker = new SchemaTracker(snapshot.dialect(), tracked);
        if (snapshot.databaseCharsets() != null) {
            tracker.databaseCharsets.putAll(snapshot.databaseCharsets());
        }
        if (snapshot.tables() != null) {
            snapshot.tables().forEach(tracker::put);
        }
        return tracker;
    }

    /**
     * The changes of one statement, seen on top of the committed model and committed together:
     * a statement applies whole or not at all.
     */
    private final class Workspace {
        private final Map<TableId, Optional<TrackedTable>> tableEdits = new TreeMap<>();
        private final Map<String, Optional<String>> charsetEdits = new TreeMap<>();

        Optional<TrackedTable> table(TableId id) {
            Optional<TrackedTable> edited = tableEdits.get(id);
            return edited != null ? edited : Optional.ofNullable(tables.get(id));
        }

        void put(TrackedTable t) { tableEdits.put(t.id(), Optional.of(t)); }

        void remove(TableId id) { tableEdits.put(id, Optional.empty()); }

        Optional<String> databaseCharset(String schema) {
            Optional<String> edited = charsetEdits.get(schema);
            return edited != null ? edited : Optional.ofNullable(databaseCharsets.get(schema));
        }

        void setDatabaseCharset(String schema, String charset) { charsetEdits.put(schema, Optional.ofNullable(charset)); }

        void dropDatabaseTables(String schema) {
            List<TableId> ids = new ArrayList<>(tables.keySet());
            ids.addAll(tableEdits.keySet());
            ids.stream().filter(id -> id.schema().equals(schema)).forEach(this::remove);
        }

        void commit() {
            tableEdits.forEach((id, t) -> {
                if (t.isPresent()) {
                    SchemaTracker.this.put(t.get());
                } else {
                    SchemaTracker.this.forget(id);
                }
            });
            charsetEdits.forEach((schema, charset) -> {
                if (charset.isPresent()) {
                    databaseCharsets.put(schema, charset.get());
                } else {
                    databaseCharsets.remove(schema);
                }
            });
        }
    }
}
