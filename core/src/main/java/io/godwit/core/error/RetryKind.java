package io.godwit.core.error;

/** What may be done about an error without changing anything. */
public enum RetryKind {
    /** Transient: the same action may succeed if tried again after a backoff (deadlock, lost connection). */
    RETRYABLE,
    /** The operator must fix something (privilege, DDL, disk) and then resume the task. */
    RESUMABLE,
    /** The input itself is wrong (config, unsupported feature); retrying changes nothing. */
    FATAL
}
