package io.godwit.binlog.schema;

import io.godwit.binlog.ddl.IndexDefinition.KeyPart;
import io.godwit.core.model.TableId;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a tracked table as a {@code CREATE TABLE} statement, shaped like
 * {@code SHOW CREATE TABLE}: columns, keys (in the server's order) and the default character set.
 * Foreign keys, CHECK constraints, partitioning and storage options are not modelled, so not
 * rendered; the indexes foreign keys need are.
 */
final class CreateTableRenderer {
    private CreateTableRenderer() {}

    static String render(TrackedTable t, SourceDialect dialect) {
        List<String> lines = new ArrayList<>();
        for (TrackedColumn c : t.columns()) {
            lines.add(column(c, t.charset()));
        }
        for (TrackedIndex i : t.indexes()) {
            lines.add(index(i, dialect));
        }
        StringBuilder b = new StringBuilder("CREATE TABLE ").append(TableId.quote(t.id().table())).append(" (\n  ")
                .append(String.join(",\n  ", lines)).append("\n)");
        if (t.charset() != null) {
            b.append(" DEFAULT CHARSET=").append(t.charset());
        }
        if (t.collation() != null) {
            b.append(" COLLATE=").append(t.collation());
        }
        return b.toString();
    }

    private static String column(TrackedColumn c, String tableCharset) {
        StringBuilder b = new StringBuilder(TableId.quote(c.name())).append(' ').append(c.columnType());
        if (c.charset() != null && !c.charset().equals(tableCharset)) {
            b.append(" CHARACTER SET ").append(c.charset());
        }
        if (c.collation() != null) {
            b.append(" COLLATE ").append(c.collation());
        }
        if (c.generated()) {
            b.append(" GENERATED ALWAYS AS ").append(c.generationExpression()).append(c.stored() ? " STORED" : " VIRTUAL");
            if (!c.nullable()) {
                b.append(" NOT NULL");
            }
        } else {
            b.append(c.nullable() ? " NULL" : " NOT NULL");
        }
        if (c.defaultValue() != null) {
            b.append(" DEFAULT ").append(c.defaultValue());
        }
        if (c.autoIncrement()) {
            b.append(" AUTO_INCREMENT");
        }
        if (c.onUpdate() != null) {
            b.append(" ON UPDATE ").append(c.onUpdate());
        }
        if (c.invisible()) {
            b.append(" INVISIBLE");
        }
        if (c.comment() != null) {
            b.append(" COMMENT ").append(c.comment());
        }
        return b.toString();
    }

    private static String index(TrackedIndex i, SourceDialect dialect) {
        String head = switch (i.kind()) {
            case PRIMARY -> "PRIMARY KEY";
            case UNIQUE -> "UNIQUE KEY " + TableId.quote(i.name());
            case INDEX -> "KEY " + TableId.quote(i.name());
            case FULLTEXT -> "FULLTEXT KEY " + TableId.quote(i.name());
            case SPATIAL -> "SPATIAL KEY " + TableId.quote(i.name());
        };
        List<String> parts = new ArrayList<>();
        for (KeyPart p : i.parts()) {
            String part = p.column() != null ? TableId.quote(p.column()) + (p.length() != null ? "(" + p.length() + ")" : "")
                    : p.expression().startsWith("(") ? p.expression() : "(" + p.expression() + ")";
            parts.add(p.descending() ? part + " DESC" : part);
        }
        String tail = i.invisible() ? (dialect.mariaDb() ? " IGNORED" : " INVISIBLE") : "";
        return head + " (" + String.join(",", parts) + ")" + tail;
    }
}
