package io.godwit.loader;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.ChunkSpec;
import io.godwit.core.model.RowSink;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;

/**
 * One data file of a dump directory ({@code {db}.{tbl}.{n}.sql}, optionally {@code .gz}): one chunk,
 * whose rows it streams as row literals. Files must be UTF-8 (dumpling writes utf8mb4 data as
 * such); a byte sequence that is not UTF-8 fails the chunk instead of being altered.
 */
public final class DumpDataFile implements RowSource {
    private final Path path;
    private final ChunkSpec chunk;
    private final Supplier<List<String>> tableColumns;
    private volatile List<String> namedColumns;

    DumpDataFile(Path path, ChunkSpec chunk, Supplier<List<String>> tableColumns) {
        this.path = path;
        this.chunk = chunk;
        this.tableColumns = tableColumns;
    }

    public Path path() { return path; }

    public ChunkSpec chunk() { return chunk; }

    /**
     * The columns the file's rows fill: those its INSERT statements name, else the table's data
     * columns from its CREATE TABLE statement.
     */
    public List<String> columns() {
        List<String> named = namedColumns;
        if (named == null) {
            try (InsertValuesReader r = open()) {
                r.next();
                named = r.columns() == null ? List.of() : r.columns();
            } catch (IOException e) {
                throw readError(e);
            }
            namedColumns = named;
        }
        return named.isEmpty() ? tableColumns.get() : named;
    }

    @Override public void forEach(RowSink sink) throws Exception {
        try (InsertValuesReader r = open()) {
            String row;
            while ((row = r.next()) != null) {
                sink.accept(row);
            }
        } catch (IOException e) {
            throw readError(e);
        }
    }

    private InsertValuesReader open() throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        if (path.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new InsertValuesReader(new InputStreamReader(in, decoder), path.getFileName().toString());
    }

    private GodwitException readError(IOException e) {
        String why = e instanceof CharacterCodingException ? "is not valid UTF-8" : "cannot be read: " + e.getMessage();
        return new GodwitException(ErrorCode.DUMP_FILES, "dump file " + path + " " + why, e);
    }

    @Override public String toString() {
        return path.getFileName() + " (" + chunk.name() + ")";
    }
}
