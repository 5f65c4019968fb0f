package io.godwit.dumper;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.ChunkSpec;
import io.godwit.core.model.ColumnInfo;
import io.godwit.core.model.TableId;
import io.godwit.core.model.TableInfo;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Writes a snapshot as dumpling writes it ({@code task-mode: dump}); see {@link DumpLayout} for
 * the names. Every file is written under {@code <name>.tmp}, flushed to disk and then renamed, so
 * a killed dump never leaves a partial file under a final name; the metadata file comes last and
 * so marks a complete dump.
 */
public final class DumpFileWriter {
    /** Statements are cut at about 1 MiB, like dumpling's default statement size. */
    public static final int DEFAULT_STATEMENT_SIZE = 1 << 20;

    /** What {@link #dumpAll} wrote. */
    public record Summary(BinlogLocation point, int tables, int dataFiles, long rows, long bytes) {}

    private final Path dir;
    private final int statementSize;

    public DumpFileWriter(Path dir) {
        this(dir, DEFAULT_STATEMENT_SIZE);
    }

    public DumpFileWriter(Path dir, int statementSize) {
        this.dir = dir;
        this.statementSize = statementSize;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new GodwitException(ErrorCode.DUMP_FILES, "cannot create dump directory " + dir + ": " + e.getMessage(), e);
        }
    }

    public Path directory() { return dir; }

    /** {@code {db}-schema-create.sql}. */
    public Path writeSchemaCreate(String schema, String createDatabaseSql) {
        return writeText(DumpLayout.schemaCreateFile(schema), DumpLayout.schemaFile(createDatabaseSql));
    }

    /** {@code {db}.{tbl}-schema.sql}. */
    public Path writeTableSchema(TableInfo t) {
        return writeText(DumpLayout.tableSchemaFile(t.id()), DumpLayout.schemaFile(t.createTableSql()));
    }

    /** {@code metadata}, with the consistent point as {@code Log}, {@code Pos} and {@code GTID}. */
    public Path writeMetadata(BinlogLocation point, LocalDateTime started, LocalDateTime finished) {
        return writeText(DumpLayout.METADATA, DumpLayout.metadata(point, started, finished));
    }

    /** The consistent point recorded in a dump directory's metadata file. */
    public static BinlogLocation readMetadata(Path dir) {
        try {
            return DumpLayout.parsePoint(Files.readString(dir.resolve(DumpLayout.METADATA), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new GodwitException(ErrorCode.DUMP_FILES, "cannot read " + dir.resolve(DumpLayout.METADATA)
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * Streams chunk {@code c} into {@code {db}.{tbl}.{c.index:09d}.sql}. Like dumpling, an empty
     * chunk leaves no file.
     *
     * @return rows written
     */
    public long writeChunk(SnapshotDumper dumper, TableInfo t, ChunkSpec c) {
        String name = DumpLayout.dataFile(t.id(), c.index());
        Path tmp = dir.resolve(name + ".tmp");
        long rows;
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
             Writer w = new BufferedWriter(Channels.newWriter(ch, StandardCharsets.UTF_8), 1 << 16)) {
            w.write(DumpLayout.SET_NAMES);
            InsertStatementWriter statements = new InsertStatementWriter(w, insertPrefix(t), statementSize, name);
            rows = dumper.streamChunk(t, c, statements);
            statements.finish();
            w.flush();
            ch.force(true);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new GodwitException(ErrorCode.DUMP_FILES, "writing " + dir.resolve(name) + " failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
        if (rows == 0) {
            deleteQuietly(tmp);
            deleteQuietly(dir.resolve(name)); // a file of an earlier run into the same directory
        } else {
            publish(tmp, dir.resolve(name));
        }
        return rows;
    }

    /**
     * The whole dump: schema files, every chunk of every table {@code include} accepts (streamed on
     * the dumper's threads), then the metadata file.
     */
    public Summary dumpAll(SnapshotDumper dumper, Predicate<TableId> include, long rowsPerChunk) {
        LocalDateTime started = LocalDateTime.now();
        List<TableInfo> tables = dumper.tables(include);
        Set<String> schemas = new LinkedHashSet<>();
        tables.forEach(t -> schemas.add(t.id().schema()));
        for (String schema : schemas) {
            writeSchemaCreate(schema, dumper.createDatabaseSql(schema));
        }
        AtomicInteger threadNo = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(dumper.threads(), r -> {
            Thread th = new Thread(r, "dump-writer-" + threadNo.incrementAndGet());
            th.setDaemon(true);
            return th;
        });
        List<Future<Long>> results = new ArrayList<>();
        AtomicInteger files = new AtomicInteger();
        try {
            for (TableInfo t : tables) {
                writeTableSchema(t);
                for (ChunkSpec c : dumper.split(t, rowsPerChunk)) {
                    results.add(pool.submit(() -> {
                        long n = writeChunk(dumper, t, c);
                        if (n > 0) {
                            files.incrementAndGet();
                        }
                        return n;
                    }));
                }
            }
            long rows = 0;
            for (Future<Long> f : results) {
                rows += f.get();
            }
            writeMetadata(dumper.consistentPoint(), started, LocalDateTime.now());
            Set<TableId> ids = tables.stream().map(TableInfo::id).collect(Collectors.toSet());
            long bytes = dumper.progress().stream().filter(p -> ids.contains(p.table())).mapToLong(TableProgress::bytes).sum();
            return new Summary(dumper.consistentPoint(), tables.size(), files.get(), rows, bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GodwitException(ErrorCode.INTERRUPTED, "the dump into " + dir + " was interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof GodwitException g) {
                throw g;
            }
            throw new GodwitException(ErrorCode.DUMP_FAILED, "dumping into " + dir + " failed: " + cause, cause);
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@code INSERT INTO `t` VALUES}, with the column list when generated columns are left out (as dumpling). */
    static String insertPrefix(TableInfo t) {
        List<ColumnInfo> data = t.dataColumns();
        String columns = data.size() == t.columns().size() ? ""
                : " (" + data.stream().map(ColumnInfo::quotedName).collect(Collectors.joining(",")) + ")";
        return "INSERT INTO " + TableId.quote(t.id().table()) + columns + " VALUES\n";
    }

    private Path writeText(String name, String content) {
        Path tmp = dir.resolve(name + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = StandardCharsets.UTF_8.encode(content);
            while (bytes.hasRemaining()) {
                ch.write(bytes);
            }
            ch.force(true);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new GodwitException(ErrorCode.DUMP_FILES, "writing " + dir.resolve(name) + " failed: " + e.getMessage(), e);
        }
        return publish(tmp, dir.resolve(name));
    }

    private static Path publish(Path tmp, Path target) {
        try {
            return Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new GodwitException(ErrorCode.DUMP_FILES, "renaming " + tmp + " to " + target.getFileName()
                    + " failed: " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: a leftover .tmp file is never read as part of the dump
        }
    }
}
