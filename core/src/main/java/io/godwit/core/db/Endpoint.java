package io.godwit.core.db;

/** Which side of a migration a connection talks to; decides how its errors are reported. */
public enum Endpoint {
    SOURCE("from"), TARGET("target-database");

    private final String configKey;

    Endpoint(String configKey) {
        this.configKey = configKey;
    }

    /** The config block that describes this side's server: source.yaml {@code from}, task.yaml {@code target-database}. */
    public String configKey() { return configKey; }
}
