package io.godwit.core.error;

/**
 * Every error Godwit reports, with a stable number, a class, a retry kind and a suggested fix.
 * Numbers never change meaning once released; add new ones at the end of their block.
 * Blocks: 11xxx config, 12xxx upstream, 13xxx downstream, 14xxx dump, 15xxx load, 16xxx sync,
 * 17xxx binlog, 18xxx shard, 19xxx meta, 20xxx check, 29xxx internal.
 */
public enum ErrorCode {
    // ---- config
    CONFIG_INVALID(11001, ErrorClass.CONFIG, RetryKind.FATAL, "invalid configuration",
            "correct the listed keys; `godwit check-config` validates files without connecting"),
    CONFIG_UNREADABLE(11002, ErrorClass.CONFIG, RetryKind.FATAL, "configuration file cannot be read",
            "check the path and the file's permissions"),
    CONFIG_NOT_SUPPORTED(11003, ErrorClass.CONFIG, RetryKind.FATAL, "configuration key not supported yet",
            "remove the key or leave it at its default; see the README's config reference"),
    TLS_FILE_INVALID(11004, ErrorClass.CONFIG, RetryKind.FATAL, "a TLS certificate or key file of a `security` block cannot be used",
            "point `ssl-ca`/`ssl-cert` at PEM certificates and `ssl-key` at an unencrypted PEM key readable by Godwit; "
                    + "convert another key form with `openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem`"),
    TLS_PEER_REJECTED(11005, ErrorClass.CONFIG, RetryKind.FATAL, "the server's TLS certificate is not accepted",
            "check that `security.ssl-ca` holds the CA that signed the server's certificate and that "
                    + "`security.cert-allowed-cn` lists the certificate's common name (or is empty)"),

    // ---- upstream (source database)
    SOURCE_UNREACHABLE(12001, ErrorClass.UPSTREAM, RetryKind.RETRYABLE, "cannot connect to the source database",
            "check `from.host`/`from.port` in source.yaml and that the server is running and reachable"),
    SOURCE_ACCESS_DENIED(12002, ErrorClass.UPSTREAM, RetryKind.RESUMABLE, "the source database refused the login",
            "check `from.user`/`from.password` in source.yaml"),
    SOURCE_PRIVILEGE(12003, ErrorClass.UPSTREAM, RetryKind.RESUMABLE, "the source user lacks a privilege",
            "GRANT SELECT, RELOAD, LOCK TABLES, REPLICATION CLIENT, REPLICATION SLAVE ON *.* to the source user"),
    SOURCE_QUERY_FAILED(12004, ErrorClass.UPSTREAM, RetryKind.RESUMABLE, "a query on the source database failed",
            "see the cause; fix it on the source and resume the task"),

    // ---- downstream (target database)
    TARGET_UNREACHABLE(13001, ErrorClass.DOWNSTREAM, RetryKind.RETRYABLE, "cannot connect to the target database",
            "check `target-database.host`/`port` in task.yaml and that the server is running and reachable"),
    TARGET_ACCESS_DENIED(13002, ErrorClass.DOWNSTREAM, RetryKind.RESUMABLE, "the target database refused the login",
            "check `target-database.user`/`password` in task.yaml"),
    TARGET_PRIVILEGE(13003, ErrorClass.DOWNSTREAM, RetryKind.RESUMABLE, "the target user lacks a privilege",
            "GRANT CREATE, SELECT, INSERT, UPDATE, DELETE, ALTER, DROP, INDEX ON the migrated schemas and the meta schema"),
    TARGET_WRITE_FAILED(13004, ErrorClass.DOWNSTREAM, RetryKind.RESUMABLE, "a statement on the target database failed",
            "see the cause and the statement; fix the target and resume the task"),
    TARGET_TRANSIENT(13005, ErrorClass.DOWNSTREAM, RetryKind.RETRYABLE, "a transient target error (deadlock, lock wait, lost connection)",
            "none needed: the statement is retried with backoff"),

    // ---- dump
    DUMP_CONSISTENCY(14001, ErrorClass.DUMP, RetryKind.RESUMABLE, "cannot establish a consistent snapshot",
            "check `mydumpers.*.extra-args`/consistency and the source user's RELOAD/LOCK TABLES privileges"),
    DUMP_FAILED(14002, ErrorClass.DUMP, RetryKind.RESUMABLE, "dumping a table failed",
            "see the cause; the dump restarts from the unfinished chunks when the task is resumed"),
    DUMP_FILES(14003, ErrorClass.DUMP, RetryKind.RESUMABLE, "dump files cannot be written or read",
            "check the dump directory (`loaders.*.dir`), its free space and permissions"),

