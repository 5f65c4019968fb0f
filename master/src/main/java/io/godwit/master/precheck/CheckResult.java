package io.godwit.master.precheck;

/**
 * One finding of a precheck: which item, on which server, how bad, what is wrong and what to do.
 *
 * @param where       {@code source <id> (host:port)} or {@code target (host:port)}
 * @param instruction how to fix it; empty for a success
 */
public record CheckResult(CheckItem item, State state, String where, String message, String instruction) {
    public enum State { SUCCESS, WARNING, FAILURE }

    static CheckResult ok(CheckItem item, String where) {
        return new CheckResult(item, State.SUCCESS, where, "", "");
    }

    static CheckResult warning(CheckItem item, String where, String message, String instruction) {
        return new CheckResult(item, State.WARNING, where, message, instruction);
    }

    static CheckResult failure(CheckItem item, String where, String message, String instruction) {
        return new CheckResult(item, State.FAILURE, where, message, instruction);
    }

    /** {@code binlog_format on source s1 (127.0.0.1:3306): binlog_format is STATEMENT...; fix: ...}. */
    public String oneLine() {
        return item.dmName() + " on " + where + ": " + message + (instruction.isEmpty() ? "" : "; fix: " + instruction);
    }
}
