package io.godwit.core.model;

/**
 * {@link RowSink} for rows as bytes: the row's literals encoded as UTF-8, in
 * {@code buf[off, off + len)}. The producer reuses {@code buf} for the next row, so a consumer
 * copies what it keeps before returning. The streaming path from a snapshot into the loader uses
 * it so that no String is built per row.
 */
@FunctionalInterface
public interface RowBytesSink {
    void accept(byte[] buf, int off, int len) throws Exception;
}
