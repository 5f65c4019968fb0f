package io.godwit.binlog.ddl;

import io.godwit.binlog.ddl.ColumnDefinition.InlineKey;
import io.godwit.binlog.ddl.IndexDefinition.KeyPart;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads column, type and index definitions out of parse-tree nodes of either grammar. */
final class Definitions {
    /** Type keywords that are another type's synonym. */
    private static final Map<String, String> SYNONYMS = Map.ofEntries(
            Map.entry("INTEGER", "INT"), Map.entry("INT4", "INT"), Map.entry("INT1", "TINYINT"),
            Map.entry("INT2", "SMALLINT"), Map.entry("INT3", "MEDIUMINT"), Map.entry("MIDDLEINT", "MEDIUMINT"),
            Map.entry("INT8", "BIGINT"), Map.entry("DEC", "DECIMAL"), Map.entry("FIXED", "DECIMAL"),
            Map.entry("NUMERIC", "DECIMAL"), Map.entry("FLOAT4", "FLOAT"), Map.entry("FLOAT8", "DOUBLE"),
            Map.entry("REAL", "DOUBLE"), Map.entry("BOOL", "BOOLEAN"), Map.entry("CHARACTER", "CHAR"),
            Map.entry("GEOMCOLLECTION", "GEOMETRYCOLLECTION"));

    private Definitions() {}

    /** A column from its name and {@code columnDefinition} node. */
    static ColumnDefinition column(String name, SqlNode definition) {
        SqlNode typeNode = definition.children().get(0);
        ColumnDefinition.Type type = type(typeNode);
        Boolean nullable = null;
        String defaultValue = null;
        boolean autoIncrement = false;
        String onUpdate = null;
        String generation = null;
        boolean stored = false;
        boolean invisible = false;
        String comment = null;
        InlineKey key = InlineKey.NONE;
        for (SqlNode c : definition.children().subList(1, definition.children().size())) {
            switch (c.kind()) {
                case "NullColumnConstraint" -> nullable = !c.find("NOT").isPresent();
                case "DefaultColumnConstraint" -> {
                    SqlNode value = c.child("DefaultValue").orElseThrow();
                    List<SqlNode> timestamps = value.all("CurrentTimestamp");
                    if (value.has("ON") && timestamps.size() == 2) {
                        // DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP read as one default value
                        defaultValue = timestamps.get(0).text();
                        onUpdate = timestamps.get(1).text();
                    } else {
                        defaultValue = value.text();
                    }
                }
                case "VisibilityColumnConstraint" -> invisible = false;
                case "InvisibilityColumnConstraint" -> invisible = true;
                case "AutoIncrementColumnConstraint" -> {
                    if (c.has("AUTO_INCREMENT")) {
                        autoIncrement = true;
                    } else {
                        onUpdate = c.child("CurrentTimestamp").map(SqlNode::text).orElse(onUpdate);
                    }
                }
                case "PrimaryKeyColumnConstraint" -> key = InlineKey.PRIMARY;
                case "UniqueKeyColumnConstraint" -> key = key == InlineKey.PRIMARY ? key : InlineKey.UNIQUE;
                case "CommentColumnConstraint" -> comment = c.child("STRING_LITERAL").map(SqlNode::text).orElse(null);
                case "CollateColumnConstraint" -> type = type.withCollation(lower(c.child("CollationName").orElseThrow()));
                case "GeneratedColumnConstraint" -> {
                    generation = bracketed(c);
                    stored = c.has("STORED", "PERSISTENT");
                }
                case "SerialDefaultColumnConstraint" -> {
                    nullable = false;
                    autoIncrement = true;
                    key = key == InlineKey.PRIMARY ? key : InlineKey.UNIQUE;
                }
                default -> { } // CHECK, REFERENCES (ignored by the server inline), storage and format hints
            }
        }
        return new ColumnDefinition(name, type, nullable, defaultValue, autoIncrement, onUpdate, generation, stored,
                invisible, comment, key);
    }

