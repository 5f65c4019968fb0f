package io.godwit.loader;

import io.godwit.core.model.RowSink;

/**
 * The rows of one chunk, streamed into a sink: from the source database or from a dump file.
 * {@link #forEach} streams the chunk from its start each time it is called; the importer calls it
 * again when it retries the chunk after a transient target error.
 */
@FunctionalInterface
public interface RowSource {
    void forEach(RowSink sink) throws Exception;
}
