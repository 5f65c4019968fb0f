package io.godwit.core.error;

/**
 * The one exception type Godwit throws for anything an operator may see. The message is a single
 * line naming what is wrong and where; the code carries class, retry kind and the suggested fix.
 */
public class GodwitException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;

    public GodwitException(ErrorCode code, String detail) {
        this(code, detail, null);
    }

    public GodwitException(ErrorCode code, String detail, Throwable cause) {
        super(detail, cause);
        this.code = code;
    }

    public ErrorCode code() { return code; }

    /** One line for a terminal or a status field: {@code [code=15001:load] detail; cause}. */
    public String oneLine() {
        StringBuilder b = new StringBuilder()
                .append("[code=").append(code.code()).append(':').append(code.errorClass().name().toLowerCase())
                .append("] ").append(getMessage());
        Throwable c = getCause();
        if (c != null && c.getMessage() != null && !getMessage().contains(c.getMessage())) {
            b.append(": ").append(c.getMessage().replace('\n', ' '));
        }
        return b.toString();
    }

    /** The suggested fix to print under {@link #oneLine()}. */
    public String workaround() { return code.workaround(); }
}