    /** The text from a node's first {@code (} to its last {@code )}, both included. */
    private static String bracketed(SqlNode node) {
        List<SqlNode> tokens = node.tokens();
        int open = -1;
        int close = -1;
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).is("LR_BRACKET") && open < 0) {
                open = tokens.get(i).start();
            }
            if (tokens.get(i).is("RR_BRACKET")) {
                close = tokens.get(i).stop();
            }
        }
        String all = node.text();
        return all.substring(open - node.start(), close - node.start());
    }

    /** A {@code dataType} node. */
    static ColumnDefinition.Type type(SqlNode node) {
        List<SqlNode> tokens = node.tokens();
        List<String> words = new ArrayList<>();
        for (SqlNode t : tokens) {
            if (t.is("LR_BRACKET")) {
                break;
            }
            words.add(t.upperText());
        }
        boolean national = false;
        String name = words.get(0);
        String second = words.size() > 1 ? words.get(1) : "";
        switch (name) {
            case "NATIONAL" -> {
                national = true;
                name = second.equals("VARCHAR") || words.contains("VARYING") ? "VARCHAR" : "CHAR";
            }
            case "NCHAR" -> {
                national = true;
                name = second.equals("VARCHAR") || words.contains("VARYING") ? "VARCHAR" : "CHAR";
            }
            case "NVARCHAR" -> {
                national = true;
                name = "VARCHAR";
            }
            case "CHAR", "CHARACTER" -> name = words.contains("VARYING") ? "VARCHAR" : "CHAR";
            case "LONG" -> name = second.equals("VARBINARY") ? "MEDIUMBLOB" : "MEDIUMTEXT";
            default -> name = SYNONYMS.getOrDefault(name, name);
        }
        List<String> lengths = new ArrayList<>();
        for (SqlNode dim : node.findAll("LengthOneDimension", "LengthTwoDimension", "LengthTwoOptionalDimension")) {
            dim.findAll("DecimalLiteral").forEach(d -> lengths.add(d.text()));
        }
        List<String> values = new ArrayList<>();
        node.find("CollectionOptions").ifPresent(opts -> opts.tokens().stream()
                .filter(t -> t.is("STRING_LITERAL")).forEach(t -> values.add(t.text())));
        boolean unsigned = tokens.stream().anyMatch(t -> t.is("UNSIGNED"));
        boolean zerofill = tokens.stream().anyMatch(t -> t.is("ZEROFILL"));
        // BINARY after the type keyword is the attribute (CHAR(3) BINARY); as the first word it is the type.
        boolean binary = node.children().stream().skip(1).anyMatch(c -> c.is("BINARY"));
        String charset = node.find("CharsetName").map(Definitions::lower).orElse(null);
        String collation = node.find("CollationName").map(Definitions::lower).orElse(null);
        return new ColumnDefinition.Type(name, lengths, values, unsigned || zerofill, zerofill, binary, national,
                charset, collation);
    }

    /**
     * An index, key or foreign key from any node that defines one (table constraints, index
     * declarations, ALTER TABLE ADD ..., CREATE INDEX); empty for a CHECK constraint.
     */
    static Optional<IndexDefinition> index(SqlNode node) {
        IndexDefinition.Kind kind;
        String name;
        switch (node.kind()) {
            case "PrimaryKeyTableConstraint", "AlterByAddPrimaryKey", "AlterByNotExistingPrimaryKey" -> {
                kind = IndexDefinition.Kind.PRIMARY;
                name = "PRIMARY";
            }
            case "UniqueKeyTableConstraint", "AlterByAddUniqueKey" -> {
                kind = IndexDefinition.Kind.UNIQUE;
                // An index name after UNIQUE [INDEX|KEY] wins over the constraint's name.
                name = node.childAfter("UNIQUE", "Uid").or(() -> node.childBefore("UNIQUE", "Uid"))
                        .map(Names::identifier).orElse(null);
            }
            case "ForeignKeyTableConstraint", "AlterByAddForeignKey" -> {
                kind = IndexDefinition.Kind.FOREIGN;
                // The implicit index is named by the constraint, else by the FOREIGN KEY index name.
                name = node.childBefore("FOREIGN", "Uid").or(() -> node.childAfter("KEY", "Uid"))
                        .map(Names::identifier).orElse(null);
            }
            case "SimpleIndexDeclaration", "AlterByAddIndex" -> {
                kind = IndexDefinition.Kind.INDEX;
                name = node.child("Uid").map(Names::identifier).orElse(null);
            }
            case "SpecialIndexDeclaration", "AlterByAddSpecialIndex" -> {
                kind = node.has("FULLTEXT") ? IndexDefinition.Kind.FULLTEXT : IndexDefinition.Kind.SPATIAL;
                name = node.child("Uid").map(Names::identifier).orElse(null);
            }
            case "CreateIndex" -> {
                kind = node.has("UNIQUE") ? IndexDefinition.Kind.UNIQUE
                        : node.has("FULLTEXT") ? IndexDefinition.Kind.FULLTEXT
                        : node.has("SPATIAL") ? IndexDefinition.Kind.SPATIAL : IndexDefinition.Kind.INDEX;
                name = node.child("Uid").map(Names::identifier).orElse(null);
            }
            default -> {
                return Optional.empty();
            }
        }
        List<KeyPart> parts = keyParts(node.child("IndexColumnNames").orElseThrow());
        boolean invisible = false;
        for (SqlNode option : node.all("IndexOption")) {
            if (option.has("INVISIBLE") || option.has("IGNORED") && !option.has("NOT")) {
                invisible = true;
            } else if (option.has("VISIBLE") || option.has("IGNORED")) {
                invisible = false;
            }
        }
        return Optional.of(new IndexDefinition(name, kind, parts, invisible));
    }

    private static List<KeyPart> keyParts(SqlNode indexColumnNames) {
        List<KeyPart> parts = new ArrayList<>();
        for (SqlNode part : indexColumnNames.all("IndexColumnName")) {
            boolean desc = part.has("DESC");
            Optional<SqlNode> column = part.child("Uid", "STRING_LITERAL");
            if (column.isPresent()) {
                Integer length = part.child("DecimalLiteral").map(d -> Integer.valueOf(d.text())).orElse(null);
                parts.add(new KeyPart(Names.identifier(column.get()), null, length, desc));
            } else {
                SqlNode expression = part.children().get(0);
                parts.add(new KeyPart(null, expression.text(), null, desc));
            }
        }
        return parts;
    }

    /** A charset or collation name node, unquoted and lower case as the server reports them. */
    static String lower(SqlNode node) {
        return Names.unquote(node.text()).toLowerCase(Locale.ROOT);
    }
}
