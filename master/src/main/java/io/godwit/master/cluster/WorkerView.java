package io.godwit.master.cluster;

/** A worker in the member list; {@code boundStage} is bound, free or offline, as DM's list-member. */
public record WorkerView(String name, String addr, String boundStage, String boundSourceName) {
}
