package io.godwit.worker.sync;

import java.util.ArrayList;
import java.util.List;

/**
 * A list of SQL statements in one text column: each as {@code <length>:<text>}, so any statement text
 * (semicolons, newlines, quotes) survives unchanged.
 */
final class StatementList {
    private StatementList() {}

    static String encode(List<String> statements) {
        StringBuilder b = new StringBuilder();
        for (String s : statements) {
            b.append(s.length()).append(':').append(s);
        }
        return b.toString();
    }

    static List<String> decode(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int colon = text.indexOf(':', i);
            int len = Integer.parseInt(text.substring(i, colon));
            out.add(text.substring(colon + 1, colon + 1 + len));
            i = colon + 1 + len;
        }
        return out;
    }
}
