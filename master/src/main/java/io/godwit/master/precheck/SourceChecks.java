package io.godwit.master.precheck;

import io.godwit.core.config.BinlogMeta;
import io.godwit.core.config.DumpConsistency;
import io.godwit.core.config.MySqlInstance;
import io.godwit.core.model.TableId;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The checks of one source server: version, binlog settings, privileges, connections, meta position. */
final class SourceChecks {
    private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.(\\d+)\\.(\\d+)");

    private final ServerFacts server;
    private final String where;
    private final List<CheckResult> out;

    SourceChecks(ServerFacts server, String where, List<CheckResult> out) {
        this.server = server;
        this.where = where;
        this.out = out;
    }

    void version() throws SQLException {
        String v = server.version();
        Matcher m = VERSION.matcher(v);
        if (!m.find() || v.toLowerCase(Locale.ROOT).contains("tidb")) {
            out.add(CheckResult.ok(CheckItem.VERSION, where));
            return;
        }
        int[] have = {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
        boolean maria = v.toLowerCase(Locale.ROOT).contains("mariadb");
        int[] min = maria ? new int[] {10, 1, 2} : new int[] {5, 6, 0};
        if (compare(have, min) < 0) {
            out.add(CheckResult.failure(CheckItem.VERSION, where, "version " + v + " is older than the oldest supported "
                    + (maria ? "MariaDB 10.1.2" : "MySQL 5.6.0"), "upgrade the source"));
        } else {
            out.add(CheckResult.ok(CheckItem.VERSION, where));
        }
    }

    void binlog(CheckItem item) throws SQLException {
        switch (item) {
            case BINLOG_ENABLE -> expect(item, "log_bin", "ON", "start the server with log_bin (--log-bin)");
            case BINLOG_FORMAT -> expect(item, "binlog_format", "ROW", "SET GLOBAL binlog_format = ROW and reconnect"
                    + " the writers (and set it in the server's config file)");
            case BINLOG_ROW_IMAGE -> expect(item, "binlog_row_image", "FULL", "SET GLOBAL binlog_row_image = FULL (and in"
                    + " the server's config file)");
            case SERVER_ID -> {
                String id = server.variable("server_id");
                if (id == null || "0".equals(id)) {
                    out.add(CheckResult.failure(item, where, "server_id is " + id, "set server_id to a unique non-zero value"));
                } else {
                    out.add(CheckResult.ok(item, where));
                }
            }
            default -> throw new IllegalArgumentException("not a binlog item: " + item);
        }
    }

    void replicationPrivilege(Grants grants) {
        List<String> missing = new ArrayList<>();
        if (!grants.global("REPLICATION SLAVE")) {
            missing.add("REPLICATION SLAVE");
        }
        if (!grants.global("REPLICATION CLIENT") && !grants.global("BINLOG MONITOR") && !grants.global("SUPER")) {
            missing.add("REPLICATION CLIENT (BINLOG MONITOR on MariaDB 10.5+)");
        }
        out.add(missing.isEmpty() ? CheckResult.ok(CheckItem.REPLICATION_PRIVILEGE, where)
                : CheckResult.failure(CheckItem.REPLICATION_PRIVILEGE, where, "the user lacks " + String.join(", ", missing)
                        + " ON *.*", "GRANT " + String.join(", ", missing).replace(" (BINLOG MONITOR on MariaDB 10.5+)", "")
                        + " ON *.* TO the task's source user"));
    }

    void dumpPrivilege(Grants grants, Collection<TableId> tables, DumpConsistency consistency, boolean mariaDb) {
        List<String> problems = new ArrayList<>();
        List<TableId> unreadable = tables.stream().filter(t -> !grants.onTable("SELECT", t.schema(), t.table())).toList();
        if (!unreadable.isEmpty()) {
            problems.add("SELECT on " + TableChecks.someOf(unreadable));
        }
        if (tables.isEmpty() && !grants.anywhere("SELECT")) {
            // the tables are listed as this user, who sees none without any SELECT: not a task without tables
            problems.add("SELECT on the migrated schemas (it holds SELECT nowhere, so it sees no table to migrate)");
        }
        boolean flush = consistency == DumpConsistency.FLUSH || consistency == DumpConsistency.AUTO && !mariaDb;
        if (flush && !grants.global("RELOAD")) {
            problems.add("RELOAD ON *.* (consistency " + consistency.name().toLowerCase(Locale.ROOT) + " takes FLUSH TABLES WITH READ LOCK)");
        }
        if (consistency == DumpConsistency.LOCK
                && tables.stream().anyMatch(t -> !grants.onSchema("LOCK TABLES", t.schema()))) {
            problems.add("LOCK TABLES on the migrated schemas (consistency lock)");
        }
        out.add(problems.isEmpty() ? CheckResult.ok(CheckItem.DUMP_PRIVILEGE, where)
                : CheckResult.failure(CheckItem.DUMP_PRIVILEGE, where, "the user lacks " + String.join("; ", problems),
                        "grant those privileges to the task's source user"));
    }

    /** Free connections ({@code max_connections} minus those open) against what the task opens on this source. */
    void connections(int needed) throws SQLException {
        long max = Long.parseLong(server.variable("max_connections"));
        long used = Long.parseLong(server.status("Threads_connected"));
        if (max - used < needed) {
            out.add(CheckResult.failure(CheckItem.CONN_NUMBER, where, "the task opens " + needed + " connections, and "
                    + (max - used) + " of max_connections " + max + " are free", "raise max_connections or lower the"
                    + " task's threads"));
        } else {
            out.add(CheckResult.ok(CheckItem.CONN_NUMBER, where));
        }
    }

    void metaPosition(MySqlInstance inst, boolean enableGtid) throws SQLException {
        BinlogMeta meta = inst.meta();
        if (meta == null || !meta.hasPosition() && !meta.hasGtid()) {
            out.add(CheckResult.failure(CheckItem.META_POSITION, where, "task-mode incremental has no meta position",
                    "set mysql-instances[].meta (binlog-name and binlog-pos, or binlog-gtid with enable-gtid: true)"));
            return;
        }
        if (enableGtid && meta.hasGtid()) {
            out.add(CheckResult.ok(CheckItem.META_POSITION, where)); // GTID purge is reported by the stream itself
            return;
        }
        if (!meta.hasPosition()) {
            out.add(CheckResult.failure(CheckItem.META_POSITION, where, "meta has only binlog-gtid, and the source's"
                    + " enable-gtid is false", "set enable-gtid: true in the source, or give binlog-name and binlog-pos"));
            return;
        }
        for (ServerFacts.BinlogFile f : server.binaryLogs()) {
            if (f.name().equals(meta.binlogName())) {
                out.add(meta.binlogPos() <= f.size() ? CheckResult.ok(CheckItem.META_POSITION, where)
                        : CheckResult.failure(CheckItem.META_POSITION, where, "binlog-pos " + meta.binlogPos() + " is past the"
                        + " end of " + f.name() + " (" + f.size() + " bytes)", "correct mysql-instances[].meta.binlog-pos"));
                return;
            }
        }
        out.add(CheckResult.failure(CheckItem.META_POSITION, where, "binlog file " + meta.binlogName() + " is not on the"
                + " source (purged, or never written)", "start from a newer full dump (task-mode all), or correct meta"));
    }

    private void expect(CheckItem item, String variable, String wanted, String instruction) throws SQLException {
        String v = server.variable(variable);
        if (v != null && v.equalsIgnoreCase(wanted)) {
            out.add(CheckResult.ok(item, where));
        } else {
            out.add(CheckResult.failure(item, where, variable + " is " + (v == null ? "not set" : v) + ", and should be "
                    + wanted, instruction));
        }
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < 3; i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return 0;
    }
}
