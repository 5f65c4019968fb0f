package io.godwit.core.config.internal;

import io.godwit.core.config.LoaderConfig;
import io.godwit.core.config.LoaderConfig.ImportMode;
import io.godwit.core.config.LoaderConfig.OnDuplicate;
import io.godwit.core.config.LoaderConfig.PhysicalOnDuplicate;
import io.godwit.core.config.LoaderConfig.PostImport;
import io.godwit.core.config.MydumperConfig;
import io.godwit.core.config.SyncerConfig;
import io.godwit.core.config.ValidatorConfig;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** Settings of the units: task.yaml {@code mydumpers}, {@code loaders}, {@code syncers}, {@code validators}. */
public final class UnitSchema {
    private UnitSchema() {}

    private static final long MIB = 1L << 20;
    /** Upper bound of thread counts: far above any sane setting, low enough to catch a typo. */
    static final int MAX_THREADS = 1024;

    private static <E extends Enum<E>> Types.OneOf<E> lowerCase(E[] values) {
        return Types.oneOf(List.of(values), e -> e.name().toLowerCase(Locale.ROOT)).ignoringCase();
    }

    // ---- mydumpers
    static final Key<String> MYDUMPER_PATH = Key.of("mydumper-path", Types.STRING, "./bin/mydumper",
            "Deprecated: DM no longer runs a mydumper binary.").ignored();
    static final Key<Integer> THREADS = Key.of("threads", Types.intIn(1, MAX_THREADS), 4,
            "Connections that dump the source in parallel (also used by the source precheck).");
    static final Key<Long> CHUNK_FILESIZE = Key.of("chunk-filesize", Types.byteSize(MIB), 64 * MIB,
            "Size at which a table's dump is split into another file; a plain number is MiB, 0 means no split.")
            .defaultText("`64`");
    static final Key<Long> STATEMENT_SIZE = Key.of("statement-size", Types.longIn(0, Long.MAX_VALUE), 0L,
            "Largest INSERT statement written to a dump file, in bytes; 0 leaves it to the dumper.");
    static final Key<Long> ROWS = Key.of("rows", Types.longIn(0, Long.MAX_VALUE), 0L,
            "Rows per chunk when a table is split for parallel dumping; 0 leaves it to the dumper.");
    static final Key<String> WHERE = Key.of("where", Types.STRING, "",
            "SQL condition that limits the dumped rows of every table.")
            .notSupportedWhen(s -> !s.isEmpty(), "not empty");
    static final Key<Boolean> SKIP_TZ_UTC = Key.of("skip-tz-utc", Types.BOOL, true,
            "Keep the session time zone while dumping instead of switching to UTC.");
    static final Key<DumplingArgs> EXTRA_ARGS = Key.of("extra-args", DumplingArgs.TYPE, DumplingArgs.NONE,
            "Further dumpling command-line flags, split into words as a shell does. Godwit implements "
                    + "`--consistency <mode>` (or `--consistency=<mode>`): how the dump connections agree on one "
                    + "point in time, one of `auto` (default), `flush`, `lock`, `snapshot` (TiDB only), `none`.")
            .notSupportedParts("any flag but `--consistency`");

    public static final Section<MydumperConfig> MYDUMPER = Section.of("How the dump unit reads the source.",
            v -> new MydumperConfig(v.get(THREADS), v.get(CHUNK_FILESIZE), v.get(STATEMENT_SIZE), v.get(ROWS),
                    v.get(WHERE), v.get(SKIP_TZ_UTC), v.get(EXTRA_ARGS).text(), v.get(EXTRA_ARGS).consistency()),
            MYDUMPER_PATH, THREADS, CHUNK_FILESIZE, STATEMENT_SIZE, ROWS, WHERE, SKIP_TZ_UTC, EXTRA_ARGS);

