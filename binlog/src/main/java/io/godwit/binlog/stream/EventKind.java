package io.godwit.binlog.stream;

/** What an event means to the consumer; decided on the socket thread by {@link PositionTracker}. */
enum EventKind {
    /** Table id to name mapping, needed to decode the rows events that follow. */
    TABLE_MAP,
    /** WRITE/UPDATE/DELETE rows, any version. */
    ROWS,
    /** End of a transaction: XID, COMMIT, XA PREPARE, XA COMMIT. */
    COMMIT,
    /** A statement: DDL and the like, on its own or (CREATE TABLE ... SELECT) inside a transaction. */
    STATEMENT,
    HEARTBEAT,
    /** Something that cannot be replicated correctly; the consumer fails with the reason. */
    UNSUPPORTED,
    /** Only moves positions or transaction state: never queued. */
    INTERNAL
}
