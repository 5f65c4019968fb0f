package io.godwit.loader;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.ChunkSpec;
import io.godwit.core.model.TableId;
import io.godwit.loader.SqlLexer.Token;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * A dump directory in dumpling's layout, for {@code task-mode: load}:
 * <ul>
 *   <li>{@code metadata}: the consistent point ({@code SHOW MASTER STATUS:} Log/Pos/GTID);</li>
 *   <li>{@code {db}-schema-create.sql}: CREATE DATABASE;</li>
 *   <li>{@code {db}.{tbl}-schema.sql}: CREATE TABLE;</li>
 *   <li>{@code {db}.{tbl}.{n}.sql}: INSERT statements, one chunk per file in order of {@code n}.</li>
 * </ul>
 * Any of the {@code .sql} files may be gzip-compressed ({@code .sql.gz}); other compressions are rejected.
 * Names are escaped as dumpling does ({@code %2E} for a dot in a name, ...). Views, triggers and
 * routines ({@code -schema-view.sql}, {@code -schema-triggers.sql}, {@code -schema-post.sql}) are not
 * loaded; they are listed by {@link #otherFiles()} so the caller can report them. CSV data files are
 * rejected.
 */
public final class DumpDirectory {
    public record DumpSchema(String name, String createDatabaseSql) {}

    private final Path dir;
    private final Optional<BinlogLocation> consistentPoint;
    private final List<DumpSchema> schemas;
    private final List<DumpTable> tables;
    private final List<Path> otherFiles;

    private DumpDirectory(Path dir, Optional<BinlogLocation> point, List<DumpSchema> schemas, List<DumpTable> tables,
                          List<Path> otherFiles) {
        this.dir = dir;
        this.consistentPoint = point;
        this.schemas = schemas;
        this.tables = tables;
        this.otherFiles = otherFiles;
    }

    /** Scans {@code dir}; DUMP_FILES if it is not a readable dump directory. */
    public static DumpDirectory open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new GodwitException(ErrorCode.DUMP_FILES, "dump directory " + dir + " does not exist");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new GodwitException(ErrorCode.DUMP_FILES, "dump directory " + dir + " cannot be listed: " + e.getMessage(), e);
        }
        Optional<BinlogLocation> point = Optional.empty();
        Map<String, String> schemaSql = new TreeMap<>();
        Map<TableId, String> tableSql = new TreeMap<>();
        Map<TableId, List<NumberedFile>> data = new TreeMap<>();
        List<Path> other = new ArrayList<>();
        for (Path f : files) {
            String file = f.getFileName().toString();
            if (file.equals("metadata")) {
                point = DumpMetadata.parse(readText(f).lines().toList(), file);
                continue;
            }
            String name = file.endsWith(".gz") ? strip(file, ".gz") : file;
            if (!name.endsWith(".sql") && name.contains(".sql.")) {
                throw new GodwitException(ErrorCode.DUMP_FILES, "dump file " + f + ": only gzip compression is supported;"
                        + " decompress the dump first");
            }
            if (name.endsWith("-schema-create.sql")) {
                schemaSql.put(unescape(strip(name, "-schema-create.sql")), createStatement(f));
            } else if (name.endsWith("-schema.sql")) {
                String[] parts = strip(name, "-schema.sql").split("\\.", -1);
                if (parts.length != 2) {
                    throw new GodwitException(ErrorCode.DUMP_FILES, "dump file " + f + ": expected {db}.{table}-schema.sql");
                }
                tableSql.put(TableId.of(unescape(parts[0]), unescape(parts[1])), createStatement(f));
            } else if (name.endsWith(".csv")) {
                throw new GodwitException(ErrorCode.DUMP_FILES, "dump file " + f + ": CSV dumps are not supported; dump as SQL");
            } else if (isDataFile(name)) {
                String[] parts = strip(name, ".sql").split("\\.", -1);
                data.computeIfAbsent(TableId.of(unescape(parts[0]), unescape(parts[1])), t -> new ArrayList<>())
                        .add(new NumberedFile(parts[2], f));
            } else {
                other.add(f);
            }
        }
        for (TableId t : data.keySet()) {
            if (!tableSql.containsKey(t)) {
                throw new GodwitException(ErrorCode.DUMP_FILES, "dump directory " + dir + ": data files of " + t.quoted()
                        + " but no " + t.schema() + "." + t.table() + "-schema.sql");
            }
        }
        List<DumpTable> tables = new ArrayList<>();
        tableSql.forEach((id, sql) -> tables.add(table(id, sql, data.getOrDefault(id, List.of()))));
        tableSql.keySet().forEach(t -> schemaSql.putIfAbsent(t.schema(), ""));
        List<DumpSchema> schemas = schemaSql.entrySet().stream().map(e -> new DumpSchema(e.getKey(), e.getValue())).toList();
        return new DumpDirectory(dir, point, schemas, List.copyOf(tables), List.copyOf(other));
    }

    public Path dir() { return dir; }

    /** The binlog location the dump is consistent at; empty when the dump recorded none. */
    public Optional<BinlogLocation> consistentPoint() { return consistentPoint; }

    /** Every database with tables or a CREATE DATABASE file; {@code createDatabaseSql} is empty without the file. */
    public List<DumpSchema> schemas() { return schemas; }

    public List<DumpTable> tables() { return tables; }

    /** Files that are neither metadata, schemas, tables nor data (views, triggers, routines, ...). */
    public List<Path> otherFiles() { return otherFiles; }

    // ---- internals

    private record NumberedFile(String number, Path path) {}

    private static DumpTable table(TableId id, String createSql, List<NumberedFile> files) {
        List<NumberedFile> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.comparing((NumberedFile f) -> f.number.replaceFirst("^0+(?=.)", "").length())
                .thenComparing(f -> f.number.replaceFirst("^0+(?=.)", "")));
        List<DumpDataFile> dataFiles = new ArrayList<>();
        Supplier<List<String>> columns = () -> DdlAdapter.dataColumns(createSql);
        for (int i = 0; i < sorted.size(); i++) {
            Path p = sorted.get(i).path;
            ChunkSpec chunk = new ChunkSpec(id, i, sorted.size(), "file:" + p.getFileName());
            dataFiles.add(new DumpDataFile(p, chunk, columns));
        }
        return new DumpTable(id, createSql, dataFiles);
    }

    /** {@code {db}.{tbl}.{n}.sql} (compression suffix already stripped). */
    private static boolean isDataFile(String name) {
        if (!name.endsWith(".sql")) {
            return false;
        }
        String[] parts = strip(name, ".sql").split("\\.", -1);
        return parts.length == 3 && !parts[2].isEmpty() && parts[2].chars().allMatch(Character::isDigit);
    }

    /** The first CREATE statement of a schema file, without its {@code ;} (SET NAMES and comments around it dropped). */
    static String createStatement(Path f) {
        String text = readText(f);
        List<Token> tokens;
        try {
            tokens = SqlLexer.tokenize(text);
        } catch (IllegalArgumentException e) {
            throw new GodwitException(ErrorCode.DUMP_FILES, "dump file " + f + ": " + e.getMessage());
        }
        int start = -1;
        for (int i = 0; i <= tokens.size(); i++) {
            Token t = i < tokens.size() ? tokens.get(i) : null;
            if (t == null || t.isPunct(';')) {
                if (start >= 0) {
                    int end = tokens.get(i - 1).end();
                    return text.substring(tokens.get(start).start(), end).strip();
                }
            } else if (start < 0 && !t.isTrivia()) {
                if (t.isWord("CREATE")) {
                    start = i;
                } else {
                    // some other statement (SET NAMES ...): skip to its end
                    while (i + 1 < tokens.size() && !tokens.get(i + 1).isPunct(';')) {
                        i++;
                    }
                }
            }
        }
        throw new GodwitException(ErrorCode.DUMP_FILES, "dump file " + f + " holds no CREATE statement");
    }

    private static String strip(String name, String suffix) {
        return name.substring(0, name.length() - suffix.length());
    }

    /** Undoes dumpling's file name escaping: {@code %XX} is the character with that hex code. */
    static String unescape(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    private static String readText(Path f) {
        try (InputStream raw = Files.newInputStream(f);
             InputStream in = f.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(in.readAllBytes())).toString();
        } catch (IOException e) {
            throw new GodwitException(ErrorCode.DUMP_FILES, "dump file " + f + " cannot be read as UTF-8 text: " + e, e);
        }
    }
}
