package io.godwit.master.cluster;

import java.util.List;

/** A worker's keepalive: who it is, where it listens, and the subtasks it runs now. */
public record KeepaliveRequest(String name, String address, List<SubtaskReport> subtasks) {
    public KeepaliveRequest {
        address = address == null ? "" : address;
        subtasks = subtasks == null ? List.of() : List.copyOf(subtasks);
    }
}
