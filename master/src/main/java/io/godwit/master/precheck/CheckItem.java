package io.godwit.master.precheck;

import io.godwit.core.config.TaskMode;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * DM's precheck items, by the names {@code ignore-checking-items} uses, and the task modes each
 * applies to: dump checks for the modes that dump, binlog checks for the modes that sync, target
 * checks for the modes that write the target.
 */
public enum CheckItem {
    VERSION("version", "the source's server version is supported", Modes.ALL),
    DUMP_PRIVILEGE("dump_privilege", "the source user may dump (SELECT, RELOAD for consistency flush)", Modes.DUMPING),
    REPLICATION_PRIVILEGE("replication_privilege", "the source user may read the binlog (REPLICATION SLAVE, REPLICATION CLIENT)",
            Modes.SYNCING),
    BINLOG_ENABLE("binlog_enable", "the source writes a binlog (log_bin)", Modes.SYNCING),
    BINLOG_FORMAT("binlog_format", "the source's binlog_format is ROW", Modes.SYNCING),
    BINLOG_ROW_IMAGE("binlog_row_image", "the source's binlog_row_image is FULL", Modes.SYNCING),
    SERVER_ID("server_id", "the source has a server_id other than 0", Modes.SYNCING),
    META_POSITION("meta_position", "the task's meta position exists in the source's binlog", Modes.INCREMENTAL),
    CONN_NUMBER("conn_number", "the servers accept the connections the task opens", Modes.ALL),
    TARGET_PRIVILEGE("target_privilege", "the target user may create and write the migrated tables", Modes.WRITING),
    TABLE_SCHEMA("table_schema", "every migrated table has a primary or unique key", Modes.ALL),
    SCHEMA_OF_SHARD_TABLES("schema_of_shard_tables", "tables merged into one target table have the same columns", Modes.ALL),
    AUTO_INCREMENT_ID("auto_increment_ID", "merged tables' auto-increment keys cannot collide", Modes.ALL);

    private final String dmName;
    private final String description;
    private final Set<TaskMode> modes;

    CheckItem(String dmName, String description, Set<TaskMode> modes) {
        this.dmName = dmName;
        this.description = description;
        this.modes = modes;
    }

    /** The name in DM's {@code ignore-checking-items} and check-task output. */
    public String dmName() { return dmName; }

    public String description() { return description; }

    public boolean appliesTo(TaskMode mode) { return modes.contains(mode); }

    /** The item of a DM name (case-insensitive), if Godwit checks it. */
    public static Optional<CheckItem> byDmName(String name) {
        return Arrays.stream(values()).filter(i -> i.dmName.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
                .findFirst();
    }

    private static final class Modes {
        static final Set<TaskMode> ALL = EnumSet.allOf(TaskMode.class);
        static final Set<TaskMode> DUMPING = EnumSet.of(TaskMode.FULL, TaskMode.ALL, TaskMode.DUMP);
        static final Set<TaskMode> SYNCING = EnumSet.of(TaskMode.ALL, TaskMode.INCREMENTAL, TaskMode.LOAD_SYNC);
        static final Set<TaskMode> INCREMENTAL = EnumSet.of(TaskMode.INCREMENTAL);
        static final Set<TaskMode> WRITING = EnumSet.of(TaskMode.FULL, TaskMode.ALL, TaskMode.INCREMENTAL,
                TaskMode.LOAD, TaskMode.LOAD_SYNC);
    }
}
