package io.godwit.core.config.internal;

import io.godwit.core.config.DumpConsistency;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code mydumpers.<name>.extra-args}: dumpling command-line flags, which DM passes to dumpling. The text
 * is split into words as a POSIX shell splits them (blanks separate; {@code '...'} is literal; in
 * {@code "..."} and outside quotes a backslash escapes the next character), then read as dumpling's flag
 * parser reads them: {@code --flag value} or {@code --flag=value}, the last of a repeated flag winning.
 * Godwit implements {@code --consistency}; every other flag is reported as not supported yet, by name.
 * Mode values are lower case, as dumpling compares them.
 */
record DumplingArgs(String text, DumpConsistency consistency) {
    static final DumplingArgs NONE = new DumplingArgs("", DumpConsistency.AUTO);

    private static final String CONSISTENCY = "--consistency";
    private static final Map<String, DumpConsistency> MODES = new LinkedHashMap<>();

    static {
        for (DumpConsistency c : DumpConsistency.values()) {
            MODES.put(c.dumplingName(), c);
        }
    }

    static final ValueType<DumplingArgs> TYPE = new Types.Scalar<>() {
        @Override public String describe() { return "dumpling flags"; }
        @Override public DumplingArgs zero() { return NONE; }
        @Override public String show(DumplingArgs value) { return value.text(); }
        @Override DumplingArgs parse(ScalarNode s, Walk walk, String path) {
            return parseFlags(s.getValue(), walk, Walk.lineOf(s), path);
        }
    };

    /** The flags in {@code text}, or null after reporting why they are not valid. */
    static DumplingArgs parseFlags(String text, Walk walk, int line, String path) {
        List<String> words;
        try {
            words = split(text);
        } catch (IllegalArgumentException e) {
            walk.problem(line, path, e.getMessage());
            return null;
        }
        DumpConsistency consistency = DumpConsistency.AUTO;
        boolean valid = true;
        Set<String> notSupported = new LinkedHashSet<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (!word.startsWith("-") || word.equals("-")) {
                walk.problem(line, path, "\"" + word + "\" is not a flag; dumpling takes only flags here");
                valid = false;
                continue;
            }
            int eq = word.indexOf('=');
            String flag = eq < 0 ? word : word.substring(0, eq);
            if (!flag.equals(CONSISTENCY)) {
                notSupported.add(flag);
                // skip the flag's value, if it has one: it is not a flag of its own
                if (eq < 0 && i + 1 < words.size() && !words.get(i + 1).startsWith("-")) {
                    i++;
                }
                continue;
            }
            String value;
            if (eq >= 0) {
                value = word.substring(eq + 1);
            } else if (i + 1 < words.size()) {
                value = words.get(++i);
            } else {
                walk.problem(line, path, CONSISTENCY + " needs a value: one of " + quotedModes());
                valid = false;
                continue;
            }
            DumpConsistency mode = MODES.get(value);
            if (mode == null) {
                walk.problem(line, path, CONSISTENCY + " \"" + value + "\" is not one of " + quotedModes()
                        + NameHints.suffix(value, MODES.keySet()));
                valid = false;
                continue;
            }
            consistency = mode;
        }
        notSupported.forEach(flag -> walk.notSupportedPart(line, path, flag));
        return valid ? new DumplingArgs(text, consistency) : null;
    }

    /** The words of {@code text} as a POSIX shell splits them (without expansions). */
    static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                continue;
            }
            if (word == null) {
                word = new StringBuilder();
            }
            if (c == '\'') {
                int end = text.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed single quote (') at character " + (i + 1));
                }
                word.append(text, i + 1, end);
                i = end;
            } else if (c == '"') {
                int start = i;
                for (i++; i < text.length() && text.charAt(i) != '"'; i++) {
                    char d = text.charAt(i);
                    // inside double quotes a backslash escapes only these, as in a shell
                    if (d == '\\' && i + 1 < text.length() && "\"\\$`".indexOf(text.charAt(i + 1)) >= 0) {
                        d = text.charAt(++i);
                    }
                    word.append(d);
                }
                if (i >= text.length()) {
                    throw new IllegalArgumentException("unclosed double quote (\") at character " + (start + 1));
                }
            } else if (c == '\\') {
                if (i + 1 >= text.length()) {
                    throw new IllegalArgumentException("ends with a backslash that escapes nothing");
                }
                word.append(text.charAt(++i));
            } else {
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    private static String quotedModes() {
        List<String> out = new ArrayList<>();
        MODES.keySet().forEach(m -> out.add("\"" + m + "\""));
        return String.join(", ", out);
    }
}
