package io.godwit.binlog.ddl;

import io.godwit.binlog.ddl.TableChange.ColumnPosition;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.TableId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Splits {@code ALTER TABLE} into single changes, the way DM does so that filtering and
 * shard-merge work per change: {@code ALTER TABLE t ADD c INT, DROP d} becomes
 * {@code ALTER TABLE t ADD c INT} and {@code ALTER TABLE t DROP d}. Each piece is the statement's
 * own head (everything up to the table name, comments included) and the original text of one
 * specification; {@code ALGORITHM=} and {@code LOCK=} apply to the whole statement and so are
 * appended to every piece. A statement with one change is kept whole, byte for byte.
 */
final class AlterTableReader {
    private static final Set<String> STATEMENT_OPTIONS = Set.of("AlterBySetAlgorithm", "AlterByLock");

    /** One change and the text that states it: {@code lead} followed by {@code sql[start, stop)}. */
    private record Part(TableChange change, TableId related, String lead, int start, int stop) {}

    private final String sql;
    private final Names names;

    AlterTableReader(String sql, Names names) {
        this.sql = sql;
        this.names = names;
    }

    List<DdlChange> read(SqlNode alter) {
        TableId table = names.table(alter.child("TableName").orElseThrow());
        List<SqlNode> specs = new ArrayList<>();
        List<SqlNode> statementOptions = new ArrayList<>();
        for (SqlNode c : alter.children()) {
            if (c.kind().startsWith("AlterBy") || c.is("AlterPartition", "PartitionDefinitions")) {
                (STATEMENT_OPTIONS.contains(c.kind()) ? statementOptions : specs).add(c);
            }
        }
        // The head is everything before the first specification, comments after the table name included.
        int headEnd = Stream.concat(specs.stream(), statementOptions.stream()).mapToInt(SqlNode::start).min()
                .orElse(sql.length());
        List<Part> parts = new ArrayList<>();
        for (SqlNode spec : specs) {
            read(spec, parts);
        }
        // The server renames after every other change, wherever RENAME stands: so do the pieces.
        parts.sort(Comparator.comparing(p -> p.change() instanceof TableChange.RenameTable));
        if (parts.size() <= 1) {
            TableChange change = parts.isEmpty() ? new TableChange.Unmodeled(statementOptions.isEmpty()
                    ? "ALTER TABLE without changes" : "ALGORITHM/LOCK only") : parts.get(0).change();
            TableId related = parts.isEmpty() ? null : parts.get(0).related();
            return List.of(new Pieces(sql, names.refs()).original(0, sql.length())
                    .build(DdlKind.ALTER_TABLE, table, related, change));
        }
        List<DdlChange> out = new ArrayList<>(parts.size());
        for (Part p : parts) {
            Pieces piece = new Pieces(sql, names.refs()).original(0, headEnd).words(p.lead())
                    .original(p.start(), p.stop());
            for (SqlNode option : statementOptions) {
                piece.words(", ").original(option);
            }
            out.add(piece.build(DdlKind.ALTER_TABLE, table, p.related(), p.change()));
        }
        return out;
    }

