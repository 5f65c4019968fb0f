package io.godwit.loader;

import io.godwit.core.db.ServerFlavor;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.TableId;
import io.godwit.loader.SqlLexer.Kind;
import io.godwit.loader.SqlLexer.Token;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a source's {@code SHOW CREATE TABLE} text into the statement that creates the routed target
 * table on a given target flavour. Works on {@link SqlLexer} tokens and edits only the spans it must
 * change (table name, dropped index lines, collation names, MariaDB-only table options, appended
 * extract columns), so everything else reaches the target byte for byte.
 *
 * <p>Rules, as DM applies them or would need to:
 * <ol>
 *   <li>The name becomes the routed, schema-qualified target name with {@code IF NOT EXISTS}, so the
 *       first shard creates the table and later shards reuse it.</li>
 *   <li>Extract columns ({@code c_table}, {@code c_source}, ...) are appended after the last column as
 *       {@code VARCHAR(255) NOT NULL DEFAULT ''}: DM requires them last and of a string type.</li>
 *   <li>TiDB: FULLTEXT and SPATIAL indexes are dropped (TiDB rejects them).</li>
 *   <li>TiDB and MySQL: MariaDB-only table options (PAGE_CHECKSUM, TRANSACTIONAL, ...) are dropped.</li>
 *   <li>Any flavour: a collation the target lacks is mapped to the closest one it has (same charset;
 *       case-insensitive ones to {@code _general_ci} first, case/accent-sensitive ones to {@code _bin}).</li>
 * </ol>
 */
public final class DdlAdapter {
    private static final Set<String> INDEX_WORDS = Set.of(
            "PRIMARY", "KEY", "INDEX", "UNIQUE", "FULLTEXT", "SPATIAL", "CONSTRAINT", "FOREIGN", "CHECK", "PERIOD", "VECTOR");
    private static final Set<String> MARIADB_ONLY_TABLE_OPTIONS = Set.of(
            "PAGE_CHECKSUM", "TRANSACTIONAL", "PAGE_COMPRESSED", "PAGE_COMPRESSION_LEVEL", "ENCRYPTED",
            "ENCRYPTION_KEY_ID", "IETF_QUOTES", "SEQUENCE");
    static final String EXTRA_COLUMN_TYPE = "VARCHAR(255) NOT NULL DEFAULT ''";

    private final TargetDialect dialect;

    public DdlAdapter(TargetDialect dialect) {
        this.dialect = dialect;
    }

    /** The CREATE TABLE statement for {@code target}; LOAD_SCHEMA_FAILED if the text is not a plain CREATE TABLE. */
    public String createTable(String sourceCreateTable, TableId target, List<String> extraColumns) {
        return adapt(sourceCreateTable, target, extraColumns, false).createTable();
    }

    /**
     * A plain secondary index of the source's CREATE TABLE that the load leaves for after the rows.
     *
     * @param definition the index line exactly as the source wrote it, e.g. {@code KEY `k_1` (`k`) COMMENT 'x'}
     */
    public record SecondaryIndex(String name, String definition) {}

    /** The target's CREATE TABLE and the secondary indexes left out of it, to add once the rows are in. */
    public record TableDdl(String createTable, List<SecondaryIndex> deferredIndexes) {
        public TableDdl {
            deferredIndexes = List.copyOf(deferredIndexes);
        }

        /** {@code ALTER TABLE target ADD KEY ..., ADD KEY ...}: one statement, so the target builds them in one pass. */
        public String addIndexes(TableId target) {
            return DdlAdapter.addIndexes(target, deferredIndexes);
        }
    }

    /**
     * {@link #createTable} without the plain non-unique secondary indexes ({@code KEY}/{@code INDEX}),
     * which InnoDB and TiDB build far cheaper in one pass after the load than row by row during it.
     * Kept in the statement: PRIMARY KEY, UNIQUE, FULLTEXT, SPATIAL, unnamed keys, and a key led by an
     * AUTO_INCREMENT column (InnoDB refuses the table without it). Nothing is deferred from a table
     * with a foreign key (its indexes may serve the constraint) or with partitions (keep it simple).
     */
    public TableDdl createTableDeferringIndexes(String sourceCreateTable, TableId target, List<String> extraColumns) {
        return adapt(sourceCreateTable, target, extraColumns, true);
    }

