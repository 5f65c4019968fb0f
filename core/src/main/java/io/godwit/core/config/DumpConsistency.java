package io.godwit.core.config;

import java.util.Locale;

/**
 * How the dump connections agree on one point in time: dumpling's {@code --consistency}, which DM
 * users set through {@code mydumpers.<name>.extra-args} ({@code "--consistency none"}).
 */
public enum DumpConsistency {
    /** Chosen by the source: {@link #FLUSH} on MySQL/MariaDB, {@link #SNAPSHOT} on TiDB. */
    AUTO,
    /** FLUSH TABLES WITH READ LOCK while the snapshots start and the position is read. */
    FLUSH,
    /** LOCK TABLES ... READ on the dumped tables for the whole dump. */
    LOCK,
    /** TiDB only: every connection reads at one TSO. */
    SNAPSHOT,
    /** No lock: each connection has its own snapshot. */
    NONE;

    /** As dumpling spells it, lower case: {@code auto}, {@code flush}, ... */
    public String dumplingName() { return name().toLowerCase(Locale.ROOT); }
}
