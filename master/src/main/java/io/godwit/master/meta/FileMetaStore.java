package io.godwit.master.meta;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded meta store: the whole {@link MetaSnapshot} as one JSON file, {@code meta.json}, in
 * the master's data directory.
 *
 * <p>A save writes {@code meta.json.tmp}, forces it to disk, renames it over {@code meta.json}
 * atomically and forces the directory, so a crash at any point leaves the old or the new file
 * whole. A leftover temp file is the trace of a crash before the rename: its change was never
 * acknowledged, so it is discarded. One file for everything keeps multi-part changes (a task and
 * its subtask stages) atomic without a log; the state is a few kilobytes per task.
 */
public final class FileMetaStore implements MetaStore {
    static final String FILE_NAME = "meta.json";
    private static final String TEMP_NAME = FILE_NAME + ".tmp";
    private static final Logger LOG = LoggerFactory.getLogger(FileMetaStore.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path dir;

    /** Opens (and creates) the store in {@code dir}. */
    public FileMetaStore(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
            if (Files.deleteIfExists(dir.resolve(TEMP_NAME))) {
                LOG.warn("discarded {} in {}: a save was interrupted before it completed", TEMP_NAME, dir);
            }
        } catch (IOException e) {
            throw new GodwitException(ErrorCode.CLUSTER_META_STORE, "cannot open the meta store in " + dir
                    + ": " + e.getMessage(), e);
        }
    }

    @Override public MetaSnapshot load() {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return MetaSnapshot.EMPTY;
        }
        try {
            return JSON.readValue(file.toFile(), MetaSnapshot.class);
        } catch (IOException e) {
            throw new GodwitException(ErrorCode.CLUSTER_META_STORE, "cannot read the meta store " + file
                    + ": " + e.getMessage().replace('\n', ' '), e);
        }
    }

    @Override public void save(MetaSnapshot snapshot) {
        Path temp = dir.resolve(TEMP_NAME);
        try {
            byte[] bytes = JSON.writeValueAsBytes(snapshot);
            try (FileChannel out = openOwnerOnly(temp)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            moveAtomically(temp, dir.resolve(FILE_NAME));
            forceDirectory();
        } catch (IOException e) {
            throw new GodwitException(ErrorCode.CLUSTER_META_STORE, "cannot write the meta store in " + dir
                    + ": " + e.getMessage(), e);
        }
    }

    /** The file holds source and target passwords as the operator gave them: only the owner may read it. */
    private static FileChannel openOwnerOnly(Path file) throws IOException {
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return FileChannel.open(file, options,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        return FileChannel.open(file, options);
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + to.getParent() + " cannot rename atomically", e);
        }
    }

    /** Makes the rename itself durable; file systems that cannot open a directory skip it. */
    private void forceDirectory() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            LOG.debug("cannot fsync the directory {}: {}", dir, e.getMessage());
        }
    }
}
