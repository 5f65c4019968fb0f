package io.godwit.dist;

import io.godwit.core.config.internal.GoDuration;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import java.time.Duration;

/** How `godwit master` and `godwit worker` read a setting, as dm-master and dm-worker do: flag, then TOML file, then default. */
final class DmProcessSettings {
    private DmProcessSettings() {}

    /** The flag if given, else the file's value if present, else {@code fallback}. */
    static String pick(String flag, String fromFile, String fallback) {
        return flag != null ? flag : fromFile != null ? fromFile : fallback;
    }

    /** Where a process listens. */
    record ListenAddress(String host, int port) {
        /** Whether the host is every interface, which no one can dial back. */
        boolean everyInterface() {
            return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
        }
    }

    /**
     * {@code key}'s {@code host:port} (port 0 picks a free one).
     *
     * @param example a valid value for the message, e.g. 127.0.0.1:8261
     * @throws GodwitException CONFIG_INVALID naming the key and the value
     */
    static ListenAddress listenAddress(String key, String addr, String example) {
        int colon = addr.lastIndexOf(':');
        int port = colon < 0 ? -1 : parsePort(addr.substring(colon + 1));
        if (colon <= 0 || port < 0) {
            throw new GodwitException(ErrorCode.CONFIG_INVALID, key + " \"" + addr
                    + "\" is not host:port (for example " + example + "; port 0 picks a free one)");
        }
        return new ListenAddress(addr.substring(0, colon), port);
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text);
            return port <= 65535 ? port : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * {@code keepalive-ttl}: a Go duration ({@code 10s}, {@code 1m}) or, as DM's worker.toml writes it,
     * a number of seconds; {@code fallback} when not given.
     *
     * @throws GodwitException CONFIG_INVALID naming the key
     */
    static Duration keepaliveTtl(String text, Duration fallback) {
        if (text == null) {
            return fallback;
        }
        if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
            return Duration.ofSeconds(Long.parseLong(text));
        }
        try {
            return GoDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw new GodwitException(ErrorCode.CONFIG_INVALID, "keepalive-ttl: " + e.getMessage());
        }
    }
}
