package io.godwit.core.config.internal;

import io.godwit.core.config.CheckerConfig;
import io.godwit.core.config.DatabaseConfig;
import io.godwit.core.config.PurgeConfig;
import io.godwit.core.config.SourceConfig;
import io.godwit.core.config.rules.EventFilterRule;
import io.godwit.core.db.ServerFlavor;
import org.yaml.snakeyaml.nodes.Node;

import java.time.Duration;
import java.util.List;

/** Every key of DM's source.yaml, declared once. */
public final class SourceSchema {
    private SourceSchema() {}

    // ---- purge
    static final Key<Long> INTERVAL = Key.of("interval", Types.longIn(0, Long.MAX_VALUE), 3600L,
            "Seconds between checks for expired relay log files.");
    static final Key<Long> EXPIRES = Key.of("expires", Types.longIn(0, Long.MAX_VALUE), 0L,
            "Hours after which a relay log file no task needs is removed; 0 never.");
    static final Key<Long> REMAIN_SPACE = Key.of("remain-space", Types.longIn(0, Long.MAX_VALUE), 15L,
            "GiB of free disk below which relay log files are removed early.");
    static final Section<PurgeConfig> PURGE = Section.of("Removal of relay log files (only with `enable-relay`).",
            v -> new PurgeConfig(v.get(INTERVAL), v.get(EXPIRES), v.get(REMAIN_SPACE)), INTERVAL, EXPIRES, REMAIN_SPACE);

    // ---- checker
    static final Duration BACKOFF_MIN = Duration.ofSeconds(1);
    static final Key<Boolean> CHECK_ENABLE = Key.of("check-enable", Types.BOOL, true,
            "Resume tasks paused by a retryable error automatically.");
    static final Key<Duration> BACKOFF_ROLLBACK = Key.of("backoff-rollback", Types.duration(false), Duration.ofMinutes(5),
            "After a task has run this long without error, the resume backoff shrinks again.");
    static final Key<Duration> BACKOFF_MAX = Key.of("backoff-max", Types.duration(false), Duration.ofMinutes(5),
            "Longest wait between automatic resumes; at least 1s.");
    static final Key<Duration> CHECK_INTERVAL = Key.of("check-interval", Types.duration(false), Duration.ofSeconds(5),
            "Internal in DM (always 5s).").ignored();
    static final Key<Duration> BACKOFF_MIN_KEY = Key.of("backoff-min", Types.duration(false), BACKOFF_MIN,
            "Internal in DM (always 1s).").ignored();
    static final Key<Boolean> BACKOFF_JITTER = Key.of("backoff-jitter", Types.BOOL, true,
            "Internal in DM (always true).").ignored();
    static final Key<Double> BACKOFF_FACTOR = Key.of("backoff-factor", Types.decimalAtLeast(1), 2.0,
            "Internal in DM (always 2).").ignored();
    static final Section<CheckerConfig> CHECKER = Section.of("Automatic resume of paused tasks.",
            v -> new CheckerConfig(v.get(CHECK_ENABLE), v.get(BACKOFF_ROLLBACK), v.get(BACKOFF_MAX)),
            CHECK_ENABLE, BACKOFF_ROLLBACK, BACKOFF_MAX, CHECK_INTERVAL, BACKOFF_MIN_KEY, BACKOFF_JITTER, BACKOFF_FACTOR)
            .check(v -> {
                if (v.get(BACKOFF_MAX).compareTo(BACKOFF_MIN) < 0) {
                    v.problem(BACKOFF_MAX, "must be at least 1s");
                }
            });

