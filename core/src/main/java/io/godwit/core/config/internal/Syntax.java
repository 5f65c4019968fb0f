package io.godwit.core.config.internal;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.regex.Pattern;

/** Checks of string values whose form DM also checks: binlog file names, GTID sets, time zones, ids. */
final class Syntax {
    private Syntax() {}

    private static final Pattern BINLOG_FILE = Pattern.compile("[^/\\\\\\s]+\\.[0-9]+");
    private static final String UUID = "[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}";
    // MySQL: uuid:1-5:7 (8.4 adds tags: uuid:tag:1-5); MariaDB: domain-server-sequence
    private static final Pattern MYSQL_GTID = Pattern.compile(UUID + "(:([a-zA-Z_][a-zA-Z0-9_]{0,31}|[0-9]+(-[0-9]+)?))+");
    private static final Pattern MARIADB_GTID = Pattern.compile("[0-9]+-[0-9]+-[0-9]+");

    /** DM's limit, because the id is part of names in the meta schema. */
    static final int MAX_SOURCE_ID_LENGTH = 32;

    static String binlogFile(String name) {
        return name.isEmpty() || BINLOG_FILE.matcher(name).matches() ? null
                : "\"" + name + "\" is not a binlog file name (like mysql-bin.000001)";
    }

    static String gtidSet(String set) {
        if (set.isBlank()) {
            return null;
        }
        for (String part : set.split(",")) {
            String p = part.trim();
            if (!MYSQL_GTID.matcher(p).matches() && !MARIADB_GTID.matcher(p).matches()) {
                return "\"" + p + "\" is not a GTID set element (MySQL uuid:1-100 or MariaDB 0-1-100)";
            }
        }
        return null;
    }

    /** DM takes an IANA zone name or an offset; empty uses the target's global time zone. */
    static String timeZone(String tz) {
        if (tz.isEmpty() || tz.equals("Local") || tz.equals("SYSTEM")) {
            return null;
        }
        try {
            ZoneId.of(tz);
            return null;
        } catch (DateTimeException e) {
            return "\"" + tz + "\" is not a time zone (like Asia/Shanghai or +08:00)";
        }
    }

    static String sourceId(String id) {
        return id.length() <= MAX_SOURCE_ID_LENGTH ? null
                : "is " + id.length() + " characters long; at most " + MAX_SOURCE_ID_LENGTH + " are allowed";
    }
}
