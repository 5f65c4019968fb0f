package io.godwit.binlog.schema;

import io.godwit.binlog.ddl.IndexDefinition.KeyPart;
import io.godwit.core.model.TableId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The DDL corpus under {@code src/test/resources/ddl-corpus}: its file format, and the one text
 * form in which both the tracker's model and a real server's catalog are compared.
 *
 * <p>File format (see the README beside the files). An entry is zero or more directive lines
 * starting with {@code @}, then the statement on one or more lines, then a line {@code ;;}.
 * Lines starting with {@code #} before an entry's statement are comments. Directives:
 * <pre>
 * &#64;use DB                 current database for this and later entries of the file (default src)
 * &#64;expect changes N       DDL, split into N single changes
 * &#64;expect ignored KIND    skipped on purpose, e.g. KIND = GRANT or CREATE VIEW
 * &#64;expect unsupported KIND cannot be replicated (CREATE TABLE ... SELECT)
 * &#64;expect error           no grammar accepts it
 * &#64;expect mismatch        parsed, but it does not fit the tracked schema
 * &#64;split TEXT             the next single change's statement text, before routing
 * &#64;routed TEXT            the next single change's text routed src -&gt; dst, t -&gt; t_merged
 * &#64;split+ / &#64;routed+ TEXT  one more line of the previous &#64;split / &#64;routed text
 * &#64;columns DB.T = COLS    the tracked columns afterwards (format: {@link #columns})
 * &#64;keys DB.T = KEYS       the tracked indexes afterwards (format: {@link #keys})
 * &#64;absent DB.T            the table is not tracked afterwards
 * &#64;no-server REASON       not run on the MariaDB server of CorpusServerIT
 * &#64;dialect mysql8         (anywhere in a file) the file is modelled as MySQL 8, not MariaDB
 * </pre>
 */
final class Corpus {
    static final List<String> FILES = List.of("01-create.sql", "02-alter-columns.sql", "03-alter-keys.sql",
            "04-alter-options.sql", "05-tables-databases.sql", "06-mariadb.sql", "07-mysql8.sql",
            "08-comments-quoting.sql", "09-ignored.sql");

    enum Outcome { CHANGES, IGNORED, UNSUPPORTED, ERROR, MISMATCH }

    /** A corpus file: the dialect its tracker models, and its entries in order. */
    record File(String name, SourceDialect dialect, List<Entry> entries) {}

    record Entry(String file, int line, String use, String sql, Outcome outcome, String outcomeArg,
                 List<String> splits, List<String> routed, Map<TableId, String> columns, Map<TableId, String> keys,
                 List<TableId> absent, String noServer) {
        String label() {
            String oneLine = sql.replaceAll("\\s+", " ");
            return file + ":" + line + " " + (oneLine.length() > 90 ? oneLine.substring(0, 90) + "..." : oneLine);
        }
    }

    /** The route of the corpus expectations: database src becomes dst, every table t becomes t_merged. */
    static final UnaryOperator<TableId> ROUTE = id -> TableId.of(id.schema().equals("src") ? "dst" : id.schema(),
            id.table().equals("t") ? "t_merged" : id.table());

    private Corpus() {}

    static File load(String file) {
        SourceDialect[] dialect = {SourceDialect.mariaDb("utf8mb4")};
        List<Entry> entries = read(file, dialect);
        return new File(file, dialect[0], entries);
    }

    private static List<Entry> read(String file, SourceDialect[] dialect) {
        String text;
        try (InputStream in = Corpus.class.getResourceAsStream("/ddl-corpus/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing corpus file " + file);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Entry> entries = new ArrayList<>();
        String use = "src";
        Builder b = new Builder();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (b.sql.isEmpty() && (line.startsWith("#") || line.isBlank())) {
                continue;
            }
            if (b.sql.isEmpty() && line.startsWith("@dialect ")) {
                String name = line.substring("@dialect ".length()).trim();
                if (!name.equals("mysql8")) {
                    throw new IllegalStateException(file + ":" + (i + 1) + ": unknown dialect " + name);
                }
                dialect[0] = SourceDialect.mysql8("utf8mb4");
                continue;
            }
            if (b.sql.isEmpty() && line.startsWith("@")) {
                if (b.line == 0) {
                    b.line = i + 1;
                }
                use = b.directive(line.substring(1), use, file, i + 1);
                continue;
            }
            if (line.equals(";;")) {
                if (b.outcome == null) {
                    throw new IllegalStateException(file + ":" + (i + 1) + ": entry without @expect");
                }
                String sql = String.join("\n", b.sql);
                entries.add(new Entry(file, b.line == 0 ? i + 1 - b.sql.size() : b.line, use, sql, b.outcome,
                        b.outcomeArg, b.splits, b.routed, b.columns, b.keys, b.absent, b.noServer));
                b = new Builder();
                continue;
            }
            if (b.line == 0) {
                b.line = i + 1;
            }
            b.sql.add(line);
        }
        if (!b.sql.isEmpty()) {
            throw new IllegalStateException(file + ": last entry has no ;; line");
        }
        return entries;
    }

    private static final class Builder {
        int line;
        Outcome outcome;
        String outcomeArg;
        String noServer;
        final List<String> sql = new ArrayList<>();
        final List<String> splits = new ArrayList<>();
        final List<String> routed = new ArrayList<>();
        final Map<TableId, String> columns = new LinkedHashMap<>();
        final Map<TableId, String> keys = new LinkedHashMap<>();
        final List<TableId> absent = new ArrayList<>();

        /** Reads one directive; returns the database in use afterwards. */
        String directive(String d, String use, String file, int lineNo) {
            int space = d.indexOf(' ');
            String name = space < 0 ? d : d.substring(0, space);
            String arg = space < 0 ? "" : d.substring(space + 1);
            switch (name) {
                case "use" -> {
                    return arg.trim();
                }
                case "expect" -> {
                    String[] parts = arg.split(" ", 2);
                    outcome = Outcome.valueOf(parts[0].toUpperCase(java.util.Locale.ROOT));
                    outcomeArg = parts.length > 1 ? parts[1] : null;
                }
                case "split" -> splits.add(arg);
                case "split+" -> splits.set(splits.size() - 1, splits.get(splits.size() - 1) + "\n" + arg);
                case "routed" -> routed.add(arg);
                case "routed+" -> routed.set(routed.size() - 1, routed.get(routed.size() - 1) + "\n" + arg);
                case "columns" -> columns.put(table(arg.substring(0, arg.indexOf(" = "))), arg.substring(arg.indexOf(" = ") + 3));
                case "keys" -> keys.put(table(arg.substring(0, arg.indexOf(" = "))), arg.substring(arg.indexOf(" = ") + 3));
                case "absent" -> absent.add(table(arg.trim()));
                case "no-server" -> noServer = arg;
                default -> throw new IllegalStateException(file + ":" + lineNo + ": unknown directive @" + name);
            }
            return use;
        }

        private static TableId table(String dotted) {
            int dot = dotted.indexOf('.');
            return TableId.of(dotted.substring(0, dot).trim(), dotted.substring(dot + 1).trim());
        }
    }

    // ---- the compared text forms

    /** One column as {@code name column_type NULL|NOT NULL [charset] [GENERATED]}, plus {@code {data_type}} when it is not column_type's head. */
    static String column(String name, String dataType, String columnType, boolean nullable, String charset,
                         boolean generated) {
        StringBuilder b = new StringBuilder(name(name)).append(' ').append(columnType);
        String head = columnType.split("[( ]", 2)[0];
        if (!head.equals(dataType)) {
            b.append(" {").append(dataType).append('}');
        }
        b.append(nullable ? " NULL" : " NOT NULL");
        if (charset != null) {
            b.append(' ').append(charset);
        }
        if (generated) {
            b.append(" GENERATED");
        }
        return b.toString();
    }

    /** The tracked columns in the corpus' text form, joined with {@code " | "}. */
    static String columns(TrackedTable t) {
        List<String> out = new ArrayList<>();
        for (TrackedColumn c : t.columns()) {
            out.add(column(c.name(), c.dataType(), c.columnType(), c.nullable(), c.charset(), c.generated()));
        }
        return String.join(" | ", out);
    }

    /** One index as {@code KIND name(part,...)[ INVISIBLE]}; a part is {@code column[(length)][ DESC]} or its expression. */
    static String index(String kind, String name, List<String> parts, boolean invisible) {
        return kind + (kind.equals("PRIMARY") ? "" : " " + name(name)) + "(" + String.join(",", parts) + ")"
                + (invisible ? " INVISIBLE" : "");
    }

    static String part(String column, Integer length, boolean descending) {
        return name(column) + (length != null ? "(" + length + ")" : "") + (descending ? " DESC" : "");
    }

    /** The tracked indexes in the server's order, in the corpus' text form, joined with {@code " | "}. */
    static String keys(TrackedTable t) {
        List<String> out = new ArrayList<>();
        for (TrackedIndex i : t.indexes()) {
            List<String> parts = new ArrayList<>();
            for (KeyPart p : i.parts()) {
                parts.add(p.column() != null ? part(p.column(), p.length(), p.descending()) : p.expression());
            }
            out.add(index(i.kind().name(), i.name(), parts, i.invisible()));
        }
        return String.join(" | ", out);
    }

    private static String name(String n) {
        return n.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_') ? n : TableId.quote(n);
    }
}
