package io.godwit.core.config;

import io.godwit.core.config.internal.ReferenceWriter;

import java.util.List;

/** The config reference of the README, generated from the key declarations so that it cannot drift. */
public final class ConfigReference {
    private ConfigReference() {}

    /** Markdown: one table per section of task.yaml and source.yaml (key, type, default, description). */
    public static String markdown() { return ReferenceWriter.markdown(); }

    /** Every key Godwit does not implement yet, with the values it rejects. */
    public static List<String> notSupportedKeys() { return ReferenceWriter.notSupportedKeys(); }
}
