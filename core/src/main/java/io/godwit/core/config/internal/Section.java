package io.godwit.core.config.internal;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A YAML mapping with declared keys, read into a record by {@code builder}. Unknown keys, duplicate
 * keys, missing required keys, values of the wrong type and not-supported values are reported with
 * their line; reading goes on after a problem so that one pass finds them all.
 */
public final class Section<R> implements ValueType<R> {
    private final String doc;
    private final List<Key<?>> keys;
    private final Map<String, Key<?>> byName;
    private final Function<Values, R> builder;
    private final List<Consumer<Values>> checks;

    private Section(String doc, List<Key<?>> keys, Function<Values, R> builder, List<Consumer<Values>> checks) {
        this.doc = doc;
        this.keys = List.copyOf(keys);
        this.builder = builder;
        this.checks = List.copyOf(checks);
        Map<String, Key<?>> names = new LinkedHashMap<>();
        for (Key<?> k : keys) {
            if (names.put(k.name(), Objects.requireNonNull(k, "a key declared after its section")) != null) {
                throw new IllegalArgumentException("key declared twice: " + k.name());
            }
        }
        this.byName = names;
    }

    public static <R> Section<R> of(String doc, Function<Values, R> builder, Key<?>... keys) {
        return new Section<>(doc, List.of(keys), builder, List.of());
    }

    /** A check across keys of this section (a conflict, a dependency), run after its keys are read. */
    public Section<R> check(Consumer<Values> check) {
        List<Consumer<Values>> all = new ArrayList<>(checks);
        all.add(check);
        return new Section<>(doc, keys, builder, all);
    }

    public String doc() { return doc; }

    public List<Key<?>> keys() { return keys; }

    /** The record with every key at its default. */
    public R defaults() { return builder.apply(Values.empty()); }

    @Override public String describe() { return "section"; }

    @Override public R zero() { return null; }

    @Override public String show(R value) { return ""; }

    @Override public Section<?> nested() { return this; }

    /** Reads a whole file's root node. */
    public R readRoot(Node root, Walk walk) {
        if (!(root instanceof MappingNode)) {
            walk.problem(Walk.lineOf(root), "", "expected keys at the top level, got " + Types.kindOf(root));
            return null;
        }
        return read(root, walk, "");
    }

    @Override public R read(Node node, Walk walk, String path) {
        if (!(node instanceof MappingNode mapping)) {
            walk.problem(Walk.lineOf(node), path, "expected a mapping of keys, got " + Types.kindOf(node));
            return null;
        }
        // a section is best pointed at by the key that introduces it, not by its first entry
        Values values = new Values(walk, path, walk.seen(path) ? walk.lineOf(path) : Walk.lineOf(node));
        Set<String> seen = new HashSet<>();
        for (NodeTuple entry : entries(mapping, walk, path)) {
            if (!(entry.getKeyNode() instanceof ScalarNode keyNode)) {
                walk.problem(Walk.lineOf(entry.getKeyNode()), path, "a key must be a plain name");
                continue;
            }
            String name = keyNode.getValue();
            String keyPath = Walk.child(path, name);
            int line = Walk.lineOf(keyNode);
            if (!seen.add(name)) {
                walk.problem(line, keyPath, "duplicate key");
                continue;
            }
            Key<?> key = byName.get(name);
            if (key == null) {
                walk.problem(line, keyPath, "unknown key \"" + name + "\"" + NameHints.suffix(name, byName.keySet()));
                continue;
            }
            walk.mark(keyPath, keyNode);
            readKey(key, entry.getValueNode(), walk, keyPath, line, values);
        }
        for (Key<?> key : keys) {
            if (key.required() && !values.isSet(key)) {
                walk.problem(values.lineOf(key), values.pathOf(key), "missing required key \"" + key.name() + "\"");
            }
        }
        checks.forEach(c -> c.accept(values));
        return builder.apply(values);
    }

    /** Reads a mapping written as null ({@code rule-1:} with nothing under it) as an empty one. */
    R readEmpty(Walk walk, String path, int line) {
        Values values = new Values(walk, path, line);
        for (Key<?> key : keys) {
            if (key.required()) {
                walk.problem(line, values.pathOf(key), "missing required key \"" + key.name() + "\"");
            }
        }
        checks.forEach(c -> c.accept(values));
        return builder.apply(values);
    }

    private static <T> void readKey(Key<T> key, Node valueNode, Walk walk, String keyPath, int line, Values values) {
        values.present(key, line);
        if (Types.isNull(valueNode)) {
            if (key.required()) {
                walk.problem(line, keyPath, "needs a value");
            }
            return;
        }
        T value = key.type().read(valueNode, walk, keyPath);
        if (value == null) {
            return;
        }
        if (key.required() && value instanceof String s && s.isEmpty()) {
            walk.problem(line, keyPath, "must not be empty");
        }
        values.put(key, value);
        if (key.isNotSupported(value)) {
            walk.notSupported(line, keyPath, key.type().show(value));
        }
    }

    /** The entries of a mapping with YAML merge keys ({@code <<: *base}) expanded; explicit keys win. */
    private static List<NodeTuple> entries(MappingNode mapping, Walk walk, String path) {
        List<NodeTuple> explicit = new ArrayList<>();
        List<NodeTuple> merged = new ArrayList<>();
        for (NodeTuple t : mapping.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && Tag.MERGE.equals(k.getTag())) {
                merge(t.getValueNode(), merged, walk, path, 0);
            } else {
                explicit.add(t);
            }
        }
        if (merged.isEmpty()) {
            return explicit;
        }
        Set<String> names = new HashSet<>();
        explicit.forEach(t -> names.add(nameOf(t)));
        for (NodeTuple t : merged) {
            if (names.add(nameOf(t))) {
                explicit.add(t);
            }
        }
        return explicit;
    }

    private static void merge(Node from, List<NodeTuple> into, Walk walk, String path, int depth) {
        if (from instanceof MappingNode m && depth < 8) {
            into.addAll(entries(m, walk, path));
        } else if (from instanceof SequenceNode s && depth < 8) {
            s.getValue().forEach(n -> merge(n, into, walk, path, depth + 1));
        } else {
            walk.problem(Walk.lineOf(from), path, "a merge key (<<) needs a mapping or a list of mappings");
        }
    }

    private static String nameOf(NodeTuple t) {
        return t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "";
    }
}
