package io.godwit.master.cluster;

/**
 * A source as the public API shows it: where it is, whether it is enabled (DM's {@code enable}) and
 * who works on it, never its password.
 */
public record SourceView(String sourceName, String host, int port, String user, boolean enableGtid, boolean enable,
                         String workerName) {
}
