package io.godwit.core.config.internal;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" for a misspelt key or value: the closest known name, if it is close enough. */
final class NameHints {
    private NameHints() {}

    static Optional<String> closest(String given, Collection<String> known) {
        String g = normal(given);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(g, normal(k));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        // a third of the name, at most 3 edits: "tread" finds "threads"; names under 3 characters
        // ("r9") are too short for a guess
        int allowed = g.length() < 3 ? 0 : Math.min(3, (g.length() + 2) / 3);
        if (best != null && bestDistance <= allowed) {
            return Optional.of(best);
        }
        // a known name inside the given one: "continuous-validator-config-name"
        for (String k : known) {
            if (k.length() >= 6 && g.contains(normal(k))) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    static String suffix(String given, Collection<String> known) {
        return closest(given, known).map(k -> "; did you mean \"" + k + "\"?").orElse("");
    }

    // DM mixes "-" and "_" (collation_compatible), so they count as the same character
    private static String normal(String s) {
        return s.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
