package io.godwit.binlog.ddl;

import io.godwit.core.model.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Turns the parse tree of one statement into its {@link ParsedDdl}: changes, ignored or unsupported. */
final class StatementReader {
    static final String CREATE_SELECT_REASON =
            "it creates a table and copies rows in one statement; in ROW format the source logs it as CREATE TABLE plus rows";
    private static final String NOT_A_TABLE = "not a database, table or index definition: only those are replicated";

    private final String sql;
    private final Names names;

    StatementReader(String currentSchema, String sql) {
        this.sql = sql;
        this.names = new Names(currentSchema, sql);
    }

    ParsedDdl read(SqlNode statement) {
        SqlNode body = statement.children().get(statement.children().size() - 1);
        SqlNode inner = body.children().get(0);
        return switch (body.kind()) {
            case "DdlStatement" -> ddl(inner);
            case "DmlStatement" -> new ParsedDdl.Unsupported(sql, kindWords(inner),
                    "a data change logged as a statement cannot be replayed from a query event; the source must log binlog_format=ROW");
            case "TransactionStatement" -> ignored(inner, "transaction control carries no change of its own");
            case "ReplicationStatement" -> ignored(inner, inner.kind().startsWith("Xa")
                    ? "transaction control carries no change of its own" : "replication control of the source itself");
            case "PreparedStatement" -> ignored(inner, "the statements a prepared statement runs are logged on their own");
            case "AdministrationStatement" -> ignored(inner, administrationReason(inner));
            case "UtilityStatement" -> ignored(inner, "changes nothing");
            default -> ignored(body, "not a statement Godwit replicates");
        };
    }

    private ParsedDdl ddl(SqlNode ddl) {
        return switch (ddl.kind()) {
            case "CopyCreateTable", "ColumnCreateTable", "QueryCreateTable" -> createTable(ddl);
            case "AlterTable" -> new ParsedDdl.Changes(sql, new AlterTableReader(sql, names).read(ddl));
            case "DropTable" -> ddl.has("TEMPORARY")
                    ? new ParsedDdl.Ignored(sql, "DROP TEMPORARY TABLE", "temporary tables are not replicated in ROW format")
                    : dropTables(ddl);
            case "RenameTable" -> renameTables(ddl);
            case "TruncateTable" -> single(DdlKind.TRUNCATE_TABLE, names.table(ddl.child("TableName").orElseThrow()), null,
                    new TableChange.TruncateTable());
            case "CreateIndex" -> createIndex(ddl);
            case "DropIndex" -> {
                TableId table = names.table(ddl.child("TableName").orElseThrow());
                yield single(DdlKind.DROP_INDEX, table, null, new TableChange.DropIndex(
                        Names.identifier(ddl.child("Uid").orElseThrow()), ddl.has("IfExists")));
            }
            case "CreateDatabase" -> {
                String db = names.database(ddl.child("Uid").orElseThrow());
                yield single(DdlKind.CREATE_DATABASE, TableId.of(db, ""), null, new TableChange.CreateDatabase(
                        databaseCharset(ddl), databaseCollation(ddl), ddl.has("IfNotExists"), ddl.has("OrReplace")));
            }
            case "AlterSimpleDatabase" -> {
                // In ALTER DATABASE DEFAULT CHARACTER SET x the grammar may take the DEFAULT keyword for the
                // database name; the server does not (DEFAULT is reserved, a database so named is quoted).
                Optional<SqlNode> uid = ddl.child("Uid").filter(u -> !u.text().equalsIgnoreCase("DEFAULT"));
                String db = uid.isPresent() ? names.database(uid.get())
                        : names.implicitDatabase(ddl.child("DATABASE", "SCHEMA").orElseThrow().stop());
                yield single(DdlKind.ALTER_DATABASE, TableId.of(db, ""), null,
                        new TableChange.AlterDatabase(databaseCharset(ddl), databaseCollation(ddl)));
            }
            case "AlterUpgradeName" -> new ParsedDdl.Ignored(sql, "ALTER DATABASE UPGRADE DATA DIRECTORY NAME",
                    "a MySQL 5.0 file-name migration that changes no definition");
            case "DropDatabase" -> {
                String db = names.database(ddl.child("Uid").orElseThrow());
                yield single(DdlKind.DROP_DATABASE, TableId.of(db, ""), null, new TableChange.DropDatabase(ddl.has("IfExists")));
            }
            default -> ignored(ddl, NOT_A_TABLE);
        };
    }

    private ParsedDdl createTable(SqlNode create) {
        if (create.has("TEMPORARY")) {
            return new ParsedDdl.Ignored(sql, "CREATE TEMPORARY TABLE", "temporary tables are not replicated in ROW format");
        }
        if (create.is("QueryCreateTable")) {
            return new ParsedDdl.Unsupported(sql, "CREATE TABLE ... SELECT", CREATE_SELECT_REASON);
        }
        boolean ifNotExists = create.has("IfNotExists");
        boolean orReplace = create.has("OrReplace");
        List<SqlNode> tableNames = create.all("TableName");
        TableId table = names.table(tableNames.get(0));
        if (create.is("CopyCreateTable")) {
            TableId like = names.table(tableNames.get(1));
            return single(DdlKind.CREATE_TABLE_LIKE, table, like, new TableChange.CreateTableLike(ifNotExists, orReplace));
        }
        create.findAll("ReferenceDefinition").forEach(r -> r.child("TableName").ifPresent(names::table));
        List<ColumnDefinition> columns = new ArrayList<>();
        List<IndexDefinition> indexes = new ArrayList<>();
        for (SqlNode definition : create.child("CreateDefinitions").orElseThrow().children()) {
            if (definition.is("ColumnDeclaration")) {
                columns.add(Definitions.column(Names.declaredColumn(definition),
                        definition.child("ColumnDefinition").orElseThrow()));
            } else if (definition.is("ConstraintDeclaration", "IndexDeclaration")) {
                Definitions.index(definition.children().get(0)).ifPresent(indexes::add);
            }
        }
        TableChange options = AlterTableReader.tableOptions(create);
        String charset = options instanceof TableChange.SetTableOptions o ? o.charset() : null;
        String collation = options instanceof TableChange.SetTableOptions o ? o.collation() : null;
        return single(DdlKind.CREATE_TABLE, table, null,
                new TableChange.CreateTable(columns, indexes, charset, collation, ifNotExists, orReplace));
    }

