package io.godwit.binlog.ddl;

import java.util.List;

/**
 * What a statement read from the binlog is for Godwit. Exactly one of: DDL to apply, split into
 * single changes; a statement skipped on purpose, with the reason; or a statement that cannot be
 * replicated. Nothing is dropped without saying which of these it was.
 */
public sealed interface ParsedDdl {
    /** The statement as logged. */
    String sql();

    /** DDL that changes databases or tables, as single changes in statement order (at least one). */
    record Changes(String sql, List<DdlChange> changes) implements ParsedDdl {
        public Changes {
            changes = List.copyOf(changes);
            if (changes.isEmpty()) {
                throw new IllegalArgumentException("a DDL statement has at least one change");
            }
        }
    }

    /**
     * A statement that is not DDL for Godwit and is skipped on purpose (GRANT, CREATE VIEW, ...).
     *
     * @param kind   the statement's kind in SQL words, e.g. {@code GRANT}, {@code CREATE TRIGGER}
     * @param reason why it needs nothing on the target
     */
    record Ignored(String sql, String kind, String reason) implements ParsedDdl {
        @Override public String toString() { return "ignored: " + kind + " (" + reason + ")"; }
    }

    /**
     * A statement that changes data or schema in a way Godwit cannot replay from the binlog, such
     * as {@code CREATE TABLE ... SELECT}: the caller stops the task with the position.
     */
    record Unsupported(String sql, String kind, String reason) implements ParsedDdl {
        @Override public String toString() { return "unsupported: " + kind + " (" + reason + ")"; }
    }
}
