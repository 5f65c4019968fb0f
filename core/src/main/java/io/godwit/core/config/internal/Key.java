package io.godwit.core.config.internal;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * One config key, declared once: name, type, default and a one-line description. Parsing, defaults,
 * validation, the not-supported check and the generated reference all read this declaration.
 */
public final class Key<T> {
    private final String name;
    private final ValueType<T> type;
    private final T defaultValue;
    private final boolean required;
    private final String doc;
    private final String defaultText;
    private final Predicate<? super T> notSupportedWhen;
    private final String notSupportedText;
    private final boolean ignored;

    private Key(String name, ValueType<T> type, T defaultValue, boolean required, String doc, String defaultText,
                Predicate<? super T> notSupportedWhen, String notSupportedText, boolean ignored) {
        this.name = Objects.requireNonNull(name);
        this.type = Objects.requireNonNull(type);
        this.defaultValue = defaultValue;
        this.required = required;
        this.doc = Objects.requireNonNull(doc);
        this.defaultText = defaultText;
        this.notSupportedWhen = notSupportedWhen;
        this.notSupportedText = notSupportedText;
        this.ignored = ignored;
    }

    /** An optional key; {@code defaultValue} null means "absent" (the record holds null or the type's zero). */
    public static <T> Key<T> of(String name, ValueType<T> type, T defaultValue, String doc) {
        return new Key<>(name, type, defaultValue, false, doc, null, null, null, false);
    }

    /** A key that must be present and, for strings, not empty. */
    public static <T> Key<T> required(String name, ValueType<T> type, String doc) {
        return new Key<>(name, type, null, true, doc, null, null, null, false);
    }

    /**
     * Godwit does not implement this key yet: a value for which {@code when} holds is reported as
     * "not supported yet". {@code whenText} says which values, for the reference ("true", "not empty").
     * The default must not match.
     */
    public Key<T> notSupportedWhen(Predicate<? super T> when, String whenText) {
        if (defaultValue != null && when.test(defaultValue)) {
            throw new IllegalArgumentException(name + ": the default must be supported");
        }
        return new Key<>(name, type, defaultValue, required, doc, defaultText, when, whenText, ignored);
    }

    /**
     * Godwit implements some parts of this key's values: its type reports each part it does not
     * implement as "not supported yet" while reading (one flag of {@code extra-args}). {@code partsText}
     * names those parts, for the reference ("any flag but `--consistency`").
     */
    public Key<T> notSupportedParts(String partsText) {
        return notSupportedWhen(v -> false, partsText);
    }

    /** Deprecated in DM and without effect there: accepted, type-checked, and ignored. */
    public Key<T> ignored() {
        return new Key<>(name, type, defaultValue, required, doc, defaultText, notSupportedWhen, notSupportedText, true);
    }

    /** The default as the reference shows it, when the value alone would mislead ("2 × checkpoint-flush-interval"). */
    public Key<T> defaultText(String text) {
        return new Key<>(name, type, defaultValue, required, doc, text, notSupportedWhen, notSupportedText, ignored);
    }

    public String name() { return name; }
    public ValueType<T> type() { return type; }
    public T defaultValue() { return defaultValue; }
    public boolean required() { return required; }
    public String doc() { return doc; }
    public boolean isIgnored() { return ignored; }
    public boolean hasNotSupported() { return notSupportedWhen != null; }
    public String notSupportedText() { return notSupportedText; }

    boolean isNotSupported(T value) {
        return notSupportedWhen != null && value != null && notSupportedWhen.test(value);
    }

    /** What the record gets when the key is absent or its value invalid. */
    T fallback() {
        return defaultValue != null ? defaultValue : type.zero();
    }

    /** The default column of the reference. */
    public String defaultForDocs() {
        if (required) {
            return "required";
        }
        if (defaultText != null) {
            return defaultText;
        }
        if (type.nested() != null || defaultValue == null) {
            return "";
        }
        String shown = type.show(defaultValue);
        return shown.isEmpty() ? "`\"\"`" : "`" + shown + "`";
    }

    @Override public String toString() { return name; }
}