    // ---- loaders
    static final Key<Integer> POOL_SIZE = Key.of("pool-size", Types.intIn(1, MAX_THREADS), 16,
            "Connections that load dump files into the target in parallel.");
    static final Key<String> DIR = Key.of("dir", Types.STRING, "./dumped_data",
            "Directory of the dump files (written by dump, read by load).");
    static final Key<ImportMode> IMPORT_MODE = Key.of("import-mode",
            lowerCase(ImportMode.values()).alias("sql", ImportMode.LOGICAL).alias("loader", ImportMode.LOGICAL),
            ImportMode.LOGICAL, "`logical` loads with SQL statements; `physical` ingests into TiKV directly.")
            .notSupportedWhen(m -> m == ImportMode.PHYSICAL, "`physical`");
    static final Key<OnDuplicate> ON_DUPLICATE = Key.of("on-duplicate", lowerCase(OnDuplicate.values()), null,
            "Deprecated name of `on-duplicate-logical`.");
    static final Key<OnDuplicate> ON_DUPLICATE_LOGICAL = Key.of("on-duplicate-logical", lowerCase(OnDuplicate.values()),
            OnDuplicate.REPLACE, "A loaded row whose key exists in the target: `replace` it, `ignore` the new row, or stop with an `error`.");
    static final Key<PhysicalOnDuplicate> ON_DUPLICATE_PHYSICAL = Key.of("on-duplicate-physical",
            lowerCase(PhysicalOnDuplicate.values()), PhysicalOnDuplicate.NONE, "Physical import only: conflict handling.");
    static final Key<String> SORTING_DIR_PHYSICAL = Key.of("sorting-dir-physical", Types.STRING, "",
            "Physical import only: local sort directory; empty uses `dir`.");
    static final Key<Long> DISK_QUOTA_PHYSICAL = Key.of("disk-quota-physical", Types.byteSize(1), 0L,
            "Physical import only: disk quota of the sort directory; 0 is unlimited.");
    static final Key<PostImport> CHECKSUM_PHYSICAL = Key.of("checksum-physical", lowerCase(PostImport.values()),
            PostImport.REQUIRED, "Physical import only: ADMIN CHECKSUM TABLE after the import.");
    static final Key<PostImport> ANALYZE = Key.of("analyze", lowerCase(PostImport.values()), PostImport.OPTIONAL,
            "Physical import only: ANALYZE TABLE after the import.");
    static final Key<Integer> RANGE_CONCURRENCY = Key.of("range-concurrency", Types.intIn(0, MAX_THREADS), 0,
            "Physical import only: concurrent KV sends to TiKV; 0 is the importer's default.");
    static final Key<String> COMPRESS_KV_PAIRS = Key.of("compress-kv-pairs",
            Types.oneOf(List.of("", "gzip", "gz"), s -> s), "", "Physical import only: compression of KV sends.");
    static final Key<String> PD_ADDR = Key.of("pd-addr", Types.STRING, "",
            "Physical import only: PD address; empty asks the target TiDB.");

    public static final Section<LoaderConfig> LOADER = Section.of("How the load unit writes the dump into the target.",
            v -> new LoaderConfig(v.get(POOL_SIZE), v.get(DIR), v.get(IMPORT_MODE),
                    v.isSet(ON_DUPLICATE_LOGICAL) || !v.isSet(ON_DUPLICATE) ? v.get(ON_DUPLICATE_LOGICAL) : v.get(ON_DUPLICATE),
                    v.get(ON_DUPLICATE_PHYSICAL), v.get(SORTING_DIR_PHYSICAL), v.get(DISK_QUOTA_PHYSICAL),
                    v.get(CHECKSUM_PHYSICAL), v.get(ANALYZE), v.get(RANGE_CONCURRENCY), v.get(COMPRESS_KV_PAIRS),
                    v.get(PD_ADDR)),
            POOL_SIZE, DIR, IMPORT_MODE, ON_DUPLICATE, ON_DUPLICATE_LOGICAL, ON_DUPLICATE_PHYSICAL, SORTING_DIR_PHYSICAL,
            DISK_QUOTA_PHYSICAL, CHECKSUM_PHYSICAL, ANALYZE, RANGE_CONCURRENCY, COMPRESS_KV_PAIRS, PD_ADDR)
            .check(v -> {
                if (v.isSet(ON_DUPLICATE) && v.isSet(ON_DUPLICATE_LOGICAL) && v.get(ON_DUPLICATE) != null
                        && v.get(ON_DUPLICATE) != v.get(ON_DUPLICATE_LOGICAL)) {
                    v.problem(ON_DUPLICATE, "conflicts with on-duplicate-logical; keep only on-duplicate-logical");
                }
            });

