package io.godwit.binlog.stream;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP proxy for network-fault tests: it listens on a free loopback port, forwards every accepted
 * connection to one upstream address, and breaks the path the two ways a network does.
 *
 * <ul>
 *   <li>{@link #cutAll()} resets every open connection: both the client and the upstream server
 *       see an RST (linger 0), as after a firewall or NAT table flush.</li>
 *   <li>{@link #pause()} black-holes the path: bytes stop flowing in both directions and nothing is
 *       closed, so only a read timeout or a missing heartbeat can tell. New connections still
 *       complete the TCP handshake (the kernel accepts them) but never reach the upstream and never
 *       get a byte. {@link #resume()} lets the held bytes through again.</li>
 *   <li>{@link #cutAfterBytesToClient(long)} resets every connection once exactly so many more
 *       bytes have reached the clients: a cut at a chosen point of the stream. A cut from outside
 *       lands at an unknown point, since the client still reads what its kernel had buffered
 *       before the RST, megabytes on loopback.</li>
 * </ul>
 *
 * <p>Plain blocking sockets: one accept thread and two pump threads per connection, all daemons.
 */
final class TcpProxy implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TcpProxy.class);
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int BUFFER_BYTES = 16 * 1024;

    private final InetSocketAddress upstream;
    private final ServerSocket listener;
    private final Thread acceptor;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger cuts = new AtomicInteger();
    private final Object gate = new Object();
    private boolean paused; // guarded by gate
    private long bytesToClientBeforeCut = -1; // guarded by this; -1 when no cut is armed
    private volatile boolean closed;

    private TcpProxy(InetSocketAddress upstream, ServerSocket listener) {
        this.upstream = upstream;
        this.listener = listener;
        this.acceptor = new Thread(this::acceptLoop, "tcp-proxy-accept-" + listener.getLocalPort());
        this.acceptor.setDaemon(true);
    }

    /** A proxy on a free loopback port to {@code host:port}, accepting right away. */
    static TcpProxy start(String host, int port) throws IOException {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        TcpProxy proxy = new TcpProxy(new InetSocketAddress(host, port), listener);
        proxy.acceptor.start();
        log.info("tcp proxy 127.0.0.1:{} -> {}:{}", listener.getLocalPort(), host, port);
        return proxy;
    }

    /** The local port clients connect to. */
    int port() { return listener.getLocalPort(); }

    /** Client connections accepted so far, black-holed ones included. */
    int accepted() { return accepted.get(); }

    /** Connections reset by {@link #cutAll()} so far. */
    int cutConnections() { return cuts.get(); }

    /** Resets every open connection at both ends; returns how many there were. */
    int cutAll() {
        List<Link> open = List.copyOf(links);
        for (Link link : open) {
            link.reset();
        }
        cuts.addAndGet(open.size());
        log.info("tcp proxy {}: reset {} connection(s)", port(), open.size());
        return open.size();
    }

    /** Resets every connection once {@code bytes} more bytes have been forwarded to clients. */
    synchronized void cutAfterBytesToClient(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must not be negative: " + bytes);
        }
        bytesToClientBeforeCut = bytes;
    }

    /** How many of {@code n} bytes to a client may pass before an armed cut. */
    private synchronized int passableToClient(int n) {
        if (bytesToClientBeforeCut < 0) {
            return n;
        }
        int pass = (int) Math.min(n, bytesToClientBeforeCut);
        bytesToClientBeforeCut -= pass;
        return pass;
    }

    /** Whether an armed cut is due now; disarms it. */
    private synchronized boolean armedCutDue() {
        if (bytesToClientBeforeCut != 0) {
            return false;
        }
        bytesToClientBeforeCut = -1;
        return true;
    }

    /** Stops every byte in both directions without closing anything, until {@link #resume()}. */
    void pause() {
        synchronized (gate) {
            paused = true;
        }
        log.info("tcp proxy {}: black hole on", port());
    }

    void resume() {
        synchronized (gate) {
            paused = false;
            gate.notifyAll();
        }
        log.info("tcp proxy {}: black hole off", port());
    }

    @Override public void close() {
        synchronized (gate) {
            closed = true;
            gate.notifyAll();
        }
        try {
            listener.close();
        } catch (IOException e) {
            log.debug("closing the proxy listener: {}", e.toString());
        }
        cutAll();
        try {
            acceptor.join(CONNECT_TIMEOUT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                if (!closed) {
                    log.warn("tcp proxy {} stopped accepting: {}", port(), e.toString());
                }
                return;
            }
            int id = accepted.incrementAndGet();
            Link link = new Link(client);
            links.add(link);
            Thread t = new Thread(() -> link.run(id), "tcp-proxy-" + port() + "-" + id + "-up");
            t.setDaemon(true);
            t.start();
        }
    }

    /** Blocks while the path is black-holed. */
    private void awaitOpen() throws InterruptedIOException {
        synchronized (gate) {
            while (paused && !closed) {
                try {
                    gate.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while the proxy was paused");
                }
            }
        }
    }

    /** One client connection and its upstream connection. */
    private final class Link {
        private final Socket client;
        private Socket server; // guarded by this
        private boolean done; // guarded by this

        Link(Socket client) {
            this.client = client;
        }

        /** Dials the upstream, then pumps client to server on this thread and server to client on another. */
        void run(int id) {
            try {
                // A black hole lets no SYN through either: the upstream sees nothing until resumed.
                awaitOpen();
                Socket s = new Socket();
                s.setTcpNoDelay(true);
                s.connect(upstream, CONNECT_TIMEOUT_MILLIS);
                if (!attach(s)) {
                    return;
                }
                client.setTcpNoDelay(true);
                InputStream fromServer = s.getInputStream();
                OutputStream toClient = client.getOutputStream();
                Thread down = new Thread(() -> pump(fromServer, toClient, true), "tcp-proxy-" + port() + "-" + id + "-down");
                down.setDaemon(true);
                down.start();
                pump(client.getInputStream(), s.getOutputStream(), false);
            } catch (IOException e) {
                log.debug("tcp proxy connection {} ended: {}", id, e.toString());
                close();
            }
        }

        private synchronized boolean attach(Socket s) throws IOException {
            if (done) {
                s.close();
                return false;
            }
            server = s;
            return true;
        }

        private void pump(InputStream in, OutputStream out, boolean towardsClient) {
            byte[] buffer = new byte[BUFFER_BYTES];
            try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    awaitOpen();
                    out.write(buffer, 0, towardsClient ? passableToClient(n) : n);
                    out.flush();
                    if (towardsClient && armedCutDue()) {
                        cutAll();
                        return;
                    }
                }
                // The peer's close does not cross a black hole either.
                awaitOpen();
            } catch (IOException e) {
                log.debug("tcp proxy pump ended: {}", e.toString());
            } finally {
                close();
            }
        }

        /** Ends both sockets with an RST instead of a FIN. */
        synchronized void reset() {
            lingerZero(client);
            lingerZero(server);
            close();
        }

        synchronized void close() {
            done = true;
            links.remove(this);
            closeQuietly(client);
            closeQuietly(server);
        }

        private static void lingerZero(Socket s) {
            if (s == null || s.isClosed()) {
                return;
            }
            try {
                s.setSoLinger(true, 0);
            } catch (SocketException e) {
                log.debug("setting linger 0: {}", e.toString());
            }
        }

        private static void closeQuietly(Socket s) {
            if (s == null) {
                return;
            }
            try {
                s.close();
            } catch (IOException e) {
                log.debug("closing a proxied socket: {}", e.toString());
            }
        }
    }
}
