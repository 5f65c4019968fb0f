package io.godwit.core.event;

import io.godwit.core.model.BinlogLocation;

/**
 * The end of a source transaction (XID event, or a COMMIT query for non-transactional engines).
 *
 * @param next where to resume after this transaction; its gtid set includes this transaction
 */
public record TxCommit(BinlogLocation at, long sourceTimeMillis, BinlogLocation next) implements ChangeEvent {}
