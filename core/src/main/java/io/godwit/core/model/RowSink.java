package io.godwit.core.model;

/**
 * Receives rows streamed out of a chunk. A row is the comma-separated SQL literals of the table's
 * data columns in ordinal order, ready to stand between the parentheses of an INSERT's VALUES
 * list: {@code 1,'it''s',0x00FF,NULL,'2024-01-01 00:00:00.000000'}. Exactness is the producer's
 * duty; a consumer never re-parses the literals.
 */
@FunctionalInterface
public interface RowSink {
    void accept(String rowLiterals) throws Exception;
}