    private ParsedDdl createIndex(SqlNode create) {
        TableId table = names.table(create.child("TableName").orElseThrow());
        IndexDefinition index = Definitions.index(create).orElseThrow();
        return single(DdlKind.CREATE_INDEX, table, null, new TableChange.AddIndex(index, create.has("IfNotExists")));
    }

    /** DROP TABLE a, b: one DROP TABLE per table, each with the statement's head and tail. */
    private ParsedDdl dropTables(SqlNode drop) {
        SqlNode list = drop.child("Tables").orElseThrow();
        List<SqlNode> tables = list.all("TableName");
        List<TableId> ids = tables.stream().map(names::table).toList();
        boolean ifExists = drop.has("IfExists");
        if (ids.size() == 1) {
            return single(DdlKind.DROP_TABLE, ids.get(0), null, new TableChange.DropTable(ifExists));
        }
        List<DdlChange> out = new ArrayList<>();
        for (int i = 0; i < tables.size(); i++) {
            out.add(new Pieces(sql, names.refs()).original(0, list.start()).original(tables.get(i))
                    .original(list.stop(), sql.length())
                    .build(DdlKind.DROP_TABLE, ids.get(i), null, new TableChange.DropTable(ifExists)));
        }
        return new ParsedDdl.Changes(sql, out);
    }

    /** RENAME TABLE a TO b, c TO d: one RENAME TABLE per pair. */
    private ParsedDdl renameTables(SqlNode rename) {
        List<SqlNode> clauses = rename.all("RenameTableClause");
        List<TableId[]> pairs = new ArrayList<>();
        for (SqlNode clause : clauses) {
            List<SqlNode> t = clause.all("TableName");
            pairs.add(new TableId[] {names.table(t.get(0)), names.table(t.get(1))});
        }
        if (pairs.size() == 1) {
            return single(DdlKind.RENAME_TABLE, pairs.get(0)[0], pairs.get(0)[1], new TableChange.RenameTable());
        }
        SqlNode first = clauses.get(0);
        SqlNode last = clauses.get(clauses.size() - 1);
        List<DdlChange> out = new ArrayList<>();
        for (int i = 0; i < clauses.size(); i++) {
            out.add(new Pieces(sql, names.refs()).original(0, first.start()).original(clauses.get(i))
                    .original(last.stop(), sql.length())
                    .build(DdlKind.RENAME_TABLE, pairs.get(i)[0], pairs.get(i)[1], new TableChange.RenameTable()));
        }
        return new ParsedDdl.Changes(sql, out);
    }

    private ParsedDdl single(DdlKind kind, TableId table, TableId related, TableChange change) {
        return new ParsedDdl.Changes(sql, List.of(new Pieces(sql, names.refs()).original(0, sql.length())
                .build(kind, table, related, change)));
    }

    private static String databaseCharset(SqlNode ddl) {
        for (SqlNode option : ddl.all("CreateDatabaseOption")) {
            Optional<String> charset = AlterTableReader.charset(option);
            if (charset.isPresent()) {
                return charset.get();
            }
        }
        return null;
    }

    private static String databaseCollation(SqlNode ddl) {
        for (SqlNode option : ddl.all("CreateDatabaseOption")) {
            Optional<String> collation = AlterTableReader.collation(option);
            if (collation.isPresent()) {
                return collation.get();
            }
        }
        return null;
    }

    private ParsedDdl ignored(SqlNode node, String reason) {
        return new ParsedDdl.Ignored(sql, kindWords(node), reason);
    }

    private static String administrationReason(SqlNode node) {
        String kind = node.kind();
        if (kind.startsWith("Analyze") || kind.startsWith("Optimize") || kind.startsWith("Repair")
                || kind.startsWith("Check") || kind.startsWith("Checksum")) {
            return "table maintenance changes no definition and no row";
        }
        return "account, privilege and server administration is not replicated";
    }

    /**
     * The statement's kind in SQL words from its grammar rule: {@code CreateTrigger} is
     * {@code CREATE TRIGGER}, {@code GrantStatement} is {@code GRANT}; the grammar's version
     * suffixes ({@code CreateUserMysqlV80}) are dropped.
     */
    static String kindWords(SqlNode node) {
        String name = node.kind().contains("Revoke") ? "Revoke" : node.kind();
        int version = name.indexOf("MysqlV");
        name = version > 0 ? name.substring(0, version) : name;
        name = name.endsWith("Statement") && name.length() > "Statement".length()
                ? name.substring(0, name.length() - "Statement".length()) : name;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                b.append(' ');
            }
            b.append(c);
        }
        return b.toString().toUpperCase(Locale.ROOT);
    }
}
