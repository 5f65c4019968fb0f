package io.godwit.core.config;

/**
 * One entry of {@code mydumpers} (or an instance's inline {@code mydumper}): how the dump unit reads the
 * source. {@code chunkFilesizeBytes} is DM's {@code chunk-filesize} in bytes (DM writes MiB).
 * {@code where} is always empty in a valid config (not supported yet). {@code extraArgs} is the text as
 * written; the flags in it that Godwit implements are read into typed fields ({@code --consistency}
 * into {@code consistency}), and a valid config has no others.
 */
public record MydumperConfig(int threads, long chunkFilesizeBytes, long statementSize, long rows, String where,
                             boolean skipTzUtc, String extraArgs, DumpConsistency consistency) {
    public MydumperConfig {
        where = where == null ? "" : where;
        extraArgs = extraArgs == null ? "" : extraArgs;
        consistency = consistency == null ? DumpConsistency.AUTO : consistency;
    }

    public MydumperConfig withThreads(int n) {
        return new MydumperConfig(n, chunkFilesizeBytes, statementSize, rows, where, skipTzUtc, extraArgs, consistency);
    }
}
