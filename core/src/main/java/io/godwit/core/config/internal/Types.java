package io.godwit.core.config.internal;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The value types of DM's config files, read the way DM's YAML library (go-yaml v2, strict) reads them:
 * a string key takes any scalar as written ({@code password: 123456}), a number or boolean key
 * refuses a quoted value, a list key refuses a single scalar.
 */
public final class Types {
    private Types() {}

    public static final ValueType<String> STRING = text("string", s -> null);

    public static final ValueType<Boolean> BOOL = new Scalar<>() {
        @Override public String describe() { return "bool"; }
        @Override public Boolean zero() { return false; }
        @Override Boolean parse(ScalarNode s, Walk walk, String path) {
            String v = s.getValue();
            if (Tag.BOOL.equals(s.getTag())) {
                return switch (v.toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "on" -> true;
                    default -> false;
                };
            }
            // go-yaml v2 also reads a plain y/n as a boolean; SnakeYAML does not
            if (s.isPlain() && (v.equals("y") || v.equals("Y"))) {
                return true;
            }
            if (s.isPlain() && (v.equals("n") || v.equals("N"))) {
                return false;
            }
            walk.problem(Walk.lineOf(s), path, "expected true or false, got " + kindOf(s));
            return null;
        }
    };

    /** Any value, not looked at: for deprecated keys DM accepts and ignores whatever their content. */
    public static final ValueType<Object> ANY = new ValueType<>() {
        @Override public String describe() { return "any"; }
        @Override public Object read(Node node, Walk walk, String path) { return null; }
        @Override public Object zero() { return null; }
    };

    public static final ValueType<List<String>> STRING_LIST = listOf(STRING);

