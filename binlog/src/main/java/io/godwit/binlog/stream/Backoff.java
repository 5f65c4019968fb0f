package io.godwit.binlog.stream;

import java.time.Duration;

/**
 * Bounded exponential backoff between reconnect attempts: the delay doubles from the initial one
 * up to the maximum and starts over once a connection has made progress (read an event).
 */
final class Backoff {
    private final Duration initial;
    private final Duration max;
    private Duration next;

    Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
        this.next = initial;
    }

    /** The delay before the next attempt; each call doubles the one after, up to the maximum. */
    Duration nextDelay() {
        Duration d = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return d;
    }

    void reset() { next = initial; }
}
