package io.godwit.dmctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * The master's REST API (DM's OpenAPI paths under {@code /api/v1}) as dmctl calls it. Every failure
 * becomes a {@link DmctlException} with one line naming the master and what went wrong.
 */
final class MasterApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** @param masterAddr {@code host:port}, or a URL with http(s) */
    MasterApi(String masterAddr) {
        String addr = masterAddr.contains("://") ? masterAddr : "http://" + masterAddr;
        this.base = addr.endsWith("/") ? addr.substring(0, addr.length() - 1) : addr;
    }

    String base() {
        return base;
    }

    /** A JSON response body; an empty object for 204. */
    JsonNode get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), path);
    }

    JsonNode post(String path, JsonNode body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())), path);
    }

    JsonNode put(String path, JsonNode body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString())), path);
    }

    JsonNode delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE(), path);
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private JsonNode send(HttpRequest.Builder request, String path) {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new DmctlException("cannot reach the master at " + base + " (" + describe(e)
                    + "); check --master-addr and that `godwit master` runs");
        } catch (HttpTimeoutException e) {
            throw new DmctlException("the master at " + base + " did not answer " + path + " within " + TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            throw new DmctlException("talking to the master at " + base + " failed: " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DmctlException("interrupted");
        }
        JsonNode body = parse(response.body(), path);
        if (response.statusCode() >= 400) {
            String message = body.path("error_msg").asText("");
            throw new DmctlException(message.isEmpty() ? "the master answered " + response.statusCode() + " to " + path
                    : message + (body.has("error_code") ? " (code " + body.get("error_code").asText() + ")" : ""));
        }
        return body;
    }

    private JsonNode parse(String body, String path) {
        if (body == null || body.isBlank()) {
            return object();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new DmctlException("the master at " + base + " answered " + path + " with something that is not JSON");
        }
    }

    private static String describe(Exception e) {
        Throwable t = e;
        while (t.getCause() != null && t.getMessage() == null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