    private TableDdl adapt(String sourceCreateTable, TableId target, List<String> extraColumns, boolean deferIndexes) {
        String what = "creating target table " + target.quoted();
        List<Token> tokens = lex(sourceCreateTable, what);
        List<Edit> edits = new ArrayList<>();
        int nameEnd = renameTable(tokens, target, what, edits);
        Definitions defs = Definitions.find(tokens, nameEnd, what);
        Set<String> existing = new LinkedHashSet<>();
        Set<String> autoIncrement = new HashSet<>();
        int lastColumn = -1;
        for (int k = 0; k < defs.items.size(); k++) {
            int[] item = defs.items.get(k);
            Token first = tokens.get(item[0]);
            boolean isIndex = first.kind() == Kind.WORD && INDEX_WORDS.contains(first.upper());
            if (!isIndex) {
                existing.add(first.value().toLowerCase(Locale.ROOT));
                if (hasWordAtTop(tokens, item, "AUTO_INCREMENT")) {
                    autoIncrement.add(first.value().toLowerCase(Locale.ROOT));
                }
                lastColumn = k;
            } else if (dialect.flavor() == ServerFlavor.TIDB && (first.isWord("FULLTEXT") || first.isWord("SPATIAL"))) {
                edits.add(defs.removal(tokens, k));
            }
        }
        List<SecondaryIndex> deferred = new ArrayList<>();
        if (deferIndexes && !hasForeignKey(tokens, defs) && !isPartitioned(tokens, defs.close + 1)) {
            for (int k = 0; k < defs.items.size(); k++) {
                int[] item = defs.items.get(k);
                String name = plainIndexName(tokens, item[0], item[1]);
                if (name != null && !autoIncrement.contains(firstKeyColumn(tokens, item))) {
                    deferred.add(new SecondaryIndex(name, text(sourceCreateTable, tokens, item)));
                    edits.add(defs.removal(tokens, k));
                }
            }
        }
        if (!extraColumns.isEmpty()) {
            if (lastColumn < 0) {
                throw schemaError(what, "the source table has no column definitions");
            }
            StringBuilder add = new StringBuilder();
            for (String extra : extraColumns) {
                if (!existing.add(extra.toLowerCase(Locale.ROOT))) {
                    throw schemaError(what, "extract column " + TableId.quote(extra) + " already exists in the source table");
                }
                add.append(",\n  ").append(TableId.quote(extra)).append(' ').append(EXTRA_COLUMN_TYPE);
            }
            int at = tokens.get(defs.items.get(lastColumn)[1]).end();
            edits.add(new Edit(at, at, add.toString()));
        }
        mapCollations(tokens, 0, edits);
        if (dialect.flavor() != ServerFlavor.MARIADB) {
            dropMariaDbTableOptions(tokens, defs.close + 1, edits);
        }
        return new TableDdl(apply(sourceCreateTable, edits), deferred);
    }

    /** {@code ALTER TABLE target ADD <definition>, ADD <definition>, ...}. */
    static String addIndexes(TableId target, List<SecondaryIndex> indexes) {
        StringBuilder b = new StringBuilder("ALTER TABLE ").append(target.quoted());
        for (int i = 0; i < indexes.size(); i++) {
            b.append(i == 0 ? " " : ", ").append("ADD ").append(indexes.get(i).definition());
        }
        return b.toString();
    }

