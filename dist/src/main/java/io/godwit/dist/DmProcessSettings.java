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

    /** The port of {@code host:port}'s tail, or -1 when it is not one. */
    static int parsePort(String text) {
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
