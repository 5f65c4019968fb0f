package io.godwit.worker.sync;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import java.time.Duration;

/**
 * Bounded exponential backoff for retrying an idempotent step: {@code initial}, doubled per attempt up to
 * {@code max}, at most {@code attempts} tries in a row. A caller that made progress starts again at attempt 1.
 */
public record Backoff(Duration initial, Duration max, int attempts) {
    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), 8);

    /** Whether another try is allowed after {@code failedAttempts} failures. */
    boolean allowsRetry(int failedAttempts) {
        return failedAttempts < attempts;
    }

    /** Sleeps before try number {@code failedAttempts + 1}; keeps the interrupt flag and stops when interrupted. */
    void pause(int failedAttempts) {
        long ms = initial.toMillis() << Math.min(20, Math.max(0, failedAttempts - 1));
        try {
            Thread.sleep(Math.min(ms, max.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GodwitException(ErrorCode.INTERRUPTED, "sync stopped while waiting to retry");
        }
    }
}
