package io.godwit.core.config.internal;

import org.yaml.snakeyaml.nodes.Node;

/** How one kind of value is read from YAML, shown in the reference, and what stands in when it is absent. */
public interface ValueType<T> {

    /** For the reference's type column: {@code int, 1..65535}, {@code list of string}. */
    String describe();

    /** The value of a non-null node, or null after reporting why it is not valid at {@code path}. */
    T read(Node node, Walk walk, String path);

    /**
     * What a key without a default holds when it is absent or invalid, so that a record is always
     * constructible (the problem has been reported; the record is never returned to a caller).
     */
    T zero();

    /** A value as written in YAML, for the reference and for messages. */
    default String show(T value) { return String.valueOf(value); }

    /** The section this type is or contains, for the reference; null for plain values. */
    default Section<?> nested() { return null; }

    /** How the reference names the nested section of a key of this type: {@code routes.<name>}, {@code mysql-instances[]}. */
    default String nestedPath(String keyPath) { return keyPath; }
}
