package io.godwit.binlog.stream;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDataDeserializationException;
import com.github.shyiko.mysql.binlog.network.SSLMode;
import com.github.shyiko.mysql.binlog.network.SSLSocketFactory;
import com.github.shyiko.mysql.binlog.network.ServerException;
import io.godwit.binlog.stream.QueueItem.RawEvent;
import io.godwit.core.db.Endpoint;
import io.godwit.core.db.ServerFlavor;
import io.godwit.core.db.SqlErrorClassifier;
import io.godwit.core.db.TlsMaterial;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.error.RetryKind;
import io.godwit.core.model.BinlogLocation;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.cert.CertificateException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replica connection: the one class that drives the binlog library's {@link BinaryLogClient}.
 *
 * <p>Threads. One reader thread per stream runs the library's blocking {@code connect()}, which
 * calls the listeners on that same thread for every event. The listener only places the event
 * ({@link PositionTracker}) and queues it in a {@link ByteBoundedQueue}; decoding happens on the
 * consumer's thread ({@link ChangeStream}). A full queue blocks the reader, so a slow consumer
 * slows the source down instead of causing a timeout: the read timeout only runs while the
 * reader is reading.
 *
 * <p>Reconnects. The library's keep-alive reconnect would resume at the last event read, inside a
 * transaction, so it is off. After a lost connection this class reconnects itself with bounded
 * exponential backoff, always at the last transaction boundary (by GTID set when the stream
 * started by GTID, else by file and offset), and a {@link ReplayGuard} drops the re-read events
 * that were queued already. It gives up when no connection made progress for the configured time.
 * Errors that need the operator (purged binlog, access denied, an undecodable event) stop the
 * stream at once: the consumer gets every event before the error, then the error.
 */
