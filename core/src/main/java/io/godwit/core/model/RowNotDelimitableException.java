package io.godwit.core.model;

/**
 * A row that {@code LOAD DATA} text cannot carry exactly: a UTF-8 string column holding bytes
 * that are not UTF-8. The loader rolls the chunk back and loads it again as SQL literals, which
 * keep such bytes as hex.
 */
public final class RowNotDelimitableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RowNotDelimitableException(String message) {
        super(message, null, false, false);
    }
}