    // ---- load
    LOAD_FAILED(15001, ErrorClass.LOAD, RetryKind.RESUMABLE, "loading a chunk failed",
            "see the cause and the table; finished chunks are kept and are not loaded again on resume"),
    LOAD_SCHEMA_FAILED(15002, ErrorClass.LOAD, RetryKind.RESUMABLE, "creating a target database or table failed",
            "see the statement; create the table by hand in a compatible form and resume"),
    LOAD_DUPLICATE(15003, ErrorClass.LOAD, RetryKind.RESUMABLE, "a loaded row duplicates an existing key (on-duplicate: error)",
            "set `loaders.*.on-duplicate` to replace or ignore, or clean the target table"),

    // ---- sync
    SYNC_FAILED(16001, ErrorClass.SYNC, RetryKind.RESUMABLE, "applying a binlog change failed",
            "see the statement and position; fix the target, or skip/replace the event, then resume"),
    SYNC_DDL_FAILED(16002, ErrorClass.SYNC, RetryKind.RESUMABLE, "the target rejected a DDL statement",
            "see the statement and position; fix the target or run an equivalent DDL by hand and skip the event, then resume"),
    SYNC_TABLE_UNKNOWN(16003, ErrorClass.SYNC, RetryKind.RESUMABLE, "a row event's table is not tracked or its rows do not fit the tracked definition",
            "check the tracked schema of the table (`binlog-schema list`), set it with `binlog-schema update`, then resume"),
    SYNC_REREAD_MISMATCH(16004, ErrorClass.SYNC, RetryKind.RESUMABLE, "a half-applied batch reads differently from the binlog now",
            "restore the filters, routes and table schemas the task had when it stopped, resume until the batch is complete, then change them"),
    SYNC_WORKER_COUNT_CHANGED(16005, ErrorClass.SYNC, RetryKind.RESUMABLE, "worker-count changed while a batch was half applied",
            "restore the previous `syncers.*.worker-count` (named in the message), resume, and change it after the next checkpoint"),
    SYNC_CHECKPOINT_FENCED(16006, ErrorClass.SYNC, RetryKind.RESUMABLE, "another process advanced this task's sync checkpoints",
            "make sure only one worker runs the task for this source (`list-member`, `query-status`), then resume"),
    DDL_UNPARSABLE(16007, ErrorClass.SYNC, RetryKind.RESUMABLE, "a statement from the binlog cannot be parsed",
            "see the statement and position; run an equivalent DDL on the target by hand (and `binlog-schema update` "
                    + "for the table), skip the event with `binlog skip`, then resume"),
    DDL_UNSUPPORTED(16008, ErrorClass.SYNC, RetryKind.RESUMABLE, "a statement from the binlog cannot be replicated",
            "see the reason; create the table on the target by hand (CREATE TABLE ... SELECT: set binlog_format=ROW on "
                    + "the source), set its schema with `binlog-schema update`, skip the event, then resume"),
    SCHEMA_MISMATCH(16009, ErrorClass.SYNC, RetryKind.RESUMABLE, "a DDL does not fit the tracked schema of its table",
            "the tracked schema differs from the source's: compare `binlog-schema list` with SHOW CREATE TABLE at the "
                    + "position, set it with `binlog-schema update`, then resume"),
    SYNC_DDL_NOT_ROUTABLE(16010, ErrorClass.SYNC, RetryKind.RESUMABLE,
            "a DDL cannot be routed to the target without changing its meaning",
            "the DDL joins a migrated table with one outside the block-allow-list, or renames a merged (routed) table: "
                    + "run the equivalent change on the target by hand and skip the event with `binlog skip`, or make the "
                    + "block-allow-list and routes treat both tables alike, then resume"),

    // ---- binlog
    BINLOG_PURGED(17001, ErrorClass.BINLOG, RetryKind.RESUMABLE, "the binlog file to resume from has been purged on the source",
            "start from a position the source still has (a newer `meta` binlog-name/binlog-gtid in task.yaml, see SHOW BINARY LOGS), "
                    + "or run the task again with a full dump (`task-mode: all` with `--remove-meta`)"),
    BINLOG_DECODE_FAILED(17002, ErrorClass.BINLOG, RetryKind.RESUMABLE, "a binlog event cannot be decoded",
            "inspect the event at the reported position with `mysqlbinlog --start-position`; "
                    + "if it is not needed skip it with `dmctl binlog skip`, else report it with the event"),
    BINLOG_STREAM_MISMATCH(17003, ErrorClass.BINLOG, RetryKind.RESUMABLE, "after a reconnect the source sent a different binlog than before",
            "check that `from` still reaches the same server (no failover, RESET MASTER or restored backup), then resume the task"),
    BINLOG_FORMAT_UNSUPPORTED(17004, ErrorClass.BINLOG, RetryKind.RESUMABLE, "the source logs changes in a form Godwit cannot replicate",
            "on the source SET GLOBAL binlog_format=ROW, binlog_row_image=FULL, binlog_transaction_compression=OFF; "
                    + "then restart the task from a position logged after the change"),