final class BinlogStream implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BinlogStream.class);
    /** The config block of the source's TLS files, for messages. */
    private static final String SOURCE_SECURITY = Endpoint.SOURCE.configKey() + ".security";

    private final BinlogStreamConfig config;
    private final SourceProbe.Result source;
    private final ByteBoundedQueue<QueueItem> queue;
    private final PositionTracker tracker;
    private final Backoff backoff;
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong replayedEvents = new AtomicLong();
    private final Thread reader;
    private volatile boolean closed;
    private volatile BinaryLogClient client;

    // Reader-thread state of the current connection.
    private ReplayGuard guard = ReplayGuard.NONE;
    private GodwitException failure;
    private boolean failureFatal;
    private boolean progressed;

    private BinlogStream(BinlogStreamConfig config, SourceProbe.Result source) {
        this.config = config;
        this.source = source;
        this.queue = new ByteBoundedQueue<>(config.queueCapacityBytes());
        this.tracker = new PositionTracker(source.flavor(), source.start(), source.committed(), config.start().byGtid());
        this.backoff = new Backoff(config.reconnect().initialDelay(), config.reconnect().maxDelay());
        this.reader = new Thread(this::readLoop, "godwit-binlog-" + config.host() + ":" + config.port());
        this.reader.setDaemon(true);
    }

    /**
     * Checks the start position on the source and starts reading.
     *
     * @throws GodwitException when the source is unreachable, refuses the login, or no longer has
     *                         the start position (BINLOG_PURGED, naming the file)
     */
    static BinlogStream open(BinlogStreamConfig config) {
        BinlogStream s = new BinlogStream(config, SourceProbe.run(config));
        log.info("binlog stream from {} (server-id {}, {}) starts at {}", config.address(), config.serverId(),
                s.source.flavor(), config.start().byGtid() ? "gtid set '" + s.source.start().gtidSet() + "'" : s.source.start());
        s.reader.start();
        return s;
    }

    ServerFlavor flavor() { return source.flavor(); }

    Collations collations() { return source.collations(); }

    /** The next queued item, waiting up to {@code timeout}; null when none arrived. */
    QueueItem poll(Duration timeout) throws InterruptedException {
        return queue.poll(timeout);
    }

    long queuedBytes() { return queue.bytes(); }

    long peakQueuedBytes() { return queue.peakBytes(); }

    /** Whether the reader waits for the consumer right now (the queue is full). */
    boolean readerWaiting() { return queue.producerWaiting(); }

    /** Connections opened so far, the first one included. */
    long connections() { return connections.get(); }

    /** Events re-read after reconnects and dropped because they had been queued before. */
    long replayedEvents() { return replayedEvents.get(); }

    @Override public void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.close();
        reader.interrupt();
        abort(client);
        try {
            reader.join(config.connectTimeout().toMillis() + 5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readLoop() {
        long lastProgress = System.nanoTime();
        try {
            while (!closed) {
                connectOnce();
                if (closed) {
                    return;
                }
                if (progressed) {
                    backoff.reset();
                    lastProgress = System.nanoTime();
                }
                GodwitException error = failure != null ? failure
                        : new GodwitException(ErrorCode.SOURCE_UNREACHABLE, "the source closed the binlog connection");
                if (failureFatal) {
                    stop(error);
                    return;
                }
                if (Duration.ofNanos(System.nanoTime() - lastProgress).compareTo(config.reconnect().giveUpAfter()) > 0) {
                    stop(new GodwitException(ErrorCode.SOURCE_UNREACHABLE, "no binlog connection to " + config.address()
                            + " made progress for " + config.reconnect().giveUpAfter() + "; last error: " + error.getMessage()
                            + "; resume point " + tracker.boundary(), error));
                    return;
                }
                Duration delay = backoff.nextDelay();
                log.warn("binlog connection to {} lost (read up to {}): {}; reconnecting at {} in {} ms", config.address(),
                        tracker.here(), error.getMessage(), tracker.boundary(), delay.toMillis());
                Thread.sleep(delay.toMillis());
                PositionTracker.Replay replay = tracker.rewindToBoundary();
                // A connection lost again during a replay has re-read only part of what was queued.
                guard = guard.done() ? new ReplayGuard(replay) : guard.restart();
            }
        } catch (InterruptedException e) {
            if (!closed) {
                stop(new GodwitException(ErrorCode.INTERRUPTED, "the binlog reader was interrupted at " + tracker.boundary()));
            }
        } catch (RuntimeException e) {
            stop(new GodwitException(ErrorCode.INTERNAL, "the binlog reader failed at " + tracker.here() + ": " + e, e));
        }
    }

    /** One connection, from connect to disconnect; leaves {@link #failure} and {@link #progressed} set. */
    private void connectOnce() {
        failure = null;
        failureFatal = false;
        progressed = false;
        BinaryLogClient c;
        try {
            c = newClient();
        } catch (GodwitException e) {
            // TLS files that became unreadable since the stream was opened: the operator must fix them.
            fail(e, operatorMustAct(e.code()));
            return;
        }
        client = c;
        if (closed) {
            return;
        }
        try {
            c.connect();
        } catch (IOException | RuntimeException e) {
            failConnection(e);
        } finally {
            client = null;
        }
    }

    private BinaryLogClient newClient() {
        BinaryLogClient c = new BinaryLogClient(config.host(), config.port(), config.user(), config.password());
        c.setServerId(config.serverId());
        c.setKeepAlive(false);
        c.setHeartbeatInterval(config.heartbeatInterval().toMillis());
        c.setConnectTimeout(config.connectTimeout().toMillis());
        // MariaDB leaves the positions of in-transaction events out; they are computed from the
        // lengths of all events, so it must send every one, annotations included.
        c.setUseSendAnnotateRowsEvent(true);
        int readTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, config.readTimeout().toMillis());
        c.setSocketFactory(() -> {
            Socket s = new Socket();
            s.setSoTimeout(readTimeoutMillis);
            s.setKeepAlive(true);
            return s;
        });
        TlsMaterial.of(config.security(), SOURCE_SECURITY).ifPresent(tls -> {
            // As DM: the certificate must be signed by ssl-ca; the host name is not checked.
            c.setSSLMode(SSLMode.VERIFY_CA);
            c.setSslSocketFactory(new TlsLayer(tls.sslContext(), config.host()));
        });
        c.setEventDeserializer(EventDeserializers.create());
        BinlogLocation resume = tracker.boundary();
        if (config.start().byGtid()) {
            c.setGtidSet(resume.gtidSet());
        } else {
            c.setBinlogFilename(resume.file());
            c.setBinlogPosition(resume.position());
        }
        c.registerEventListener(this::onEvent);
        c.registerLifecycleListener(new Lifecycle());
        return c;
    }

    /** On the reader thread, for every event the library decoded. Must not throw: the library would log and go on. */
    private void onEvent(Event event) {
        if (closed || failure != null) {
            abort(client);
            return;
        }
        try {
            TrackedEvent t = tracker.track(event);
            if (guard.alreadyDelivered(t)) {
                replayedEvents.incrementAndGet();
                return;
            }
            if (t.kind() == EventKind.INTERNAL) {
                return;
            }
            RawEvent raw = new RawEvent(t.kind(), event.getData(), event.getHeader().getTimestamp(), t.at(), t.next(),
                    t.problem());
            if (!queue.put(raw, ((TypedEventHeader) event.getHeader()).getEventLength())) {
                abort(client);
                return;
            }
            progressed = true;
        } catch (GodwitException e) {
            fail(e, true);
            abort(client);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(new GodwitException(ErrorCode.INTERRUPTED, "the binlog reader was interrupted at " + tracker.here()), true);
            abort(client);
        } catch (RuntimeException e) {
            fail(new GodwitException(ErrorCode.BINLOG_DECODE_FAILED, "cannot place the "
                    + event.getHeader().getEventType() + " event after " + tracker.here() + ": " + e, e), true);
            abort(client);
        }
    }

    private final class Lifecycle implements BinaryLogClient.LifecycleListener {
        @Override public void onConnect(BinaryLogClient c) {
            connections.incrementAndGet();
            log.info("binlog connected to {} as server-id {} (connection id {}), resuming at {}", config.address(),
                    config.serverId(), c.getConnectionId(), tracker.boundary());
            if (closed) {
                abort(c);
            }
        }

        @Override public void onCommunicationFailure(BinaryLogClient c, Exception ex) {
            failConnection(ex);
        }

        /**
         * The library would skip the event and read on; that loses changes. A read timeout in the
         * middle of an event is a dead connection, anything else stops the stream at the event.
         */
        @Override public void onEventDeserializationFailure(BinaryLogClient c, Exception ex) {
            if (causedBy(ex, SocketTimeoutException.class)) {
                fail(new GodwitException(ErrorCode.SOURCE_UNREACHABLE, "no data from the source for "
                        + config.readTimeout() + " in the middle of an event after " + tracker.here(), ex), false);
            } else {
                String what = ex instanceof EventDataDeserializationException d
                        ? d.getEventHeader().getEventType() + " event" : "event";
                fail(new GodwitException(ErrorCode.BINLOG_DECODE_FAILED, "cannot decode the " + what + " at "
                        + tracker.here() + ": " + rootMessage(ex), ex), true);
            }
            abort(c);
        }

        @Override public void onDisconnect(BinaryLogClient c) {
            log.info("binlog disconnected from {} (connection id {}), read up to {}, resume point {}", config.address(),
                    c.getConnectionId(), tracker.here(), tracker.boundary());
        }
    }

    /** Records the first failure of this connection; later ones are its consequences. */
    private void fail(GodwitException e, boolean fatal) {
        if (failure == null) {
            failure = e;
            failureFatal = fatal;
        }
    }

    /**
     * A connection-level error: a server error by its code (the classifier's word decides, e.g.
     * 1236 is a purged or unknown start), anything else a lost connection. Errors that only the
     * operator can fix stop the stream; the rest are retried.
     */
    private void failConnection(Exception ex) {
        GodwitException e = connectionError(ex);
        fail(e, operatorMustAct(e.code()));
    }

    private GodwitException connectionError(Exception ex) {
        ServerException server = ex instanceof ServerException se ? se : null;
        if (server == null && ex.getCause() instanceof ServerException se) {
            server = se;
        }
        if (server == null) {
            Optional<CertificateException> rejected = TlsMaterial.peerRejection(ex);
            if (rejected.isPresent()) {
                GodwitException e = new GodwitException(ErrorCode.TLS_PEER_REJECTED, "binlog connection to "
                        + config.address() + ": the server's TLS certificate is not accepted: "
                        + TlsMaterial.rejectionReason(rejected.get(), SOURCE_SECURITY),
                        rejected.get());
                e.addSuppressed(ex);
                return e;
            }
            return new GodwitException(ErrorCode.SOURCE_UNREACHABLE, "binlog connection to " + config.address()
                    + ": " + rootMessage(ex), ex);
        }
        SQLException sql = new SQLException(server.getMessage(), server.getSqlState(), server.getErrorCode(), server);
        ErrorCode code = SqlErrorClassifier.classify(sql, Endpoint.SOURCE);
        String where = config.start().byGtid() ? "gtid set '" + tracker.boundary().gtidSet() + "'" : tracker.boundary().toString();
        return new GodwitException(code, "the source " + config.address() + " cannot send the binlog from "
                + where + ": " + server.getMessage() + " (error " + server.getErrorCode() + ")"
                + (code == ErrorCode.BINLOG_PURGED ? ": start from a newer `meta` position, or run the task again with a full dump" : ""),
                ex);
    }

    private static boolean operatorMustAct(ErrorCode code) {
        return code == ErrorCode.BINLOG_PURGED || code == ErrorCode.SOURCE_ACCESS_DENIED || code == ErrorCode.SOURCE_PRIVILEGE
                || code.retryKind() == RetryKind.FATAL;
    }

    private void stop(GodwitException e) {
        log.error("binlog stream from {} stopped; resume point {}: {}", config.address(), tracker.boundary(), e.oneLine());
        queue.putLast(new QueueItem.Stopped(e));
    }

    private static void abort(BinaryLogClient c) {
        if (c == null) {
            return;
        }
        try {
            c.disconnect();
        } catch (IOException e) {
            log.debug("closing the binlog connection: {}", e.toString());
        }
    }

    /**
     * The library's hook for TLS: layers a client-mode TLS socket over the connected plain one,
     * from the source's {@code security} block. The library then runs the handshake.
     */
    private record TlsLayer(SSLContext context, String host) implements SSLSocketFactory {
        @Override public SSLSocket createSocket(Socket plain) throws SocketException {
            try {
                return (SSLSocket) context.getSocketFactory().createSocket(plain, host, plain.getPort(), true);
            } catch (IOException e) {
                SocketException s = new SocketException("cannot start TLS to " + host + ": " + e.getMessage());
                s.initCause(e);
                throw s;
            }
        }
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root == t ? String.valueOf(t.getMessage()) : t.getMessage() + " (" + root + ")";
    }
}
