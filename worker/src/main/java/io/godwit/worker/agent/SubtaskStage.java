package io.godwit.worker.agent;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;

/**
 * A subtask's stage as DM names it. The master's expected stage is {@link #RUNNING} or
 * {@link #PAUSED} (absent = stopped); the worker reports any of them as the current stage.
 */
public enum SubtaskStage {
    NEW("New"), RUNNING("Running"), PAUSED("Paused"), STOPPED("Stopped"), FINISHED("Finished");

    private final String wireName;

    SubtaskStage(String wireName) {
        this.wireName = wireName;
    }

    /** The spelling in the keepalive JSON and in DM's status: {@code Running}, {@code Paused}, ... */
    @JsonValue public String wireName() {
        return wireName;
    }

    @JsonCreator public static SubtaskStage ofWireName(String name) {
        for (SubtaskStage s : values()) {
            if (s.wireName.equals(name)) {
                return s;
            }
        }
        throw new GodwitException(ErrorCode.CLUSTER_BAD_REQUEST, "unknown subtask stage \"" + name
                + "\" (expected New, Running, Paused, Stopped or Finished)");
    }
}