    // ---- syncers
    static final Key<String> META_FILE = Key.of("meta-file", Types.STRING, "", "Unused by DM tasks.").ignored();
    static final Key<Integer> WORKER_COUNT = Key.of("worker-count", Types.intIn(1, MAX_THREADS), 16,
            "Connections that apply binlog changes to the target in parallel (changes to one key stay in order).");
    static final Key<Integer> BATCH = Key.of("batch", Types.intIn(1, 100_000), 100,
            "Statements per target transaction; DM advises at most 500.");
    static final Key<Integer> QUEUE_SIZE = Key.of("queue-size", Types.intIn(1, 1 << 20), 1024,
            "Changes buffered per worker before the binlog reader waits.");
    static final Key<Integer> CHECKPOINT_FLUSH_INTERVAL = Key.of("checkpoint-flush-interval",
            Types.intIn(1, 86_400), 30, "Seconds between checkpoint writes.");
    static final Key<Boolean> COMPACT = Key.of("compact", Types.BOOL, false,
            "Merge successive changes of one row into one (insert+update becomes one insert).");
    static final Key<Boolean> MULTIPLE_ROWS = Key.of("multiple-rows", Types.BOOL, false,
            "Apply changes of one kind as multi-row statements.");
    static final Key<Integer> MAX_RETRY = Key.of("max-retry", Types.intIn(0, Integer.MAX_VALUE), 0,
            "Deprecated: retries are decided per error.").ignored();
    static final Key<Boolean> AUTO_FIX_GTID = Key.of("auto-fix-gtid", Types.BOOL, false, "Deprecated.").ignored();
    static final Key<Boolean> SYNCER_ENABLE_GTID = Key.of("enable-gtid", Types.BOOL, false,
            "Taken from source.yaml `enable-gtid`; ignored here, as in DM.").ignored();
    static final Key<Boolean> DISABLE_DETECT = Key.of("disable-detect", Types.BOOL, false, "Deprecated.").ignored();
    static final Key<Boolean> SAFE_MODE = Key.of("safe-mode", Types.BOOL, false,
            "Always write INSERT as REPLACE and UPDATE as DELETE+REPLACE, so replaying changes is harmless.");
    static final Key<Duration> SAFE_MODE_DURATION = Key.of("safe-mode-duration", Types.duration(true), null,
            "How long safe mode lasts after an unclean stop; `0s` makes automatic safe mode an error.")
            .defaultText("2 × `checkpoint-flush-interval` (`60s`)");
    static final Key<Boolean> ENABLE_ANSI_QUOTES = Key.of("enable-ansi-quotes", Types.BOOL, false,
            "Parse DDL with ANSI_QUOTES (for a `sql_mode` with ANSI_QUOTES in `session`).")
            .notSupportedWhen(b -> b, "`true`");