    // ---- shard (shard-merge DDL coordination)
    SHARD_DDL_CONFLICT(18001, ErrorClass.SHARD, RetryKind.RESUMABLE,
            "a shard's DDL makes the merged table's definition conflict with another shard's",
            "make the shards' definitions agree again (change the named column or index on the shards that differ), or run "
                    + "the change on the target by hand and skip the event with `binlog skip`, then resume"),
    SHARD_DDL_UNSUPPORTED(18002, ErrorClass.SHARD, RetryKind.RESUMABLE,
            "a shard's DDL cannot be coordinated in optimistic shard mode",
            "renames, primary key and table option changes and NOT NULL columns without a DEFAULT need `shard-mode: pessimistic`; "
                    + "or run the change on the target "
                    + "by hand, skip the event with `binlog skip` on every shard, then resume"),
    SHARD_DDL_READD_DROPPED(18003, ErrorClass.SHARD, RetryKind.RESUMABLE,
            "a shard adds back a column it dropped while other shards still have it",
            "the target still holds the shard's old values in that column: drop the column on all shards first (the target "
                    + "drops it with the last one), then add it; or fix the target by hand and skip the event with `binlog skip`"),

    // ---- meta (checkpoints)
    META_FAILED(19001, ErrorClass.META, RetryKind.RESUMABLE, "reading or writing the checkpoint tables failed",
            "check the target user's privileges on `meta-schema`"),
    META_MISMATCH(19002, ErrorClass.META, RetryKind.FATAL, "the checkpoints in the target belong to a different plan",
            "start over with a clean meta schema (drop the task's checkpoint tables) or restore the original task file"),
    META_SCHEMA_UNREADABLE(19003, ErrorClass.META, RetryKind.RESUMABLE, "the stored table schemas (table_info) cannot be read",
            "the checkpoint's table_info was written by an incompatible version or damaged: set the tables' schemas with "
                    + "`binlog-schema update`, or start the task again from a new full dump"),

    // ---- check-data
    CHECK_FAILED(20001, ErrorClass.CHECK, RetryKind.RESUMABLE, "comparing source and target failed",
            "see the cause; check-data only reads, so it can simply be run again"),

    // ---- cluster (master, workers, their API)
    CLUSTER_NOT_FOUND(38001, ErrorClass.CLUSTER, RetryKind.FATAL, "no such source, task or member",
            "check the name with `dmctl operate-source show`, `dmctl query-status` or `dmctl list-member`"),
    CLUSTER_CONFLICT(38002, ErrorClass.CLUSTER, RetryKind.FATAL, "the request conflicts with the cluster's state",
            "see the message: stop the task that uses the source, or pick a free worker"),
    CLUSTER_BAD_REQUEST(38003, ErrorClass.CLUSTER, RetryKind.FATAL, "the request is malformed",
            "see the message for the field that is wrong"),
    CLUSTER_META_STORE(38004, ErrorClass.CLUSTER, RetryKind.RESUMABLE, "the master's meta store cannot be read or written",
            "check the master's --data-dir (space, permissions) and restart the master"),
    CLUSTER_UNREACHABLE(38005, ErrorClass.CLUSTER, RetryKind.RETRYABLE, "the master or a worker cannot be reached",
            "check that the process runs and the address (--master-addr, --join) is right"),
    CLUSTER_NO_FREE_WORKER(38006, ErrorClass.CLUSTER, RetryKind.RETRYABLE, "no free worker to bind a source to",
            "start another `godwit worker --join <master>`; the source is bound as soon as one registers"),

    // ---- internal
    INTERNAL(29001, ErrorClass.INTERNAL, RetryKind.FATAL, "internal error",
            "report it with the log; this is a Godwit bug"),
    INTERRUPTED(29002, ErrorClass.INTERNAL, RetryKind.RESUMABLE, "the task was stopped",
            "resume the task");

    private final int code;
    private final ErrorClass errorClass;
    private final RetryKind retryKind;
    private final String message;
    private final String workaround;

    ErrorCode(int code, ErrorClass errorClass, RetryKind retryKind, String message, String workaround) {
        this.code = code;
        this.errorClass = errorClass;
        this.retryKind = retryKind;
        this.message = message;
        this.workaround = workaround;
    }

    public int code() { return code; }
    public ErrorClass errorClass() { return errorClass; }
    public RetryKind retryKind() { return retryKind; }
    public String message() { return message; }
    public String workaround() { return workaround; }
}