    /**
     * The indexes an {@link #addIndexes} statement adds, read back from its text (the load records the
     * statement before it creates the table, and a later run builds only what the target still lacks).
     */
    static List<SecondaryIndex> addedIndexes(String alterTable) {
        String what = "reading the recorded statement " + alterTable;
        List<Token> tokens = lex(alterTable, what);
        List<SecondaryIndex> out = new ArrayList<>();
        int depth = 0;
        int clause = -1;
        int last = -1;
        for (int i = 0; i <= tokens.size(); i++) {
            Token t = i < tokens.size() ? tokens.get(i) : null;
            if (t != null && t.isTrivia()) {
                continue;
            }
            boolean boundary = t == null || depth == 0 && t.isPunct(',');
            if (boundary && clause >= 0) {
                int start = next(tokens, clause + 1);
                String name = plainIndexName(tokens, start, last);
                if (name == null) {
                    throw schemaError(what, "not a list of ADD KEY clauses");
                }
                out.add(new SecondaryIndex(name, alterTable.substring(tokens.get(start).start(), tokens.get(last).end())));
                clause = -1;
                continue;
            }
            if (t == null) {
                break;
            }
            if (t.isPunct('(')) {
                depth++;
            } else if (t.isPunct(')')) {
                depth--;
            } else if (depth == 0 && clause < 0 && t.isWord("ADD")) {
                clause = i;
            }
            last = i;
        }
        return out;
    }

