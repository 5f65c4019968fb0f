package io.godwit.master.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The stage a worker reports a subtask in (DM's names). Finished: a full, dump or load task ended. */
public enum ReportedStage {
    @JsonProperty("New") NEW("New"),
    @JsonProperty("Running") RUNNING("Running"),
    @JsonProperty("Paused") PAUSED("Paused"),
    @JsonProperty("Stopped") STOPPED("Stopped"),
    @JsonProperty("Finished") FINISHED("Finished");

    private final String displayName;

    ReportedStage(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() { return displayName; }
}