    /** A mapping of names to scalar values, kept as written ({@code tidb_skip_utf8_check: 1} gives "1"). */
    public static final ValueType<Map<String, String>> STRING_MAP = new ValueType<>() {
        @Override public String describe() { return "map of string to string"; }
        @Override public Map<String, String> zero() { return Map.of(); }
        @Override public String show(Map<String, String> value) { return value.isEmpty() ? "{}" : value.toString(); }
        @Override public Map<String, String> read(Node node, Walk walk, String path) {
            if (!(node instanceof MappingNode m)) {
                walk.problem(Walk.lineOf(node), path, "expected a mapping of names to values, got " + kindOf(node));
                return null;
            }
            Map<String, String> out = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                String name = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : null;
                String p = Walk.child(path, String.valueOf(name));
                if (name == null || !(t.getValueNode() instanceof ScalarNode v)) {
                    walk.problem(Walk.lineOf(t.getKeyNode()), p, "expected a name and a plain value");
                    continue;
                }
                walk.mark(p, t.getKeyNode());
                if (out.put(name, isNull(v) ? "" : v.getValue()) != null) {
                    walk.problem(Walk.lineOf(t.getKeyNode()), p, "duplicate key");
                }
            }
            return Collections.unmodifiableMap(out);
        }
    };

    /** A string checked by {@code problem}, which returns what is wrong with a value or null. */
    public static ValueType<String> text(String describe, Function<String, String> problem) {
        return new Scalar<>() {
            @Override public String describe() { return describe; }
            @Override public String zero() { return ""; }
            @Override String parse(ScalarNode s, Walk walk, String path) {
                String why = problem.apply(s.getValue());
                if (why != null) {
                    walk.problem(Walk.lineOf(s), path, why);
                    return null;
                }
                return s.getValue();
            }
        };
    }

    public static ValueType<Integer> intIn(long min, long max) {
        return new Scalar<>() {
            @Override public String describe() { return "int" + range(min, max); }
            @Override public Integer zero() { return 0; }
            @Override Integer parse(ScalarNode s, Walk walk, String path) {
                Long v = integer(s, walk, path, min, max);
                return v == null ? null : v.intValue();
            }
        };
    }

    public static ValueType<Long> longIn(long min, long max) {
        return new Scalar<>() {
            @Override public String describe() { return "int" + range(min, max); }
            @Override public Long zero() { return 0L; }
            @Override Long parse(ScalarNode s, Walk walk, String path) { return integer(s, walk, path, min, max); }
        };
    }

    public static ValueType<Double> decimalAtLeast(double min) {
        return new Scalar<>() {
            @Override public String describe() { return "number, >= " + min; }
            @Override public Double zero() { return 0.0; }
            @Override Double parse(ScalarNode s, Walk walk, String path) {
                if (!Tag.FLOAT.equals(s.getTag()) && !Tag.INT.equals(s.getTag())) {
                    walk.problem(Walk.lineOf(s), path, "expected a number, got " + kindOf(s));
                    return null;
                }
                try {
                    double d = Double.parseDouble(s.getValue().replace("_", ""));
                    if (d < min) {
                        walk.problem(Walk.lineOf(s), path, s.getValue() + " is out of range: must be at least " + min);
                        return null;
                    }
                    return d;
                } catch (NumberFormatException e) {
                    walk.problem(Walk.lineOf(s), path, "expected a number, got " + kindOf(s));
                    return null;
                }
            }
        };
    }

    /** A Go duration as DM writes it: {@code 30s}, {@code 5m0s}, {@code 1h30m}, {@code 0}. */
    public static ValueType<Duration> duration(boolean emptyMeansDefault) {
        return new Scalar<>() {
            @Override public String describe() { return "duration"; }
            // an optional duration has no stand-in: null lets the record apply its computed default
            @Override public Duration zero() { return emptyMeansDefault ? null : Duration.ZERO; }
            @Override public String show(Duration value) { return GoDuration.format(value); }
            @Override Duration parse(ScalarNode s, Walk walk, String path) {
                if (emptyMeansDefault && s.getValue().isEmpty()) {
                    return null;
                }
                try {
                    return GoDuration.parse(s.getValue());
                } catch (IllegalArgumentException e) {
                    walk.problem(Walk.lineOf(s), path, e.getMessage());
                    return null;
                }
            }
        };
    }

    /** A size in bytes: a plain number counts {@code plainUnit} bytes, else {@code 64MiB}, {@code 500m}, {@code 2g}. */
    public static ValueType<Long> byteSize(long plainUnit) {
        return new Scalar<>() {
            @Override public String describe() { return plainUnit == 1 ? "size" : "size (a plain number is MiB)"; }
            @Override public Long zero() { return 0L; }
            @Override public String show(Long value) {
                return value % plainUnit == 0 ? Long.toString(value / plainUnit) : value + "B";
            }
            @Override Long parse(ScalarNode s, Walk walk, String path) {
                try {
                    return ByteSize.parse(s.getValue(), plainUnit);
                } catch (IllegalArgumentException e) {
                    walk.problem(Walk.lineOf(s), path, e.getMessage());
                    return null;
                }
            }
        };
    }

    public static <E> OneOf<E> oneOf(List<E> values, Function<E, String> spelling) {
        Map<String, E> names = new LinkedHashMap<>();
        values.forEach(v -> names.put(spelling.apply(v), v));
        return new OneOf<>(names, Map.of(), false);
    }

    public static <T> ValueType<List<T>> listOf(ValueType<T> element) {
        return new ValueType<>() {
            @Override public String describe() {
                return element.nested() != null ? "list of sections" : "list of " + element.describe();
            }
            @Override public List<T> zero() { return List.of(); }
            @Override public String show(List<T> value) { return value.isEmpty() ? "[]" : value.toString(); }
            @Override public Section<?> nested() { return element.nested(); }
            @Override public String nestedPath(String keyPath) { return keyPath + "[]"; }
            @Override public List<T> read(Node node, Walk walk, String path) {
                if (!(node instanceof SequenceNode seq)) {
                    walk.problem(Walk.lineOf(node), path, "expected a list, got " + kindOf(node));
                    return null;
                }
                List<T> out = new ArrayList<>();
                List<Node> items = seq.getValue();
                for (int i = 0; i < items.size(); i++) {
                    String p = Walk.item(path, i);
                    Node item = items.get(i);
                    walk.mark(p, item);
                    if (isNull(item)) {
                        walk.problem(Walk.lineOf(item), p, "empty list entry");
                        continue;
                    }
                    T v = element.read(item, walk, p);
                    if (v != null) {
                        out.add(v);
                    }
                }
                return List.copyOf(out);
            }
        };
    }

    /** Named entries ({@code routes: {rule-1: {...}}}), in file order. */
    public static <R> ValueType<Map<String, R>> mapOf(Section<R> section) {
        return new ValueType<>() {
            @Override public String describe() { return "map of name to section"; }
            @Override public Map<String, R> zero() { return Map.of(); }
            @Override public String show(Map<String, R> value) { return value.isEmpty() ? "{}" : value.keySet().toString(); }
            @Override public Section<?> nested() { return section; }
            @Override public String nestedPath(String keyPath) { return keyPath + ".<name>"; }
            @Override public Map<String, R> read(Node node, Walk walk, String path) {
                if (!(node instanceof MappingNode m)) {
                    walk.problem(Walk.lineOf(node), path, "expected a mapping of names to sections, got " + kindOf(node));
                    return null;
                }
                Map<String, R> out = new LinkedHashMap<>();
                Set<String> seen = new HashSet<>();
                for (NodeTuple t : m.getValue()) {
                    if (!(t.getKeyNode() instanceof ScalarNode k)) {
                        walk.problem(Walk.lineOf(t.getKeyNode()), path, "a name must be a plain string");
                        continue;
                    }
                    String p = Walk.child(path, k.getValue());
                    int line = Walk.lineOf(k);
                    if (!seen.add(k.getValue())) {
                        walk.problem(line, p, "duplicate name");
                        continue;
                    }
                    walk.mark(p, k);
                    R r = isNull(t.getValueNode()) ? section.readEmpty(walk, p, line) : section.read(t.getValueNode(), walk, p);
                    if (r != null) {
                        out.put(k.getValue(), r);
                    }
                }
                return Collections.unmodifiableMap(out);
            }
        };
    }

    /** A closed set of spellings, each mapped to a value; aliases are accepted but not documented. */
    public static final class OneOf<E> extends Scalar<E> {
        private final Map<String, E> names;
        private final Map<String, E> aliases;
        private final boolean ignoreCase;

        OneOf(Map<String, E> names, Map<String, E> aliases, boolean ignoreCase) {
            this.names = names;
            this.aliases = aliases;
            this.ignoreCase = ignoreCase;
        }

        public OneOf<E> alias(String spelling, E value) {
            Map<String, E> a = new LinkedHashMap<>(aliases);
            a.put(spelling, value);
            return new OneOf<>(names, a, ignoreCase);
        }

        /** DM lower-cases some enums before comparing (loader modes); those accept any case. */
        public OneOf<E> ignoringCase() {
            return new OneOf<>(names, aliases, true);
        }

        @Override public String describe() {
            List<String> shown = new ArrayList<>();
            names.keySet().forEach(n -> shown.add(n.isEmpty() ? "`\"\"`" : "`" + n + "`"));
            return "one of " + String.join(", ", shown);
        }

        @Override public E zero() { return null; }

        @Override public String show(E value) {
            for (Map.Entry<String, E> e : names.entrySet()) {
                if (e.getValue().equals(value)) {
                    return e.getKey();
                }
            }
            return String.valueOf(value);
        }

        @Override E parse(ScalarNode s, Walk walk, String path) {
            String v = s.getValue();
            E found = lookup(v);
            if (found == null) {
                walk.problem(Walk.lineOf(s), path, "\"" + v + "\" is not one of " + String.join(", ", quoted())
                        + NameHints.suffix(v, names.keySet()));
            }
            return found;
        }

        private E lookup(String v) {
            for (Map<String, E> m : List.of(names, aliases)) {
                for (Map.Entry<String, E> e : m.entrySet()) {
                    if (ignoreCase ? e.getKey().equalsIgnoreCase(v) : e.getKey().equals(v)) {
                        return e.getValue();
                    }
                }
            }
            return null;
        }

        private List<String> quoted() {
            List<String> out = new ArrayList<>();
            names.keySet().forEach(n -> out.add("\"" + n + "\""));
            return out;
        }
    }

    /** A type whose YAML form is a single scalar. */
    abstract static class Scalar<T> implements ValueType<T> {
        @Override public T read(Node node, Walk walk, String path) {
            if (!(node instanceof ScalarNode s)) {
                walk.problem(Walk.lineOf(node), path, "expected " + describe() + ", got " + kindOf(node));
                return null;
            }
            return parse(s, walk, path);
        }

        abstract T parse(ScalarNode s, Walk walk, String path);
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
    }

    static String kindOf(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (node instanceof ScalarNode s) {
            boolean quotedNumber = !s.isPlain() && s.getValue().matches("-?[0-9]+|true|false");
            return (quotedNumber ? "the quoted string " : "") + "\"" + s.getValue() + "\"";
        }
        return "nothing";
    }

    private static Long integer(ScalarNode s, Walk walk, String path, long min, long max) {
        BigInteger v = Tag.INT.equals(s.getTag()) ? parseInt(s.getValue()) : null;
        if (v == null) {
            walk.problem(Walk.lineOf(s), path, "expected an integer, got " + kindOf(s));
            return null;
        }
        if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
            String why = max == Long.MAX_VALUE ? ": must be at least " + min : " " + min + ".." + max;
            walk.problem(Walk.lineOf(s), path, s.getValue() + " is out of range" + why);
            return null;
        }
        return v.longValue();
    }

    // YAML 1.1 integers as SnakeYAML resolves them: 1_000, 0x1F, 0o17/017, 0b101, with a sign
    private static BigInteger parseInt(String text) {
        String t = text.replace("_", "");
        int sign = 1;
        if (t.startsWith("-") || t.startsWith("+")) {
            sign = t.startsWith("-") ? -1 : 1;
            t = t.substring(1);
        }
        try {
            BigInteger v;
            if (t.startsWith("0x")) {
                v = new BigInteger(t.substring(2), 16);
            } else if (t.startsWith("0b")) {
                v = new BigInteger(t.substring(2), 2);
            } else if (t.startsWith("0o")) {
                v = new BigInteger(t.substring(2), 8);
            } else if (t.length() > 1 && t.startsWith("0")) {
                v = new BigInteger(t.substring(1), 8);
            } else {
                v = new BigInteger(t);
            }
            return sign < 0 ? v.negate() : v;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String range(long min, long max) {
        return max == Long.MAX_VALUE ? ", >= " + min : ", " + min + ".." + max;
    }
}
