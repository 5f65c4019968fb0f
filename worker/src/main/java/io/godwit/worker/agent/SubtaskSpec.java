package io.godwit.worker.agent;

/**
 * What the master asks this worker to run for one (task, source): the task's and the source's
 * files as text. Two specs of the same subtask differ when the master changed either file.
 */
public record SubtaskSpec(String task, String source, String taskYaml, String sourceYaml) {

    /** The subtask this spec is of: the pair that names it in the keepalive. */
    public SubtaskKey key() {
        return new SubtaskKey(task, source);
    }

    /** A subtask's name: its task and source. */
    public record SubtaskKey(String task, String source) {
        @Override public String toString() {
            return task + "/" + source;
        }
    }
}
