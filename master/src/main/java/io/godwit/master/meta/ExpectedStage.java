package io.godwit.master.meta;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The stage the master wants a subtask in. Stopped has no constant: a stopped subtask is removed
 * from the desired state, and a worker stops whatever it runs that the master no longer lists.
 */
public enum ExpectedStage {
    @JsonProperty("Running") RUNNING("Running"),
    @JsonProperty("Paused") PAUSED("Paused");

    private final String displayName;

    ExpectedStage(String displayName) {
        this.displayName = displayName;
    }

    /** As DM prints it and as it travels in JSON. */
    public String displayName() { return displayName; }
}
