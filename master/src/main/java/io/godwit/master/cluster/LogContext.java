package io.godwit.master.cluster;

import org.slf4j.MDC;

/** Logs with the subject of a decision (source, worker, task) in the MDC, so log shippers can filter by it. */
final class LogContext {
    private LogContext() {
    }

    static void with(String key, String value, Runnable log) {
        MDC.put(key, value);
        try {
            log.run();
        } finally {
            MDC.remove(key);
        }
    }
}
