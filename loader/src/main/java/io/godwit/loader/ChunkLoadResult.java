package io.godwit.loader;

import io.godwit.core.model.ChunkSpec;
import java.time.Duration;

/**
 * The outcome of one chunk import.
 *
 * @param skipped  the checkpoint said the chunk was loaded already; nothing was written
 * @param rows     rows committed by this call (0 when skipped)
 * @param bytes    bytes of row literals committed by this call
 * @param attempts 1 unless transient target errors forced retries
 */
public record ChunkLoadResult(ChunkSpec chunk, boolean skipped, long rows, long bytes, int attempts, Duration elapsed) {}
