package io.godwit.core.config;

/** DM's {@code shard-mode}: how DDL of sharded tables merged into one target table is coordinated. */
public enum ShardMode {
    /** {@code ""}: no shard-DDL coordination. */
    NONE(""),
    PESSIMISTIC("pessimistic"),
    OPTIMISTIC("optimistic");

    private final String yamlName;

    ShardMode(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() { return yamlName; }

    public boolean coordinates() { return this != NONE; }
}
