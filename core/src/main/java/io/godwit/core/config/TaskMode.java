package io.godwit.core.config;

/** DM's {@code task-mode}: which units a subtask runs, in the order dump, load, sync. */
public enum TaskMode {
    FULL("full", true, true, false),
    INCREMENTAL("incremental", false, false, true),
    ALL("all", true, true, true),
    DUMP("dump", true, false, false),
    LOAD("load", false, true, false),
    LOAD_SYNC("load&sync", false, true, true);

    private final String yamlName;
    private final boolean dumps;
    private final boolean loads;
    private final boolean syncs;

    TaskMode(String yamlName, boolean dumps, boolean loads, boolean syncs) {
        this.yamlName = yamlName;
        this.dumps = dumps;
        this.loads = loads;
        this.syncs = syncs;
    }

    /** As written in task.yaml. */
    public String yamlName() { return yamlName; }

    public boolean dumps() { return dumps; }

    public boolean loads() { return loads; }

    public boolean syncs() { return syncs; }
}
