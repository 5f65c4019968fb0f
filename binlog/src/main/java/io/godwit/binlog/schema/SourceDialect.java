package io.godwit.binlog.schema;

import io.godwit.core.db.ServerFlavor;
import java.util.Locale;
import java.util.Objects;

/**
 * How the source server spells column types in {@code information_schema}, so that the tracker's
 * model reads exactly like the snapshot's {@code TableInfo}s.
 *
 * @param mariaDb             MariaDB: JSON is a {@code longtext} with a binary collation, and
 *                            invisible indexes are called IGNORED
 * @param integerDisplayWidth integer types carry a display width ({@code int(11)}); MySQL 8.0.19+
 *                            dropped it except for {@code tinyint(1)} and ZEROFILL columns
 * @param defaultCharset      the server's {@code character_set_server}, for databases created
 *                            without a character set
 */
public record SourceDialect(boolean mariaDb, boolean integerDisplayWidth, String defaultCharset) {
    public SourceDialect {
        defaultCharset = Charsets.canonical(Objects.requireNonNull(defaultCharset, "defaultCharset"));
    }

    public static SourceDialect mariaDb(String defaultCharset) {
        return new SourceDialect(true, true, defaultCharset);
    }

    /** MySQL 8.0.19 and later. */
    public static SourceDialect mysql8(String defaultCharset) {
        return new SourceDialect(false, false, defaultCharset);
    }

    /** MySQL 5.7 and 8.0 before 8.0.19. */
    public static SourceDialect mysql57(String defaultCharset) {
        return new SourceDialect(false, true, defaultCharset);
    }

    /**
     * The dialect of a server from {@code SELECT VERSION()} and {@code @@character_set_server}.
     * TiDB reports types like MySQL 8.
     */
    public static SourceDialect forServer(String version, String characterSetServer) {
        ServerFlavor flavor = ServerFlavor.fromVersion(version);
        if (flavor == ServerFlavor.MARIADB) {
            return mariaDb(characterSetServer);
        }
        if (flavor == ServerFlavor.TIDB) {
            return mysql8(characterSetServer);
        }
        String[] parts = version.toLowerCase(Locale.ROOT).split("[^0-9]+");
        int major = parts.length > 0 && !parts[0].isEmpty() ? Integer.parseInt(parts[0]) : 0;
        int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        int patch = parts.length > 2 ? Integer.parseInt(parts[2]) : 0;
        boolean modern = major > 8 || major == 8 && (minor > 0 || patch >= 19);
        return modern ? mysql8(characterSetServer) : mysql57(characterSetServer);
    }
}
