package io.godwit.core.config;

/**
 * One entry of {@code loaders} (or an instance's inline {@code loader}): how the load unit writes dump
 * files into the target. The {@code *Physical} fields and {@code rangeConcurrency}, {@code compressKvPairs},
 * {@code pdAddr} only matter for {@code import-mode: physical}, which is not supported yet.
 * {@code onDuplicateLogical} is the effective value of {@code on-duplicate-logical} or its deprecated
 * name {@code on-duplicate}.
 */
public record LoaderConfig(int poolSize, String dir, ImportMode importMode, OnDuplicate onDuplicateLogical,
                           PhysicalOnDuplicate onDuplicatePhysical, String sortingDirPhysical, long diskQuotaPhysical,
                           PostImport checksumPhysical, PostImport analyze, int rangeConcurrency,
                           String compressKvPairs, String pdAddr) {

    public enum ImportMode { LOGICAL, PHYSICAL }

    /** What loading a row whose key already exists in the target does. */
    public enum OnDuplicate { REPLACE, IGNORE, ERROR }

    public enum PhysicalOnDuplicate { NONE, MANUAL }

    /** {@code checksum-physical} / {@code analyze}: run after a physical import, and whether a failure pauses. */
    public enum PostImport { REQUIRED, OPTIONAL, OFF }

    public LoaderConfig {
        dir = dir == null ? "" : dir;
        sortingDirPhysical = sortingDirPhysical == null ? "" : sortingDirPhysical;
        compressKvPairs = compressKvPairs == null ? "" : compressKvPairs;
        pdAddr = pdAddr == null ? "" : pdAddr;
    }

    public LoaderConfig withPoolSize(int n) {
        return new LoaderConfig(n, dir, importMode, onDuplicateLogical, onDuplicatePhysical, sortingDirPhysical,
                diskQuotaPhysical, checksumPhysical, analyze, rangeConcurrency, compressKvPairs, pdAddr);
    }
}
