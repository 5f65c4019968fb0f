package io.godwit.worker.agent;

import java.util.List;

/** {@code POST /internal/v1/workers/keepalive}: who this worker is, where it listens, how its subtasks are. */
public record KeepaliveRequest(String name, String address, List<SubtaskReport> subtasks) {
    public KeepaliveRequest {
        subtasks = subtasks == null ? List.of() : List.copyOf(subtasks);
    }
}
