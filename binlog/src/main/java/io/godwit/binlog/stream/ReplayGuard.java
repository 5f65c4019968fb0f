package io.godwit.binlog.stream;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import java.util.Arrays;

/**
 * Makes a reconnect invisible. A connection resumes at the last transaction boundary, so it
 * re-reads the events of the unfinished transaction that were already passed on. This guard
 * expects exactly those events again, by file and position, in order, and drops them; the first
 * event past them is new. An event anywhere else means the source's binlog is not the one read
 * before (another server behind the address, a reset binlog): that stops the stream.
 */
final class ReplayGuard {
    static final ReplayGuard NONE = new ReplayGuard(new PositionTracker.Replay("", new long[0]));

    private final PositionTracker.Replay expected;
    private int matched;

    ReplayGuard(PositionTracker.Replay expected) {
        this.expected = expected;
    }

    /** The same expectation from its first event: for a connection lost again during the replay. */
    ReplayGuard restart() {
        return new ReplayGuard(expected);
    }

    boolean done() {
        return matched == expected.positions().length;
    }

    /**
     * Whether {@code e} was passed on before and must be dropped now.
     *
     * @throws GodwitException BINLOG_STREAM_MISMATCH when the re-read does not line up
     */
    boolean alreadyDelivered(TrackedEvent e) {
        if (done() || !e.groupMember()) {
            return false;
        }
        long want = expected.positions()[matched];
        if (!e.at().file().equals(expected.file()) || e.at().position() != want) {
            throw new GodwitException(ErrorCode.BINLOG_STREAM_MISMATCH,
                    "after reconnecting, the source sent an event at " + e.at() + " where (" + expected.file() + ", "
                            + want + ") was read before (event " + (matched + 1) + " of " + expected.positions().length
                            + " already passed on: " + Arrays.toString(Arrays.copyOf(expected.positions(),
                            Math.min(expected.positions().length, 5))) + (expected.positions().length > 5 ? "..." : "") + ")");
        }
        matched++;
        return true;
    }
}
