package io.godwit.master.cluster;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Hands a subtask command the master cannot do itself (DM's {@code binlog skip|replace},
 * {@code binlog-schema}: they act on the worker's sync and on the target's checkpoints) to the alive
 * worker the subtask's source is bound to, at {@code /api/v1/subtasks/{task}/{source}/...} on the address
 * that worker reported in its keepalive; and a request to a worker by name (its config). The worker's
 * answer, error or not, is passed back as it is.
 */
public final class WorkerProxy {
    /** A command may write to the target (a schema edit), so it gets longer than a keepalive. */
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final TaskService tasks;
    private final MembershipService members;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public WorkerProxy(TaskService tasks, MembershipService members) {
        this.tasks = tasks;
        this.members = members;
    }

    /** The worker's answer: its status code and JSON body, and which worker gave it. */
    public record WorkerReply(String workerName, int status, String body) {
    }

    /**
     * Sends {@code method} with {@code jsonBody} (null: none) to the subtask's worker at {@code subPath}
     * (below the subtask, like {@code binlog/skip}; path segments given already encoded).
     *
     * @throws GodwitException CLUSTER_NOT_FOUND for an unknown task or a source the task does not use,
     *                         CLUSTER_CONFLICT when the source has no alive worker, CLUSTER_UNREACHABLE
     *                         when the worker does not answer
     */
    public WorkerReply send(String method, String task, String source, String subPath, String jsonBody) {
        return exchange(boundWorker(task, source), method, "/api/v1/subtasks/" + segment(task) + "/" + segment(source)
                + "/" + subPath, jsonBody);
    }

    /**
     * Sends a GET for {@code path} (like {@code /api/v1/config}) to the named worker, at the address it
     * registered with.
     *
     * @throws GodwitException CLUSTER_NOT_FOUND for a worker that never joined, CLUSTER_CONFLICT for an
     *                         offline one, CLUSTER_UNREACHABLE when it does not answer
     */
    public WorkerReply get(String workerName, String path) {
        WorkerView worker = members.workers().stream().filter(w -> w.name().equals(workerName)).findFirst()
                .orElseThrow(() -> new GodwitException(ErrorCode.CLUSTER_NOT_FOUND, "worker " + workerName
                        + " not found: it never joined this master (list-member shows the workers)"));
        if ("offline".equals(worker.boundStage()) || worker.addr().isEmpty()) {
            throw new GodwitException(ErrorCode.CLUSTER_CONFLICT, "worker " + workerName + " is offline: its lease"
                    + " expired or it has not called since the master started; start it again or wait for it");
        }
        return exchange(worker, "GET", path, null);
    }

    private WorkerReply exchange(WorkerView worker, String method, String path, String jsonBody) {
        URI uri = URI.create("http://" + worker.addr() + path);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Content-Type", "application/json")
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new WorkerReply(worker.name(), response.statusCode(), response.body());
        } catch (IOException e) {
            throw new GodwitException(ErrorCode.CLUSTER_UNREACHABLE, "worker " + worker.name() + " at " + worker.addr()
                    + " did not answer " + method + " " + uri.getPath() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GodwitException(ErrorCode.CLUSTER_UNREACHABLE, "interrupted while waiting for worker "
                    + worker.name());
        }
    }

    /** A path segment as the worker's router expects it (names may hold characters a URL must escape). */
    public static String segment(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private WorkerView boundWorker(String task, String source) {
        SubtaskStatusView subtask = tasks.status(task).stream().filter(s -> s.sourceName().equals(source))
                .findFirst().orElseThrow(() -> new GodwitException(ErrorCode.CLUSTER_NOT_FOUND, "task " + task
                        + " has no subtask on source " + source));
        String name = subtask.workerName();
        WorkerView worker = name.isEmpty() ? null : members.workers().stream().filter(w -> w.name().equals(name))
                .findFirst().orElse(null);
        if (worker == null || "offline".equals(worker.boundStage()) || worker.addr().isEmpty()) {
            throw new GodwitException(ErrorCode.CLUSTER_CONFLICT, "source " + source + " of task " + task
                    + " has no alive worker bound to it" + (name.isEmpty() ? "" : " (worker " + name + " is offline)")
                    + "; the command needs the worker that runs the subtask");
        }
        return worker;
    }
}
