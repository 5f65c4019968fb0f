package io.godwit.master.http;

import java.util.List;

/** The JSON bodies the public API accepts (snake_case keys). */
final class ApiRequests {
    private ApiRequests() {
    }

    record CreateSource(String sourceYaml) {
    }

    record CreateTask(String taskYaml, boolean removeMeta) {
    }

    /** start, stop, pause and resume: which sources; absent or empty means all of the task's sources. */
    record SourceSelection(List<String> sourceNameList) {
    }

    record Transfer(String workerName) {
    }
}