    private void read(SqlNode spec, List<Part> parts) {
        // Names inside a specification (REFERENCES t, EXCHANGE PARTITION ... WITH TABLE t) are routed too.
        spec.findAll("TableName").forEach(names::table);
        switch (spec.kind()) {
            case "AlterByAddColumns" -> {
                String lead = "ADD COLUMN " + (spec.has("IfNotExists") ? "IF NOT EXISTS " : "");
                List<SqlNode> uids = spec.all("Uid");
                List<SqlNode> definitions = spec.all("ColumnDefinition");
                for (int i = 0; i < uids.size(); i++) {
                    ColumnDefinition column = Definitions.column(Names.identifier(uids.get(i)), definitions.get(i));
                    parts.add(new Part(new TableChange.AddColumn(column, ColumnPosition.UNCHANGED, spec.has("IfNotExists")),
                            null, lead, uids.get(i).start(), definitions.get(i).stop()));
                }
            }
            case "AlterByAddDefinitions" -> {
                boolean ifNotExists = spec.has("IfNotExists");
                for (SqlNode definition : spec.all("CreateDefinition", "ColumnDeclaration", "ConstraintDeclaration",
                        "IndexDeclaration")) {
                    if (definition.is("ColumnDeclaration")) {
                        ColumnDefinition column = Definitions.column(
                                Names.declaredColumn(definition),
                                definition.child("ColumnDefinition").orElseThrow());
                        parts.add(new Part(new TableChange.AddColumn(column, ColumnPosition.UNCHANGED, ifNotExists), null,
                                "ADD COLUMN " + (ifNotExists ? "IF NOT EXISTS " : ""), definition.start(), definition.stop()));
                    } else {
                        SqlNode inner = definition.children().get(0);
                        TableChange change = Definitions.index(inner)
                                .<TableChange>map(i -> new TableChange.AddIndex(i, ifNotExists))
                                .orElse(new TableChange.Unmodeled("ADD CHECK"));
                        parts.add(new Part(change, null, "ADD ", definition.start(), definition.stop()));
                    }
                }
            }
            default -> parts.add(new Part(single(spec), renameTarget(spec), "", spec.start(), spec.stop()));
        }
    }

    private TableId renameTarget(SqlNode spec) {
        if (!spec.is("AlterByRename")) {
            return null;
        }
        SqlNode target = spec.child("FullId").or(() -> spec.child("Uid")).orElseThrow();
        return names.table(target);
    }

    private static TableChange single(SqlNode spec) {
        boolean ifExists = spec.has("IfExists");
        boolean ifNotExists = spec.has("IfNotExists");
        List<SqlNode> uids = spec.all("Uid");
        return switch (spec.kind()) {
            case "AlterByAddColumn" -> new TableChange.AddColumn(
                    Definitions.column(Names.identifier(uids.get(0)), spec.child("ColumnDefinition").orElseThrow()),
                    position(spec, uids, 1), ifNotExists);
            case "AlterByModifyColumn" -> new TableChange.ModifyColumn(
                    Definitions.column(Names.identifier(uids.get(0)), spec.child("ColumnDefinition").orElseThrow()),
                    position(spec, uids, 1), ifExists);
            case "AlterByChangeColumn" -> new TableChange.ChangeColumn(Names.identifier(uids.get(0)),
                    Definitions.column(Names.identifier(uids.get(1)), spec.child("ColumnDefinition").orElseThrow()),
                    position(spec, uids, 2), ifExists);
            case "AlterByRenameColumn" -> new TableChange.RenameColumn(Names.identifier(uids.get(0)),
                    Names.identifier(uids.get(1)));
            case "AlterByDropColumn" -> new TableChange.DropColumn(Names.identifier(uids.get(0)), ifExists);
            case "AlterByChangeDefault", "AlterByAlterColumnDefault" -> columnAlteration(spec, uids);
            case "AlterByAddIndex", "AlterByAddPrimaryKey", "AlterByAddUniqueKey", "AlterByAddSpecialIndex",
                 "AlterByAddForeignKey", "AlterByNotExistingPrimaryKey" ->
                    new TableChange.AddIndex(Definitions.index(spec).orElseThrow(), ifNotExists);
            case "AlterByDropPrimaryKey" -> new TableChange.DropIndex("PRIMARY", false);
            case "AlterByDropIndex" -> new TableChange.DropIndex(Names.identifier(uids.get(0)), ifExists);
            case "AlterByDropConstraintCheck" -> spec.has("CONSTRAINT")
                    ? new TableChange.DropConstraint(Names.identifier(uids.get(0)), ifExists)
                    : new TableChange.Unmodeled("DROP CHECK");
            case "AlterByRenameIndex" -> new TableChange.RenameIndex(Names.identifier(uids.get(0)),
                    Names.identifier(uids.get(1)));
            case "AlterByAlterIndexVisibility" -> new TableChange.SetIndexVisibility(Names.identifier(uids.get(0)),
                    spec.has("INVISIBLE"));
            case "AlterByAlterIndexIgnore" -> new TableChange.SetIndexVisibility(Names.identifier(uids.get(0)),
                    !spec.has("NOT"));
            case "AlterByRename" -> new TableChange.RenameTable();
            case "AlterByTableOption" -> tableOptions(spec);
            case "AlterByDefaultCharset" -> new TableChange.SetTableOptions(charset(spec).orElse(null),
                    collation(spec).orElse(null));
            case "AlterByConvertCharset", "AlterByConvertCharacterset" ->
                    new TableChange.ConvertCharset(charset(spec).orElse(null), collation(spec).orElse(null));
            case "AlterByAddCheckTableConstraint", "AlterByAlterCheckTableConstraint", "AlterByDropForeignKey",
                 "AlterByDisableKeys", "AlterByEnableKeys", "AlterByOrder", "AlterByDiscardTablespace",
                 "AlterByImportTablespace", "AlterByForce", "AlterByValidate", "AlterPartition",
                 "PartitionDefinitions" -> new TableChange.Unmodeled(words(spec));
            default -> throw new GodwitException(ErrorCode.DDL_UNSUPPORTED,
                    "ALTER TABLE specification not understood (" + spec.kind() + "): " + spec.text());
        };
    }

