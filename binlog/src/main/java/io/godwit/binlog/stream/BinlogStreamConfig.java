package io.godwit.binlog.stream;

import io.godwit.core.config.DatabaseConfig;
import io.godwit.core.config.SecurityConfig;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to read one source's binlog as a replica. The flavor (MySQL or MariaDB) is not configured:
 * it is detected from the server.
 *
 * @param serverId           this replica's server id: unique among all replicas of the source and
 *                           different from the source's own (a second connection with the same id
 *                           makes the source drop the first)
 * @param heartbeatInterval  how often an idle source sends a heartbeat; shorter than {@code readTimeout}
 * @param readTimeout        silence after which the connection counts as dead and is re-opened
 *                           (time the reader spends waiting on a full queue does not count)
 * @param queueCapacityBytes bound of the read-ahead between the socket and the consumer, in binlog
 *                           bytes (the decoded events take a small multiple of that on the heap)
 * @param security           source.yaml {@code from.security}: with {@code ssl-ca} set, both the SQL
 *                           probe and the replica connection use TLS, verifying the server's
 *                           certificate against that CA (and {@code cert-allowed-cn})
 */
public record BinlogStreamConfig(String host, int port, String user, String password, long serverId,
                                 BinlogStart start, Duration heartbeatInterval, Duration readTimeout,
                                 Duration connectTimeout, long queueCapacityBytes, Reconnect reconnect,
                                 SecurityConfig security) {

    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final long DEFAULT_QUEUE_BYTES = 64L << 20;

    /**
     * Reconnect attempts: the delay doubles from {@code initialDelay} to {@code maxDelay} and starts
     * over after progress; the stream fails when no connection made progress for {@code giveUpAfter}.
     */
    public record Reconnect(Duration initialDelay, Duration maxDelay, Duration giveUpAfter) {
        public static final Reconnect DEFAULT =
                new Reconnect(Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofMinutes(10));
    }

    public BinlogStreamConfig {
        List<String> problems = new ArrayList<>();
        if (host == null || host.isBlank()) {
            problems.add("host is empty");
        }
        if (port < 1 || port > 65535) {
            problems.add("port " + port + " is not in 1..65535");
        }
        if (user == null || user.isEmpty()) {
            problems.add("user is empty");
        }
        if (serverId < 1 || serverId > 0xFFFFFFFFL) {
            problems.add("server-id " + serverId + " is not in 1..4294967295");
        }
        if (start == null) {
            problems.add("start position is missing");
        } else if (!start.byGtid() && (start.location().file() == null || start.location().file().isEmpty())) {
            problems.add("a file/position start needs a binlog file name");
        }
        if (!positive(heartbeatInterval) || !positive(readTimeout) || !positive(connectTimeout)) {
            problems.add("heartbeat interval, read timeout and connect timeout must be positive");
        } else if (heartbeatInterval.compareTo(readTimeout) >= 0) {
            problems.add("heartbeat interval " + heartbeatInterval + " must be shorter than the read timeout " + readTimeout
                    + ", or an idle source looks dead");
        }
        if (queueCapacityBytes <= 0) {
            problems.add("queue capacity " + queueCapacityBytes + " bytes is not positive");
        }
        if (reconnect == null || !positive(reconnect.initialDelay()) || !positive(reconnect.giveUpAfter())
                || reconnect.maxDelay() == null || reconnect.maxDelay().compareTo(reconnect.initialDelay()) < 0) {
            problems.add("reconnect needs positive delays with max >= initial and a positive give-up time");
        }
        if (!problems.isEmpty()) {
            throw new GodwitException(ErrorCode.CONFIG_INVALID, "binlog stream config: " + String.join("; ", problems));
        }
        password = Objects.requireNonNullElse(password, "");
        security = Objects.requireNonNullElse(security, SecurityConfig.NONE);
    }

    /** Defaults for everything but the connection and the start. */
    public static BinlogStreamConfig of(String host, int port, String user, String password, long serverId,
                                        BinlogStart start) {
        return new BinlogStreamConfig(host, port, user, password, serverId, start, DEFAULT_HEARTBEAT,
                DEFAULT_READ_TIMEOUT, DEFAULT_CONNECT_TIMEOUT, DEFAULT_QUEUE_BYTES, Reconnect.DEFAULT, SecurityConfig.NONE);
    }

    /** Defaults for everything but the source (source.yaml {@code from}, TLS included) and the start. */
    public static BinlogStreamConfig of(DatabaseConfig from, long serverId, BinlogStart start) {
        return of(from.host(), from.port(), from.user(), from.password(), serverId, start).withSecurity(from.security());
    }

    public BinlogStreamConfig withSecurity(SecurityConfig tls) {
        return new BinlogStreamConfig(host, port, user, password, serverId, start, heartbeatInterval, readTimeout,
                connectTimeout, queueCapacityBytes, reconnect, tls);
    }

    /** The source as an SQL connection sees it: the same login and TLS, no session variables. */
    DatabaseConfig database() {
        return new DatabaseConfig(host, port, user, password, Map.of(), security);
    }

    public BinlogStreamConfig withStart(BinlogStart newStart) {
        return new BinlogStreamConfig(host, port, user, password, serverId, newStart, heartbeatInterval, readTimeout,
                connectTimeout, queueCapacityBytes, reconnect, security);
    }

    public BinlogStreamConfig withQueueCapacityBytes(long bytes) {
        return new BinlogStreamConfig(host, port, user, password, serverId, start, heartbeatInterval, readTimeout,
                connectTimeout, bytes, reconnect, security);
    }

    public BinlogStreamConfig withTimeouts(Duration heartbeat, Duration read, Duration connect) {
        return new BinlogStreamConfig(host, port, user, password, serverId, start, heartbeat, read, connect,
                queueCapacityBytes, reconnect, security);
    }

    public BinlogStreamConfig withReconnect(Reconnect policy) {
        return new BinlogStreamConfig(host, port, user, password, serverId, start, heartbeatInterval, readTimeout,
                connectTimeout, queueCapacityBytes, policy, security);
    }

    /** {@code user@host:port}, for logs and errors; never the password. */
    public String address() { return user + "@" + host + ":" + port; }

    @Override public String toString() {
        return "BinlogStreamConfig[" + address() + ", server-id " + serverId + ", start " + start + ", heartbeat "
                + heartbeatInterval + ", read timeout " + readTimeout + ", queue " + queueCapacityBytes + " bytes"
                + (security.enabled() ? ", tls" : "") + "]";
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }
}
