package io.godwit.dmctl;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for the master's HTTP API on a free loopback port: answers each {@code METHOD path} with
 * the status and JSON it was given (404 with a master-style error otherwise) and records every request,
 * so a test can check what dmctl sent and how it shaped the answer.
 */
final class FakeMaster implements AutoCloseable {
    record Request(String method, String path, String body) {
    }

    private record Answer(int status, String json) {
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new HashMap<>();
    private final List<Request> requests = new ArrayList<>();

    FakeMaster() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String key = exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath();
            Answer answer;
            synchronized (this) {
                requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), body));
                answer = answers.getOrDefault(key, new Answer(404,
                        "{\"error_code\": 38002, \"error_msg\": \"" + key + " not found\"}"));
            }
            byte[] bytes = answer.json().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    synchronized FakeMaster answer(String method, String path, int status, String json) {
        answers.put(method + " " + path, new Answer(status, json));
        return this;
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    String addr() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    @Override public void close() {
        server.stop(0);
    }
}
