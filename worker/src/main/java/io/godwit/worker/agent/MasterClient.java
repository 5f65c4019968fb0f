package io.godwit.worker.agent;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
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

/**
 * The worker's side of {@code POST /internal/v1/workers/keepalive}, JSON with snake_case keys. Given
 * several master addresses (DM's {@code join} list), a failed call moves on to the next one for the
 * following call. A call that cannot reach a master, times out or is refused is a
 * {@link GodwitException}: {@link ErrorCode#CLUSTER_UNREACHABLE} when no answer came, else the
 * master's own error code where it names one.
 */
public final class MasterClient {
    static final String KEEPALIVE_PATH = "/internal/v1/workers/keepalive";
    static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final List<String> masters;
    private final Duration timeout;
    private final HttpClient http;
    private int current;

    /**
     * @param masters {@code host:port} of each master, tried in turn
     * @param timeout how long one call may take, connecting included; short, since a late keepalive costs the lease
     */
    public MasterClient(List<String> masters, Duration timeout) {
        if (masters.isEmpty()) {
            throw new GodwitException(ErrorCode.CONFIG_INVALID, "no master address to join (give --join host:port)");
        }
        this.masters = List.copyOf(masters);
        this.timeout = timeout;
        // HTTP/1.1 only: the JDK client's h2c upgrade attempt against Vert.x failed a call now and then
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /** Parses DM's {@code join} value: master addresses separated by commas. */
    public static List<String> parseJoin(String join) {
        return Arrays.stream(join.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** The master address the next call goes to. */
    public synchronized String master() {
        return masters.get(current);
    }

    /** Sends one keepalive and returns the master's desired state for this worker. */
    public KeepaliveResponse keepalive(KeepaliveRequest request) {
        String master = master();
        try {
            HttpRequest post = HttpRequest.newBuilder(URI.create("http://" + master + KEEPALIVE_PATH))
                    .timeout(timeout).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(request))).build();
            HttpResponse<String> response = http.send(post, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw refused(master, response);
            }
            return JSON.readValue(response.body(), KeepaliveResponse.class);
        } catch (IOException e) {
            next();
            throw new GodwitException(ErrorCode.CLUSTER_UNREACHABLE, "keepalive to the master at " + master
                    + " failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GodwitException(ErrorCode.CLUSTER_UNREACHABLE, "keepalive to the master at " + master
                    + " interrupted", e);
        } catch (GodwitException e) {
            next();
            throw e;
        }
    }

    private synchronized void next() {
        current = (current + 1) % masters.size();
    }

    /** The master's {@code {"error_code", "error_msg"}} as an exception; a body of another shape as unreachable. */
    private static GodwitException refused(String master, HttpResponse<String> response) {
        String what = "the master at " + master + " answered the keepalive with HTTP " + response.statusCode();
        try {
            JsonNode body = JSON.readTree(response.body());
            if (body != null && body.hasNonNull("error_msg")) {
                int code = body.path("error_code").asInt(-1);
                ErrorCode known = Arrays.stream(ErrorCode.values()).filter(c -> c.code() == code).findFirst()
                        .orElse(ErrorCode.CLUSTER_UNREACHABLE);
                return new GodwitException(known, what + ": " + body.get("error_msg").asText());
            }
        } catch (IOException notJson) {
            // fall through: not the master's error shape
        }
        return new GodwitException(ErrorCode.CLUSTER_UNREACHABLE, what + " (is " + master + " a Godwit master?)");
    }
}
