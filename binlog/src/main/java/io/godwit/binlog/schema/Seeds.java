package io.godwit.binlog.schema;

import io.godwit.binlog.ddl.DdlChange;
import io.godwit.binlog.ddl.DdlParser;
import io.godwit.binlog.ddl.IndexDefinition.KeyPart;
import io.godwit.binlog.ddl.ParsedDdl;
import io.godwit.binlog.ddl.TableChange;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.ColumnInfo;
import io.godwit.core.model.TableInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a snapshot's {@link TableInfo} into a tracked table. The columns come from the
 * TableInfo (information_schema, the authority); keys, defaults, collations and the table's
 * character set from its {@code SHOW CREATE TABLE} text, parsed like any DDL.
 */
final class Seeds {
    private static final Logger LOG = LoggerFactory.getLogger(Seeds.class);

    private Seeds() {}

    static TrackedTable fromTableInfo(TableInfo info, TableEditor editor, DdlParser parser, String databaseCharset) {
        Optional<TrackedTable> parsed = parseCreate(info, editor, parser, databaseCharset);
        if (parsed.isEmpty()) {
            LOG.warn("table {}: its CREATE TABLE text could not be read; tracked from information_schema only "
                    + "(no defaults, generation expressions or secondary indexes; chunk key {} kept as a unique key)",
                    info.id(), info.chunkKey());
        }
        List<TrackedColumn> columns = new ArrayList<>(info.columns().size());
        for (ColumnInfo c : info.columns()) {
            Optional<TrackedColumn> p = parsed.flatMap(t -> t.column(c.name()));
            columns.add(new TrackedColumn(c.name(), c.dataType(), c.columnType(), c.nullable(), c.charset(),
                    p.map(TrackedColumn::collation).orElse(null), p.map(TrackedColumn::defaultValue).orElse(null),
                    p.map(TrackedColumn::autoIncrement).orElse(false), p.map(TrackedColumn::onUpdate).orElse(null),
                    c.generated() ? p.map(TrackedColumn::generationExpression).orElse("(NULL)") : null,
                    p.map(TrackedColumn::stored).orElse(false), p.map(TrackedColumn::invisible).orElse(false),
                    p.map(TrackedColumn::comment).orElse(null)));
        }
        if (parsed.isPresent()) {
            TrackedTable t = parsed.get();
            return new TrackedTable(info.id(), columns, t.indexes(), t.charset(), t.collation());
        }
        List<TrackedIndex> indexes = info.chunkKey().isEmpty() ? List.of() : List.of(new TrackedIndex(
                info.chunkKey().get(0), TrackedIndex.Kind.UNIQUE, info.chunkKey().stream().map(KeyPart::of).toList(), false));
        return new TrackedTable(info.id(), columns, indexes, databaseCharset, null);
    }

    private static Optional<TrackedTable> parseCreate(TableInfo info, TableEditor editor, DdlParser parser,
                                                      String databaseCharset) {
        if (info.createTableSql() == null || info.createTableSql().isBlank()) {
            return Optional.empty();
        }
        try {
            ParsedDdl parsed = parser.parse(info.id().schema(), info.createTableSql());
            if (parsed instanceof ParsedDdl.Changes changes && changes.changes().size() == 1) {
                DdlChange change = changes.changes().get(0);
                if (change.change() instanceof TableChange.CreateTable create) {
                    return Optional.of(editor.create(info.id(), create, databaseCharset, false));
                }
            }
            return Optional.empty();
        } catch (GodwitException e) {
            LOG.debug("table {}: {}", info.id(), e.oneLine());
            return Optional.empty();
        }
    }
}