    /** ALTER [COLUMN] c SET DEFAULT v | DROP DEFAULT | SET [IN]VISIBLE. */
    private static TableChange columnAlteration(SqlNode spec, List<SqlNode> uids) {
        String column = Names.identifier(uids.get(0));
        if (spec.has("VISIBLE", "INVISIBLE")) {
            return new TableChange.SetColumnVisibility(column, spec.has("INVISIBLE"));
        }
        if (spec.has("DROP")) {
            return new TableChange.SetColumnDefault(column, null);
        }
        SqlNode last = spec.children().get(spec.children().size() - 1);
        int valueStart = spec.childAfter("DEFAULT", "DefaultValue", "StringLiteral", "LR_BRACKET")
                .map(SqlNode::start).orElse(last.start());
        return new TableChange.SetColumnDefault(column, spec.text().substring(valueStart - spec.start()));
    }

    /** FIRST, or AFTER the uid at {@code afterIndex}; UNCHANGED when neither is given. */
    private static ColumnPosition position(SqlNode spec, List<SqlNode> uids, int afterIndex) {
        if (spec.has("FIRST")) {
            return ColumnPosition.FIRST;
        }
        if (spec.has("AFTER")) {
            return ColumnPosition.after(Names.identifier(uids.get(afterIndex)));
        }
        return ColumnPosition.UNCHANGED;
    }

    /** The table options of ALTER TABLE: only charset and collation concern the column model. */
    static TableChange tableOptions(SqlNode spec) {
        Optional<String> charset = Optional.empty();
        Optional<String> collation = Optional.empty();
        for (SqlNode option : spec.all("TableOptionCharset", "TableOptionCollate")) {
            if (option.is("TableOptionCharset")) {
                charset = charset(option);
            } else {
                collation = collation(option);
            }
        }
        if (charset.isEmpty() && collation.isEmpty()) {
            return new TableChange.Unmodeled("table options");
        }
        return new TableChange.SetTableOptions(charset.orElse(null), collation.orElse(null));
    }

    static Optional<String> charset(SqlNode node) {
        return node.find("CharsetName").map(Definitions::lower);
    }

    static Optional<String> collation(SqlNode node) {
        return node.find("CollationName").map(Definitions::lower);
    }

    /** A specification's leading keywords (at most three), e.g. {@code ADD PARTITION}, for {@link TableChange.Unmodeled}. */
    static String words(SqlNode spec) {
        List<String> words = new ArrayList<>(3);
        for (SqlNode t : spec.tokens()) {
            if (words.size() == 3 || !t.kind().equals(t.upperText())) {
                break; // identifiers, literals and punctuation end the keywords
            }
            words.add(t.upperText());
        }
        return String.join(" ", words);
    }
}
