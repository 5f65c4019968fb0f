package io.godwit.binlog.stream;

import com.github.shyiko.mysql.binlog.event.EventData;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.BinlogLocation;

/** What the socket thread hands to the consumer: an event still in library form, or the stream's end. */
sealed interface QueueItem {

    /**
     * An event placed by {@link PositionTracker}, not yet decoded.
     *
     * @param data            the library's event data (rows still signed, strings still bytes)
     * @param timestampMillis the source's event time, epoch milliseconds
     */
    record RawEvent(EventKind kind, EventData data, long timestampMillis, BinlogLocation at, BinlogLocation next,
                    String problem) implements QueueItem {}

    /** The stream ended with {@code error}; nothing follows. */
    record Stopped(GodwitException error) implements QueueItem {}
}
