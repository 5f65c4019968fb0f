package io.godwit.core.error;

/** Where an error comes from, as DM classifies them; shown in status and used by operators to triage. */
public enum ErrorClass {
    CONFIG, UPSTREAM, DOWNSTREAM, BINLOG, DUMP, LOAD, SYNC, SHARD, META, CHECK, CLUSTER, INTERNAL
}
