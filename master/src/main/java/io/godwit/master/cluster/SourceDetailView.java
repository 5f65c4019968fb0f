package io.godwit.master.cluster;

/**
 * One source as {@code GET /api/v1/sources/{source}} shows it: the list entry plus its source.yaml
 * with every password replaced by {@code ******} (what dmctl's {@code config source} prints).
 */
public record SourceDetailView(String sourceName, String host, int port, String user, boolean enableGtid,
                               boolean enable, String workerName, String sourceYaml) {
}
