package io.godwit.core.config.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** The keys read from one YAML mapping, for a section's builder and checks. */
public final class Values {
    private final Walk walk;
    private final String path;
    private final int line;
    private final Map<Key<?>, Object> values = new HashMap<>();
    private final Map<Key<?>, Integer> lines = new HashMap<>();
    private final Set<Key<?>> present = new HashSet<>();

    Values(Walk walk, String path, int line) {
        this.walk = walk;
        this.path = path;
        this.line = line;
    }

    /** The keys of a section that is absent altogether: every key at its default. */
    static Values empty() {
        return new Values(null, "", 0);
    }

    /** The key's valid value, else its default (or its type's zero). */
    @SuppressWarnings("unchecked")
    public <T> T get(Key<T> key) {
        Object v = values.get(key);
        return v != null ? (T) v : key.fallback();
    }

    /** Whether the key was written in the file (even with an invalid or empty value). */
    public boolean isSet(Key<?> key) { return present.contains(key); }

    public String path() { return path; }

    public String pathOf(Key<?> key) { return Walk.child(path, key.name()); }

    public int lineOf(Key<?> key) { return lines.getOrDefault(key, line); }

    /** Reports a problem at the key (at the mapping when the key is absent). */
    public void problem(Key<?> key, String message) {
        if (walk != null) {
            walk.problem(lineOf(key), pathOf(key), message);
        }
    }

    /** Reports a problem at this section as a whole. */
    public void problem(String message) {
        if (walk != null) {
            walk.problem(line, path, message);
        }
    }

    void present(Key<?> key, int keyLine) {
        present.add(key);
        lines.put(key, keyLine);
    }

    void put(Key<?> key, Object value) {
        values.put(key, value);
    }
}
