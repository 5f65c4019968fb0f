package io.godwit.core.db;

import java.util.Locale;

/** The kind of MySQL-family server at the other end, detected from {@code SELECT VERSION()}. */
public enum ServerFlavor {
    MYSQL, MARIADB, TIDB;

    /** {@code 8.0.11-TiDB-v7.5.0} is TiDB, {@code 11.4.5-MariaDB-log} is MariaDB, anything else MySQL. */
    public static ServerFlavor fromVersion(String version) {
        String v = version == null ? "" : version.toLowerCase(Locale.ROOT);
        if (v.contains("tidb")) {
            return TIDB;
        }
        if (v.contains("mariadb")) {
            return MARIADB;
        }
        return MYSQL;
    }
}
