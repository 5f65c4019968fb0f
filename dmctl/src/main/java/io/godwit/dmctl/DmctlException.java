package io.godwit.dmctl;

/** A dmctl command failed; the message is the one line dmctl prints before exiting 1. */
final class DmctlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DmctlException(String message) {
        super(message);
    }
}
