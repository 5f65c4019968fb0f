package io.godwit.core.config;

import java.time.Duration;

/**
 * One entry of {@code syncers} (or an instance's inline {@code syncer}): how the sync unit applies the
 * binlog. {@code safeModeDuration} is already resolved (DM's default: twice the checkpoint flush
 * interval). {@code enableAnsiQuotes} is always false in a valid config (not supported yet).
 */
public record SyncerConfig(int workerCount, int batch, int queueSize, int checkpointFlushIntervalSeconds,
                           boolean compact, boolean multipleRows, boolean safeMode, Duration safeModeDuration,
                           boolean enableAnsiQuotes) {
    public SyncerConfig {
        safeModeDuration = safeModeDuration == null ? Duration.ofSeconds(2L * checkpointFlushIntervalSeconds) : safeModeDuration;
    }

    public Duration checkpointFlushInterval() { return Duration.ofSeconds(checkpointFlushIntervalSeconds); }

    public SyncerConfig withWorkerCount(int n) {
        return new SyncerConfig(n, batch, queueSize, checkpointFlushIntervalSeconds, compact, multipleRows, safeMode,
                safeModeDuration, enableAnsiQuotes);
    }
}
