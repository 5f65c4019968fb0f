package io.godwit.core.event;

import io.godwit.core.model.BinlogLocation;

/**
 * A statement logged as a query event outside a row transaction (DDL and the statements the
 * server logs like it, such as GRANT), with the database it ran in.
 *
 * @param schema the session's current database when the statement ran; may be empty
 * @param next   where to resume after this statement: it is its own transaction
 */
public record DdlEvent(BinlogLocation at, long sourceTimeMillis, String schema, String sql, BinlogLocation next)
        implements ChangeEvent {}
