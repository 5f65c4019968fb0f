package io.godwit.binlog.stream;

import io.godwit.binlog.TableSchemas;
import io.godwit.core.db.ServerFlavor;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.event.ChangeEvent;
import java.time.Duration;
import java.util.Optional;

/**
 * A source's binlog as Godwit {@link ChangeEvent}s, in binlog order: the door of this package.
 *
 * <pre>{@code
 * try (ChangeStream changes = ChangeStream.open(config, schemas)) {
 *     while (running) {
 *         changes.next(Duration.ofSeconds(1)).ifPresent(apply);
 *     }
 * }
 * }</pre>
 *
 * <p>Reading from the source runs ahead on its own thread into a queue bounded in bytes; this
 * object decodes on the caller's thread, with the {@link TableSchemas} as of each event, and
 * applies every statement to them before returning it. Lost connections are re-opened at the last
 * transaction boundary without the caller seeing anything twice. One consumer thread only.
 */
public final class ChangeStream implements AutoCloseable {
    private final BinlogStream stream;
    private final ChangeDecoder decoder;
    private GodwitException failure;
    private boolean closed;

    private ChangeStream(BinlogStream stream, ChangeDecoder decoder) {
        this.stream = stream;
        this.decoder = decoder;
    }

    /**
     * Checks the start position on the source and starts reading.
     *
     * @throws GodwitException BINLOG_PURGED when the start file is gone (named, with the way out),
     *                         CONFIG_INVALID for a bad config, or the classified connection error
     */
    public static ChangeStream open(ChangeStreamConfig config, TableSchemas schemas) {
        BinlogStream stream = BinlogStream.open(config.binlog());
        return new ChangeStream(stream,
                new ChangeDecoder(schemas, config.tablesOfInterest(), stream.flavor(), stream.collations()));
    }

    /**
     * The next change, waiting up to {@code timeout} for one; empty when none came in that time.
     *
     * @throws GodwitException when the stream stopped: an event that cannot be decoded or
     *                         replicated, a purged binlog, a source gone for too long. The message
     *                         names the binlog position; every change before it was returned.
     *                         Later calls throw the same exception.
     */
    public Optional<ChangeEvent> next(Duration timeout) {
        if (closed) {
            throw new IllegalStateException("the change stream is closed");
        }
        if (failure != null) {
            throw failure;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                QueueItem item = stream.poll(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                if (item == null) {
                    return Optional.empty();
                }
                if (item instanceof QueueItem.Stopped stopped) {
                    throw fail(stopped.error());
                }
                ChangeEvent e = decoder.decode((QueueItem.RawEvent) item);
                if (e != null) {
                    return Optional.of(e);
                }
            }
        } catch (GodwitException e) {
            throw fail(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GodwitException(ErrorCode.INTERRUPTED, "interrupted while waiting for binlog events");
        }
    }

    /** MySQL or MariaDB, as the source reported itself. */
    public ServerFlavor flavor() { return stream.flavor(); }

    /** Row events dropped because their table is not of interest (see {@link ChangeStreamConfig}). */
    public long droppedRowEvents() { return decoder.droppedRowEvents(); }

    /** Rows in those dropped events. */
    public long droppedRows() { return decoder.droppedRows(); }

    /** Bytes of binlog events read ahead and not yet taken by {@link #next(Duration)}. */
    public long queuedBytes() { return stream.queuedBytes(); }

    @Override public void close() {
        closed = true;
        stream.close();
    }

    BinlogStream binlog() { return stream; }

    private GodwitException fail(GodwitException e) {
        failure = e;
        stream.close();
        return e;
    }
}
