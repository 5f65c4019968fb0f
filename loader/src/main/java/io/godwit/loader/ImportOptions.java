package io.godwit.loader;

import io.godwit.core.config.LoaderConfig.OnDuplicate;
import java.time.Duration;

/**
 * How {@link ChunkImporter} writes.
 *
 * @param maxStatementBytes upper bound of one multi-row statement; the target's max_allowed_packet caps it further
 * @param maxAttempts       tries of one chunk when the target fails transiently (deadlock, lock wait, lost connection)
 * @param firstBackoff      wait before the second try; doubles up to {@code maxBackoff}
 * @param localInfile       load rows that have a text form with {@code LOAD DATA LOCAL}: only when the
 *                          target accepts it inside a transaction (see {@link LocalInfileLoad}) and the
 *                          pool's driver allows it ({@code Databases.PoolFeature.LOCAL_INFILE})
 */
public record ImportOptions(OnDuplicate onDuplicate, int maxStatementBytes, int maxAttempts,
                            Duration firstBackoff, Duration maxBackoff, boolean localInfile) {
    public static final int DEFAULT_STATEMENT_BYTES = 1 << 20;

    public ImportOptions {
        if (maxStatementBytes < 1024 || maxAttempts < 1 || firstBackoff.isNegative() || maxBackoff.compareTo(firstBackoff) < 0) {
            throw new IllegalArgumentException("invalid import options: " + maxStatementBytes + " bytes, "
                    + maxAttempts + " attempts, backoff " + firstBackoff + ".." + maxBackoff);
        }
    }

    public static ImportOptions defaults(OnDuplicate onDuplicate) {
        return new ImportOptions(onDuplicate, DEFAULT_STATEMENT_BYTES, 6, Duration.ofMillis(250), Duration.ofSeconds(8), false);
    }

    public ImportOptions withLocalInfile(boolean on) {
        return new ImportOptions(onDuplicate, maxStatementBytes, maxAttempts, firstBackoff, maxBackoff, on);
    }
}
