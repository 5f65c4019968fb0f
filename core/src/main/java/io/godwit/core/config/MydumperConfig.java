package io.godwit.core.config;

/**
 * One entry of {@code mydumpers} (or an instance's inline {@code mydumper}): how the dump unit reads the
 * source. {@code chunkFilesizeBytes} is DM's {@code chunk-filesize} in bytes (DM writes MiB).
 * {@code where} and {@code extraArgs} are always empty in a valid config (not supported yet).
 */
public record MydumperConfig(int threads, long chunkFilesizeBytes, long statementSize, long rows, String where,
                             boolean skipTzUtc, String extraArgs) {
    public MydumperConfig {
        where = where == null ? "" : where;
        extraArgs = extraArgs == null ? "" : extraArgs;
    }

    public MydumperConfig withThreads(int n) {
        return new MydumperConfig(n, chunkFilesizeBytes, statementSize, rows, where, skipTzUtc, extraArgs);
    }
}
