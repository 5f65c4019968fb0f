package io.godwit.core.config;

import java.time.Duration;

/**
 * One entry of {@code validators}: DM's continuous validation of replicated rows. Only
 * {@code mode: none} is supported yet, so the other fields have no effect for now.
 */
public record ValidatorConfig(Mode mode, int workerCount, Duration validateInterval, Duration checkInterval,
                              Duration rowErrorDelay, Duration metaFlushInterval, int batchQuerySize,
                              long maxPendingRowSize, int maxPendingRowCount) {

    public enum Mode { NONE, FAST, FULL }

    /** What an instance without {@code validator-config-name} gets. */
    public static final ValidatorConfig OFF = new ValidatorConfig(Mode.NONE, 4, Duration.ofSeconds(10),
            Duration.ofSeconds(5), Duration.ofMinutes(30), Duration.ofMinutes(5), 100, 500L << 20, Integer.MAX_VALUE);
}
