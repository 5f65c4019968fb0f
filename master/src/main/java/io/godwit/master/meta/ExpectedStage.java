package io.godwit.master.meta;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The stage the master wants a subtask in. Stopped (DM's OpenAPI stop of a task) keeps the task and
 * its subtask in the meta store but out of the workers' desired state: a worker stops whatever it
 * runs that the master no longer lists, and a later start sets it Running again. Deleting the task
 * (dmctl stop-task) removes the subtask altogether.
 */
public enum ExpectedStage {
    @JsonProperty("Running") RUNNING("Running"),
    @JsonProperty("Paused") PAUSED("Paused"),
    @JsonProperty("Stopped") STOPPED("Stopped");

    private final String displayName;

    ExpectedStage(String displayName) {
        this.displayName = displayName;
    }

    /** As DM prints it and as it travels in JSON. */
    public String displayName() { return displayName; }
}