    // ---- top level
    static final Key<String> SOURCE_ID = Key.required("source-id", Types.text("string", Syntax::sourceId),
            "Name of the source, unique in the cluster; task.yaml refers to it. At most 32 characters.");
    static final Key<Boolean> ENABLE = Key.of("enable", Types.BOOL, true, "Internal in DM.").ignored();
    static final Key<Boolean> ENABLE_GTID = Key.of("enable-gtid", Types.BOOL, false,
            "Follow the binlog by GTID instead of file and position (needs GTID mode on a MySQL source).");
    static final Key<Boolean> AUTO_FIX_GTID = Key.of("auto-fix-gtid", Types.BOOL, false, "Deprecated.").ignored();
    static final Key<Boolean> ENABLE_RELAY = Key.of("enable-relay", Types.BOOL, false,
            "Keep a local copy of the source's binlog (relay log) for the tasks to read.")
            .notSupportedWhen(b -> b, "`true`");
    static final Key<String> RELAY_BINLOG_NAME = Key.of("relay-binlog-name", Types.text("string", Syntax::binlogFile), "",
            "Relay log only: binlog file to start pulling from.");
    static final Key<String> RELAY_BINLOG_GTID = Key.of("relay-binlog-gtid", Types.text("string", Syntax::gtidSet), "",
            "Relay log only: GTID set to start pulling after.");
    static final Key<String> RELAY_DIR = Key.of("relay-dir", Types.STRING, "relay-dir",
            "Deprecated since DM v6.1 (set in the worker's config).").ignored();
    static final Key<String> META_DIR = Key.of("meta-dir", Types.STRING, "", "Deprecated.").ignored();
    static final Key<String> FLAVOR = Key.of("flavor", Types.oneOf(List.of("", "mysql", "mariadb"), s -> s), "",
            "`mysql` or `mariadb`; empty detects it from the server.");
    static final Key<String> CHARSET = Key.of("charset", Types.STRING, "", "Deprecated.").ignored();
    static final Key<Long> SERVER_ID = Key.of("server-id", Types.longIn(0, 4_294_967_295L), 0L,
            "Server id Godwit uses as a replica of the source; 0 picks one not used by other replicas.");
    static final Key<Object> TRACER = Key.of("tracer", Types.ANY, null, "Deprecated.").ignored();
    static final Key<Boolean> CASE_SENSITIVE = Key.of("case-sensitive", Types.BOOL, false,
            "Whether `filters` match schema and table names case-sensitively.");
    static final Key<List<EventFilterRule>> FILTERS = Key.of("filters", Types.listOf(RuleSchema.EVENT_FILTER), List.of(),
            "Binlog event filters for every task of this source (same keys as task.yaml `filters`).");
    static final Key<DatabaseConfig> FROM = Key.required("from", DatabaseSchema.DATABASE, "How to reach the source server.");
    static final Key<PurgeConfig> PURGE_KEY = Key.of("purge", PURGE, PURGE.defaults(), "Relay log removal.");
    static final Key<CheckerConfig> CHECKER_KEY = Key.of("checker", CHECKER, CHECKER.defaults(),
            "Automatic resume of paused tasks.");

    public static final Section<SourceConfig> SOURCE = Section.of("An upstream MySQL or MariaDB server (or replica group).",
            v -> new SourceConfig(v.get(SOURCE_ID), v.get(ENABLE_GTID), v.get(ENABLE_RELAY), v.get(RELAY_BINLOG_NAME),
                    v.get(RELAY_BINLOG_GTID), flavor(v.get(FLAVOR)), v.get(SERVER_ID), v.get(CASE_SENSITIVE),
                    v.get(FROM), v.get(PURGE_KEY), v.get(CHECKER_KEY), v.get(FILTERS)),
            SOURCE_ID, ENABLE, ENABLE_GTID, AUTO_FIX_GTID, ENABLE_RELAY, RELAY_BINLOG_NAME, RELAY_BINLOG_GTID, RELAY_DIR,
            META_DIR, FLAVOR, CHARSET, SERVER_ID, TRACER, CASE_SENSITIVE, FILTERS, FROM, PURGE_KEY, CHECKER_KEY);

    public static SourceConfig read(Node root, Walk walk) {
        return SOURCE.readRoot(root, walk);
    }

    private static ServerFlavor flavor(String f) {
        return switch (f) {
            case "mysql" -> ServerFlavor.MYSQL;
            case "mariadb" -> ServerFlavor.MARIADB;
            default -> null;
        };
    }
}
