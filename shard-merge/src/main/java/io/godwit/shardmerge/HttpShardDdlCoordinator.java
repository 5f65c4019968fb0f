package io.godwit.shardmerge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The workers' side of the master's shard-DDL lock service: each call is one {@code POST} of {@link ShardDdlWire}'s
 * JSON to the master's internal routes. Every call is idempotent on the master, so a caller may simply repeat one that
 * failed.
 *
 * <p>Failures are {@link GodwitException}s: the master's own code and message when it refused the call (SHARD_DDL_CONFLICT
 * for a conflicting DDL, CLUSTER_NOT_FOUND for a task it no longer has, ...), CLUSTER_UNREACHABLE naming the master and
 * the call when no answer came (connection refused, timeout) or the answer was not the master's, INTERRUPTED when the
 * calling thread was interrupted.
 */
public final class HttpShardDdlCoordinator implements ShardDdlCoordinator {
    private static final ObjectMapper ERROR_JSON = new ObjectMapper();
    /** The {@code [code=18001:shard] } the master puts before its messages; the exception here carries the code. */
    private static final Pattern CODE_PREFIX = Pattern.compile("^\\[code=\\d+:[a-z_]+] ");

    private final Supplier<String> master;
    private final Runnable unreachable;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param master  {@code host:port} of the master to call, asked before every call (the worker's current master)
     * @param timeout how long one call may take, connecting included
     */
    public HttpShardDdlCoordinator(Supplier<String> master, Duration timeout) {
        this(master, () -> {}, timeout);
    }

    /**
     * @param masters {@code host:port} of each master (DM's {@code join} list); a call that gets no answer moves the
     *                next call on to the next one
     * @param timeout how long one call may take, connecting included
     */
    public HttpShardDdlCoordinator(List<String> masters, Duration timeout) {
        this(rotation(masters), timeout);
    }

    private HttpShardDdlCoordinator(Rotation masters, Duration timeout) {
        this(masters::current, masters::next, timeout);
    }

    private HttpShardDdlCoordinator(Supplier<String> master, Runnable unreachable, Duration timeout) {
        this.master = master;
        this.unreachable = unreachable;
        this.timeout = timeout;
        // the master speaks HTTP/1.1; no h2c upgrade attempt on each new connection
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    @Override
    public ShardDdlDecision register(ShardGroupId group, ShardMember member, ShardTableDefinition definition) {
        return call("register", ShardDdlWire.REGISTER, new ShardDdlWire.RegisterRequest(group, member, definition),
                ShardDdlDecision.class);
    }

    @Override
    public ShardDdlDecision report(ShardDdlReport report) {
        return call("report", ShardDdlWire.REPORT, report, ShardDdlDecision.class);
    }

    @Override
    public void acknowledge(ShardGroupId group, ShardMember member, long version) {
        call("acknowledge", ShardDdlWire.ACKNOWLEDGE, new ShardDdlWire.AcknowledgeRequest(group, member, version),
                JsonNode.class);
    }

    @Override
    public void leave(ShardGroupId group, ShardMember member) {
        call("leave", ShardDdlWire.LEAVE, new ShardDdlWire.LeaveRequest(group, member), JsonNode.class);
    }

    @Override
    public Optional<ShardGroupState> group(ShardGroupId group) {
        return Optional.ofNullable(call("group", ShardDdlWire.GROUP, new ShardDdlWire.GroupRequest(group),
                ShardDdlWire.GroupReply.class).state());
    }

    /**
     * Polls {@link #group} as the default does, but rides out a master that does not answer for a while (a restart,
     * a failover): only when the last poll before the timeout got no answer is that the result, as CLUSTER_UNREACHABLE.
     */
    @Override
    public boolean awaitApplied(ShardGroupId group, long version, Duration waitTimeout) throws InterruptedException {
        long deadline = System.nanoTime() + waitTimeout.toNanos();
        while (true) {
            GodwitException lastUnreachable = null;
            try {
                if (version <= 0 || group(group).map(s -> s.applied(version)).orElse(false)) {
                    return true;
                }
            } catch (GodwitException e) {
                if (e.code() == ErrorCode.INTERRUPTED) {
                    throw new InterruptedException("waiting for version " + version + " of " + group);
                }
                if (e.code() != ErrorCode.CLUSTER_UNREACHABLE) {
                    throw e;
                }
                lastUnreachable = e;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                if (lastUnreachable != null) {
                    throw lastUnreachable;
                }
                return false;
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(AWAIT_POLL_MILLIS)));
        }
    }

    private <T> T call(String operation, String path, Object request, Class<T> answerType) {
        String address = master.get();
        String what = "shard DDL " + operation + " at the master " + address;
        HttpResponse<String> response;
        try {
            HttpRequest post = HttpRequest.newBuilder(URI.create("http://" + address + path))
                    .timeout(timeout).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(ShardDdlWire.toJson(request))).build();
            response = http.send(post, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            unreachable.run();
            throw new GodwitException(ErrorCode.CLUSTER_UNREACHABLE, what + " failed: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GodwitException(ErrorCode.INTERRUPTED, what + " interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw refused(what, response);
        }
        try {
            return ShardDdlWire.readAnswer(response.body(), answerType);
        } catch (GodwitException e) {
            throw new GodwitException(ErrorCode.CLUSTER_UNREACHABLE, what + " got an answer that is not one: "
                    + e.getMessage() + " (is " + address + " a Godwit master of this version?)", e);
        }
    }

    /** The master's {@code {"error_code", "error_msg"}} as an exception with that code; another body as unreachable. */
    private GodwitException refused(String what, HttpResponse<String> response) {
        try {
            JsonNode body = ERROR_JSON.readTree(response.body());
            if (body != null && body.hasNonNull("error_msg")) {
                int code = body.path("error_code").asInt(-1);
                Optional<ErrorCode> known = Arrays.stream(ErrorCode.values()).filter(c -> c.code() == code).findFirst();
                String message = CODE_PREFIX.matcher(body.get("error_msg").asText()).replaceFirst("");
                if (known.isPresent()) {
                    return new GodwitException(known.get(), message + " (" + what + ")");
                }
                return new GodwitException(ErrorCode.CLUSTER_UNREACHABLE, what + " refused with unknown error code "
                        + code + ": " + message);
            }
        } catch (IOException notJson) {
            // fall through: not the master's error shape
        }
        unreachable.run();
        return new GodwitException(ErrorCode.CLUSTER_UNREACHABLE, what + " answered HTTP " + response.statusCode()
                + " without the master's error (is it a Godwit master?)");
    }

    private static Rotation rotation(List<String> masters) {
        if (masters.isEmpty()) {
            throw new GodwitException(ErrorCode.CONFIG_INVALID, "no master address for the shard DDL coordination"
                    + " (give --join host:port)");
        }
        return new Rotation(List.copyOf(masters));
    }

    /** The masters in turn: the current one until it gives no answer. */
    private record Rotation(List<String> masters, AtomicInteger index) {
        Rotation(List<String> masters) {
            this(masters, new AtomicInteger());
        }

        String current() { return masters.get(Math.floorMod(index.get(), masters.size())); }

        void next() { index.incrementAndGet(); }
    }
}
