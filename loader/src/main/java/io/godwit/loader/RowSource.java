package io.godwit.loader;

import io.godwit.core.model.RowBytesSink;
import io.godwit.core.model.RowSink;
import java.nio.charset.StandardCharsets;

/**
 * The rows of one chunk, streamed into a sink: from the source database or from a dump file.
 * {@link #forEach} streams the chunk from its start each time it is called; the importer calls it
 * again when it retries the chunk after a transient target error.
 */
@FunctionalInterface
public interface RowSource {
    void forEach(RowSink sink) throws Exception;

    /**
     * The same rows as the UTF-8 bytes of their literals, which is what the importer consumes. A
     * source that has the bytes anyway (the snapshot) overrides this to skip the String per row.
     */
    default void forEachBytes(RowBytesSink sink) throws Exception {
        forEach(row -> {
            byte[] b = row.getBytes(StandardCharsets.UTF_8);
            sink.accept(b, 0, b.length);
        });
    }
}
