package io.godwit.binlog.ddl;

import io.godwit.binlog.ddl.DdlChange.NameRef;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.TableId;
import java.util.ArrayList;
import java.util.List;

/**
 * Identifiers of one statement: unquoting, resolving table names against the current database,
 * and remembering where each table or database name stands so that routing can rewrite it.
 */
final class Names {
    private final String currentSchema;
    private final String sql;
    private final List<NameRef> refs = new ArrayList<>();

    Names(String currentSchema, String sql) {
        this.currentSchema = currentSchema == null ? "" : currentSchema;
        this.sql = sql;
    }

    /** Every name seen so far, in the original statement's offsets. */
    List<NameRef> refs() { return refs; }

    /** A {@code tableName} or {@code fullId} node as a table, recorded for routing. */
    TableId table(SqlNode node) {
        SqlNode fullId = node.is("FullId") ? node : node.find("FullId").orElse(node);
        List<SqlNode> uids = fullId.all("Uid");
        TableId id;
        if (fullId.has("DOT_ID")) {
            id = TableId.of(identifier(uids.get(0)), fullId.child("DOT_ID").orElseThrow().text().substring(1));
        } else if (uids.size() == 2) {
            id = TableId.of(identifier(uids.get(0)), identifier(uids.get(1)));
        } else if (fullId.is("FullId") && uids.size() == 1) {
            id = TableId.of(requireSchema(uids.get(0)), identifier(uids.get(0)));
        } else {
            // A bare uid where the grammar allows a table name (ALTER TABLE ... RENAME TO uid).
            id = TableId.of(requireSchema(fullId), identifier(fullId));
        }
        refs.add(new NameRef(fullId.start(), fullId.stop(), id, false));
        return id;
    }

    /** A database name node, recorded for routing. */
    String database(SqlNode uid) {
        String name = identifier(uid);
        refs.add(new NameRef(uid.start(), uid.stop(), TableId.of(name, ""), true));
        return name;
    }

    /**
     * The current database for a statement that names none (ALTER DATABASE CHARACTER SET ...):
     * recorded as a name to insert at {@code offset}, so that the routed statement names it.
     */
    String implicitDatabase(int offset) {
        String name = requireSchema(null);
        refs.add(new NameRef(offset, offset, TableId.of(name, ""), true));
        return name;
    }

    private String requireSchema(SqlNode unqualified) {
        if (currentSchema.isEmpty()) {
            throw new GodwitException(ErrorCode.DDL_UNSUPPORTED, "no current database for "
                    + (unqualified == null ? "the statement" : "the unqualified name " + unqualified.text())
                    + " in: " + sql);
        }
        return currentSchema;
    }

    /**
     * The column a {@code columnDeclaration} names: a {@code uid} in the MariaDB grammar, a
     * {@code fullColumnName} (whose last part is the column) in the MySQL one.
     */
    static String declaredColumn(SqlNode columnDeclaration) {
        SqlNode name = columnDeclaration.child("Uid", "FullColumnName").orElseThrow();
        if (name.is("Uid")) {
            return identifier(name);
        }
        SqlNode last = name.children().get(name.children().size() - 1);
        if (last.is("DottedId")) {
            return last.child("DOT_ID").map(d -> d.text().substring(1))
                    .orElseGet(() -> identifier(last.child("Uid").orElseThrow()));
        }
        return identifier(last);
    }

    /** The identifier a {@code uid}-like node or token names, unquoted. */
    static String identifier(SqlNode node) {
        List<SqlNode> tokens = node.tokens();
        String text = tokens.size() == 1 ? tokens.get(0).text() : node.text();
        return unquote(text);
    }

    static String unquote(String text) {
        if (text.length() >= 2) {
            char q = text.charAt(0);
            if ((q == '`' || q == '"' || q == '\'') && text.charAt(text.length() - 1) == q) {
                String doubled = String.valueOf(q) + q;
                return text.substring(1, text.length() - 1).replace(doubled, String.valueOf(q));
            }
        }
        return text;
    }
}