    public static final Section<SyncerConfig> SYNCER = Section.of("How the sync unit applies the binlog to the target.",
            v -> new SyncerConfig(v.get(WORKER_COUNT), v.get(BATCH), v.get(QUEUE_SIZE), v.get(CHECKPOINT_FLUSH_INTERVAL),
                    v.get(COMPACT), v.get(MULTIPLE_ROWS), v.get(SAFE_MODE), v.get(SAFE_MODE_DURATION),
                    v.get(ENABLE_ANSI_QUOTES)),
            META_FILE, WORKER_COUNT, BATCH, QUEUE_SIZE, CHECKPOINT_FLUSH_INTERVAL, COMPACT, MULTIPLE_ROWS, MAX_RETRY,
            AUTO_FIX_GTID, SYNCER_ENABLE_GTID, DISABLE_DETECT, SAFE_MODE, SAFE_MODE_DURATION, ENABLE_ANSI_QUOTES)
            .check(v -> {
                Duration d = v.get(SAFE_MODE_DURATION);
                if (d != null && d.isNegative()) {
                    v.problem(SAFE_MODE_DURATION, "must not be negative");
                }
                if (v.get(SAFE_MODE) && d != null && d.isZero()) {
                    v.problem(SAFE_MODE_DURATION, "0s conflicts with safe-mode: true");
                }
            });

    // ---- validators
    static final Key<ValidatorConfig.Mode> MODE = Key.of("mode", Types.oneOf(List.of(ValidatorConfig.Mode.values()),
                    m -> m.name().toLowerCase(Locale.ROOT)), ValidatorConfig.Mode.NONE,
            "`full` compares every column of replicated rows, `fast` only that they exist, `none` turns validation off.")
            .notSupportedWhen(m -> m != ValidatorConfig.Mode.NONE, "`fast` or `full`");
    static final Key<Integer> V_WORKER_COUNT = Key.of("worker-count", Types.intIn(1, MAX_THREADS), 4, "Validation workers.");
    static final Key<Duration> VALIDATE_INTERVAL = Key.of("validate-interval", Types.duration(false),
            Duration.ofSeconds(10), "Interval between validation rounds.");
    static final Key<Duration> CHECK_INTERVAL = Key.of("check-interval", Types.duration(false),
            Duration.ofSeconds(5), "Interval between checks of pending rows.");
    static final Key<Duration> ROW_ERROR_DELAY = Key.of("row-error-delay", Types.duration(false),
            Duration.ofMinutes(30), "How long a row may fail validation before it is reported.");
    static final Key<Duration> META_FLUSH_INTERVAL = Key.of("meta-flush-interval", Types.duration(false),
            Duration.ofMinutes(5), "Interval between writes of the validator's checkpoint.");
    static final Key<Integer> BATCH_QUERY_SIZE = Key.of("batch-query-size", Types.intIn(1, 100_000), 100,
            "Rows fetched per validation query.");
    static final Key<Long> MAX_PENDING_ROW_SIZE = Key.of("max-pending-row-size", Types.byteSize(1), 500 * MIB,
            "Memory of rows waiting for validation before the task pauses.").defaultText("`500m`");
    static final Key<Integer> MAX_PENDING_ROW_COUNT = Key.of("max-pending-row-count", Types.intIn(1, Integer.MAX_VALUE),
            Integer.MAX_VALUE, "Rows waiting for validation before the task pauses.");

    public static final Section<ValidatorConfig> VALIDATOR = Section.of("Continuous validation of replicated rows.",
            v -> new ValidatorConfig(v.get(MODE), v.get(V_WORKER_COUNT), v.get(VALIDATE_INTERVAL), v.get(CHECK_INTERVAL),
                    v.get(ROW_ERROR_DELAY), v.get(META_FLUSH_INTERVAL), v.get(BATCH_QUERY_SIZE),
                    v.get(MAX_PENDING_ROW_SIZE), v.get(MAX_PENDING_ROW_COUNT)),
            MODE, V_WORKER_COUNT, VALIDATE_INTERVAL, CHECK_INTERVAL, ROW_ERROR_DELAY, META_FLUSH_INTERVAL,
            BATCH_QUERY_SIZE, MAX_PENDING_ROW_SIZE, MAX_PENDING_ROW_COUNT);
}