    /**
     * The tables {@code createTable}'s foreign keys reference; an unqualified name is in {@code schema}.
     * Such a parent keeps its indexes while loading: a child's constraint may need one of them.
     */
    public static Set<TableId> referencedTables(String createTable, String schema) {
        List<Token> tokens = lex(createTable, "reading the source's CREATE TABLE");
        Set<TableId> out = new LinkedHashSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (!tokens.get(i).isWord("REFERENCES")) {
                continue;
            }
            int name = next(tokens, i + 1);
            if (name < 0 || !tokens.get(name).isIdentifier()) {
                continue;
            }
            int dot = next(tokens, name + 1);
            int table = dot >= 0 && tokens.get(dot).isPunct('.') ? next(tokens, dot + 1) : -1;
            if (table >= 0 && tokens.get(table).isIdentifier()) {
                out.add(TableId.of(tokens.get(name).value(), tokens.get(table).value()));
            } else {
                out.add(TableId.of(schema, tokens.get(name).value()));
            }
        }
        return out;
    }

    /**
     * {@code CREATE DATABASE IF NOT EXISTS} for {@code schema}, keeping the default charset and
     * collation of the source's statement (if given) and nothing else: options such as MySQL 8's
     * {@code DEFAULT ENCRYPTION} are not portable.
     */
    public String createDatabase(String sourceCreateDatabase, String schema) {
        StringBuilder b = new StringBuilder("CREATE DATABASE IF NOT EXISTS ").append(TableId.quote(schema));
        if (sourceCreateDatabase == null || sourceCreateDatabase.isBlank()) {
            return b.toString();
        }
        List<Token> tokens = lex(sourceCreateDatabase, "creating database " + TableId.quote(schema));
        String charset = null;
        String collation = null;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            int value = -1;
            if (t.isWord("CHARSET")) {
                value = valueAfter(tokens, i + 1);
            } else if (t.isWord("CHARACTER") && next(tokens, i + 1) >= 0 && tokens.get(next(tokens, i + 1)).isWord("SET")) {
                value = valueAfter(tokens, next(tokens, i + 1) + 1);
            }
            if (value >= 0) {
                charset = tokens.get(value).value();
            }
            if (t.isWord("COLLATE") && valueAfter(tokens, i + 1) >= 0) {
                collation = mapCollation(tokens.get(valueAfter(tokens, i + 1)).value());
            }
        }
        if (charset != null) {
            b.append(" DEFAULT CHARACTER SET ").append(charset);
        }
        if (collation != null) {
            b.append(" COLLATE ").append(collation);
        }
        return b.toString();
    }

    /**
     * The data columns of a CREATE TABLE statement in order: every column except generated ones
     * ({@code GENERATED ALWAYS AS (...)}, MariaDB's {@code AS (...) VIRTUAL|PERSISTENT}).
     */
    public static List<String> dataColumns(String createTable) {
        String what = "reading the source's CREATE TABLE";
        List<Token> tokens = lex(createTable, what);
        Definitions defs = Definitions.find(tokens, Header.parse(tokens, what).nameEnd, what);
        List<String> columns = new ArrayList<>();
        for (int[] item : defs.items) {
            Token first = tokens.get(item[0]);
            if (first.kind() == Kind.WORD && INDEX_WORDS.contains(first.upper())) {
                continue;
            }
            if (!isGenerated(tokens, item)) {
                columns.add(first.value());
            }
        }
        return columns;
    }

    /** The collation to use on the target for {@code name}: itself if the target has it. */
    String mapCollation(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        Set<String> have = dialect.collations();
        if (have.isEmpty() || have.contains(lower)) {
            return name;
        }
        int us = lower.indexOf('_');
        if (us < 0) {
            return name;
        }
        String charset = lower.substring(0, us);
        boolean sensitive = lower.endsWith("_bin") || lower.endsWith("_cs");
        List<String> suffixes = sensitive ? List.of("_bin")
                : List.of("_general_ci", "_unicode_ci", "_0900_ai_ci", "_bin");
        List<String> charsets = switch (charset) {
            case "utf8mb3" -> List.of("utf8mb3", "utf8");
            case "utf8" -> List.of("utf8", "utf8mb3");
            default -> List.of(charset);
        };
        if (charsets.size() > 1) {
            String alias = charsets.get(1) + lower.substring(us);
            if (have.contains(alias)) {
                return alias;
            }
        }
        for (String suffix : suffixes) {
            for (String cs : charsets) {
                if (have.contains(cs + suffix)) {
                    return cs + suffix;
                }
            }
        }
        return name; // nothing close: let the target report it with the statement
    }

    // ---- steps

    private static List<Token> lex(String sql, String what) {
        try {
            return SqlLexer.tokenize(sql);
        } catch (IllegalArgumentException e) {
            throw schemaError(what, "cannot tokenize the source DDL: " + e.getMessage());
        }
    }

    /** Token positions of {@code CREATE [OR REPLACE] TABLE [IF NOT EXISTS] name}. */
    private record Header(int create, int replaceEnd, int tableWord, int nameEnd) {
        static Header parse(List<Token> tokens, String what) {
            int create = next(tokens, 0);
            if (create < 0 || !tokens.get(create).isWord("CREATE")) {
                throw schemaError(what, "not a CREATE TABLE statement");
            }
            int i = next(tokens, create + 1);
            int replaceEnd = -1;
            if (i >= 0 && tokens.get(i).isWord("OR")) {
                replaceEnd = next(tokens, i + 1);
                i = next(tokens, replaceEnd + 1);
            }
            if (i < 0 || !tokens.get(i).isWord("TABLE")) {
                throw schemaError(what, "not a plain CREATE TABLE statement");
            }
            int tableWord = i;
            i = next(tokens, i + 1);
            if (i >= 0 && tokens.get(i).isWord("IF")) {
                int not = next(tokens, i + 1);
                int exists = next(tokens, not + 1);
                i = next(tokens, exists + 1);
            }
            if (i < 0 || !tokens.get(i).isIdentifier()) {
                throw schemaError(what, "no table name after CREATE TABLE");
            }
            int nameEnd = i;
            int dot = next(tokens, i + 1);
            if (dot >= 0 && tokens.get(dot).isPunct('.')) {
                nameEnd = next(tokens, dot + 1);
            }
            return new Header(create, replaceEnd, tableWord, nameEnd);
        }
    }

    /** Rewrites the header to {@code CREATE TABLE IF NOT EXISTS `db`.`t`}; returns the index of the name's last token. */
    private static int renameTable(List<Token> tokens, TableId target, String what, List<Edit> edits) {
        Header h = Header.parse(tokens, what);
        if (h.replaceEnd >= 0) {
            // OR REPLACE would drop a table other shards already filled.
            edits.add(new Edit(tokens.get(h.create).end(), tokens.get(h.replaceEnd).end(), ""));
        }
        edits.add(new Edit(tokens.get(h.tableWord).end(), tokens.get(h.nameEnd).end(), " IF NOT EXISTS " + target.quoted()));
        return h.nameEnd;
    }

    private void mapCollations(List<Token> tokens, int from, List<Edit> edits) {
        for (int i = from; i < tokens.size(); i++) {
            if (tokens.get(i).isWord("COLLATE")) {
                int v = valueAfter(tokens, i + 1);
                if (v >= 0) {
                    Token value = tokens.get(v);
                    String mapped = mapCollation(value.value());
                    if (!mapped.equals(value.value())) {
                        edits.add(new Edit(value.start(), value.end(), mapped));
                    }
                }
            }
        }
    }

    private static void dropMariaDbTableOptions(List<Token> tokens, int from, List<Edit> edits) {
        for (int i = from; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.kind() == Kind.WORD && MARIADB_ONLY_TABLE_OPTIONS.contains(t.upper())) {
                int v = valueAfter(tokens, i + 1);
                if (v < 0) {
                    continue;
                }
                int start = i > 0 && tokens.get(i - 1).kind() == Kind.SPACE ? tokens.get(i - 1).start() : t.start();
                edits.add(new Edit(start, tokens.get(v).end(), ""));
                i = v;
            }
        }
    }

    private static boolean isGenerated(List<Token> tokens, int[] item) {
        int depth = 0;
        for (int i = item[0]; i <= item[1]; i++) {
            Token t = tokens.get(i);
            if (t.isPunct('(')) {
                depth++;
            } else if (t.isPunct(')')) {
                depth--;
            } else if (depth == 0 && (t.isWord("GENERATED")
                    || (t.isWord("AS") && next(tokens, i + 1) >= 0 && tokens.get(next(tokens, i + 1)).isPunct('(')))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The name of a plain, named {@code KEY}/{@code INDEX} spanning tokens {@code [from, to]}, or null
     * for any other item (a column, PRIMARY/UNIQUE/FULLTEXT/SPATIAL, an unnamed key).
     */
    private static String plainIndexName(List<Token> tokens, int from, int to) {
        Token first = tokens.get(from);
        if (!first.isWord("KEY") && !first.isWord("INDEX")) {
            return null;
        }
        int name = next(tokens, from + 1);
        if (name < 0 || name > to || !tokens.get(name).isIdentifier() || tokens.get(name).isWord("USING")) {
            return null;
        }
        return tokens.get(name).value();
    }

    /** The first column of an index item, lower case; empty when there is none. */
    private static String firstKeyColumn(List<Token> tokens, int[] item) {
        for (int i = item[0]; i <= item[1]; i++) {
            if (tokens.get(i).isPunct('(')) {
                int column = next(tokens, i + 1);
                return column >= 0 && tokens.get(column).isIdentifier()
                        ? tokens.get(column).value().toLowerCase(Locale.ROOT) : "";
            }
        }
        return "";
    }

    /** A FOREIGN KEY, or a REFERENCES clause anywhere in the definitions (column-level ones included). */
    private static boolean hasForeignKey(List<Token> tokens, Definitions defs) {
        for (int i = defs.open; i < defs.close; i++) {
            if (tokens.get(i).isWord("REFERENCES") || tokens.get(i).isWord("FOREIGN")) {
                return true;
            }
        }
        return false;
    }

    /** PARTITION BY among the table options (also inside an executable comment, which the lexer opens). */
    private static boolean isPartitioned(List<Token> tokens, int from) {
        for (int i = from; i < tokens.size(); i++) {
            if (tokens.get(i).isWord("PARTITION")) {
                return true;
            }
        }
        return false;
    }

    /** The word at parenthesis depth 0 of an item (so not inside a DEFAULT or generated expression). */
    private static boolean hasWordAtTop(List<Token> tokens, int[] item, String word) {
        int depth = 0;
        for (int i = item[0]; i <= item[1]; i++) {
            Token t = tokens.get(i);
            if (t.isPunct('(')) {
                depth++;
            } else if (t.isPunct(')')) {
                depth--;
            } else if (depth == 0 && t.isWord(word)) {
                return true;
            }
        }
        return false;
    }

    private static String text(String sql, List<Token> tokens, int[] item) {
        return sql.substring(tokens.get(item[0]).start(), tokens.get(item[1]).end());
    }

    // ---- token helpers

    /** Index of the first significant token at or after {@code i}, or -1. */
    static int next(List<Token> tokens, int i) {
        if (i < 0) {
            return -1;
        }
        for (int k = i; k < tokens.size(); k++) {
            if (!tokens.get(k).isTrivia()) {
                return k;
            }
        }
        return -1;
    }

    /** The value token of an option {@code [=] value} starting at {@code i}, or -1. */
    private static int valueAfter(List<Token> tokens, int i) {
        int v = next(tokens, i);
        if (v >= 0 && tokens.get(v).isPunct('=')) {
            v = next(tokens, v + 1);
        }
        if (v < 0) {
            return -1;
        }
        Kind k = tokens.get(v).kind();
        return k == Kind.WORD || k == Kind.QUOTED_ID || k == Kind.STRING ? v : -1;
    }

    /** @param what the task at hand, e.g. {@code creating target table `db`.`t`} */
    private static GodwitException schemaError(String what, String why) {
        return new GodwitException(ErrorCode.LOAD_SCHEMA_FAILED, what + ": " + why);
    }

    private static String apply(String sql, List<Edit> edits) {
        edits.sort(Comparator.comparingInt(Edit::start).thenComparingInt(Edit::end)); // inserts before removals at one spot
        StringBuilder b = new StringBuilder(sql.length() + 64);
        int at = 0;
        for (Edit e : edits) {
            if (e.start < at) {
                continue; // inside a span already removed (e.g. a collation in a dropped index)
            }
            b.append(sql, at, e.start).append(e.replacement);
            at = e.end;
        }
        return b.append(sql, at, sql.length()).toString();
    }

    private record Edit(int start, int end, String replacement) {}

    /** The top-level items of the parenthesised create-definition list: [first, last] significant token indexes. */
    private record Definitions(int open, int close, List<int[]> items) {
        static Definitions find(List<Token> tokens, int nameEnd, String what) {
            int open = next(tokens, nameEnd + 1);
            if (open < 0 || !tokens.get(open).isPunct('(')) {
                throw schemaError(what, "CREATE TABLE without a column list (LIKE / AS SELECT) is not supported");
            }
            List<int[]> items = new ArrayList<>();
            int depth = 0;
            int first = -1;
            int last = -1;
            for (int i = open + 1; i < tokens.size(); i++) {
                Token t = tokens.get(i);
                if (t.isTrivia()) {
                    continue;
                }
                if (depth == 0 && (t.isPunct(',') || t.isPunct(')'))) {
                    if (first >= 0) {
                        items.add(new int[] {first, last});
                    }
                    if (t.isPunct(')')) {
                        return new Definitions(open, i, items);
                    }
                    first = -1;
                    continue;
                }
                if (t.isPunct('(')) {
                    depth++;
                } else if (t.isPunct(')')) {
                    depth--;
                }
                if (first < 0) {
                    first = i;
                }
                last = i;
            }
            throw schemaError(what, "unbalanced parentheses in the column list");
        }

        /** The edit removing item {@code k} with the comma that separates it from its neighbour. */
        Edit removal(List<Token> tokens, int k) {
            int[] item = items.get(k);
            if (k > 0) {
                int prevEnd = tokens.get(items.get(k - 1)[1]).end();
                return new Edit(prevEnd, tokens.get(item[1]).end(), "");
            }
            int nextStart = k + 1 < items.size() ? tokens.get(items.get(k + 1)[0]).start() : tokens.get(item[1]).end();
            return new Edit(tokens.get(item[0]).start(), nextStart, "");
        }
    }
}
