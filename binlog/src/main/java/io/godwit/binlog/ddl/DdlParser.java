package io.godwit.binlog.ddl;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import java.util.List;

/**
 * Parses a statement read from the binlog into {@link ParsedDdl}: the DDL it carries split into
 * single changes, or why it is skipped, or why it cannot be replicated.
 *
 * <p>Why Debezium's ANTLR grammars ({@code io.debezium:debezium-ddl-parser}): they are complete
 * public MySQL and MariaDB grammars, and ANTLR gives every token's character offsets, so names
 * are rewritten in place and every other byte (comments, spacing, options) is kept. On the 417
 * valid statements of the DDL corpus (MariaDB and MySQL 8 syntax, partitions, generated columns,
 * comments; see the test resources), Debezium's MariaDB grammar accepts 413, its MySQL grammar
 * 380, the two together all 417; Druid's MySQL parser accepts 372 and JSqlParser 325, and both
 * re-render statements from their AST (comments and spacing lost), so neither can rewrite names
 * in place. The two Debezium grammars are used together, see {@link Grammars}; only their
 * generated parsers are used, with the ANTLR runtime and without Debezium's connector core.
 *
 * <p>Thread-safe: each call builds its own lexer and parser (ANTLR shares its DFA caches safely).
 */
public final class DdlParser {

    /**
     * Parses one statement.
     *
     * @param currentSchema the database the statement ran in, for unqualified names (may be empty)
     * @param sql           the statement as logged
     * @throws GodwitException {@link ErrorCode#DDL_UNPARSABLE} with the statement when no grammar
     *                         accepts it; {@link ErrorCode#DDL_UNSUPPORTED} when the text holds
     *                         several statements or an unqualified table name has no current database
     */
    public ParsedDdl parse(String currentSchema, String sql) {
        Grammars.Parsed parsed;
        try {
            parsed = Grammars.parse(sql);
        } catch (Grammars.SyntaxError e) {
            throw new GodwitException(ErrorCode.DDL_UNPARSABLE, e.getMessage() + " in: " + sql);
        }
        List<SqlNode> statements = parsed.statements() == null ? List.of() : parsed.statements().all("SqlStatement");
        if (statements.isEmpty()) {
            return new ParsedDdl.Ignored(sql, "COMMENT", "the text holds no statement, only comments");
        }
        if (isCreateTableSelect(statements)) {
            return new ParsedDdl.Unsupported(sql, "CREATE TABLE ... SELECT", StatementReader.CREATE_SELECT_REASON);
        }
        if (statements.size() > 1) {
            throw new GodwitException(ErrorCode.DDL_UNSUPPORTED, "one statement per query event expected, found "
                    + statements.size() + " in: " + sql);
        }
        return new StatementReader(currentSchema, sql).read(statements.get(0));
    }

    /**
     * {@code CREATE TABLE t (a INT) SELECT ...}: the grammar lets statements follow each other
     * without a semicolon, and may read this as a CREATE TABLE followed by a SELECT.
     */
    private static boolean isCreateTableSelect(List<SqlNode> statements) {
        return statements.size() == 2
                && statements.get(0).find("ColumnCreateTable", "QueryCreateTable").isPresent()
                && statements.get(1).find("DmlStatement").flatMap(d -> d.child("SelectStatement", "SimpleSelect",
                        "ParenthesisSelect", "UnionSelect", "UnionParenthesisSelect")).isPresent();
    }
}
