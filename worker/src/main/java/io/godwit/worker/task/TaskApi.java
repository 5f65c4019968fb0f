package io.godwit.worker.task;

import java.util.List;
import java.util.Map;

/**
 * What the HTTP API asks of a running task, in plain values. Every method returns null for a task
 * name this process does not run, and throws GodwitException for a request that cannot be done.
 */
public interface TaskApi {
    /** DM's OpenAPI task status ({@link TaskStatusReport}). */
    Map<String, Object> status(String task);

    /** Resumes the paused sources of the task (DM's resume-task). */
    Map<String, Object> resume(String task);

    /** DM's {@code binlog skip}: the paused source runs nothing for the DDL it stopped at. */
    Map<String, Object> skipDdl(String task, String source);

    /** DM's {@code binlog replace}: the paused source runs {@code statements} instead of the DDL it stopped at. */
    Map<String, Object> replaceDdl(String task, String source, List<String> statements);
}
