package io.godwit.core.config.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the key declarations as markdown: one table per section, each section once (a section used
 * at several paths, like the database settings, is documented at the first and referred to elsewhere),
 * then the list of keys not supported yet.
 */
public final class ReferenceWriter {
    private final StringBuilder out = new StringBuilder();
    private final Map<Section<?>, String> documentedAt = new IdentityHashMap<>();
    private final List<String> notSupported = new ArrayList<>();

    private ReferenceWriter() {}

    public static String markdown() {
        ReferenceWriter w = new ReferenceWriter();
        w.out.append("Generated from the key declarations in `io.godwit.core.config.internal`; "
                + "`ConfigReferenceTest` fails when this text and the declarations differ.\n");
        w.file("task.yaml", TaskSchema.TASK);
        w.file("source.yaml", SourceSchema.SOURCE);
        w.out.append("\n### Not supported yet\n\nThese keys are accepted at their default; any other value listed here "
                + "is rejected with `not supported yet: <key path>`.\n\n");
        w.notSupported.forEach(line -> w.out.append("- ").append(line).append('\n'));
        return w.out.toString();
    }

    /** The paths and values of every key not supported yet, as {@code path: values}. */
    public static List<String> notSupportedKeys() {
        ReferenceWriter w = new ReferenceWriter();
        w.file("task.yaml", TaskSchema.TASK);
        w.file("source.yaml", SourceSchema.SOURCE);
        return List.copyOf(w.notSupported);
    }

    private record Pending(String path, Section<?> section) {}

    private void file(String name, Section<?> root) {
        Deque<Pending> queue = new ArrayDeque<>();
        documentedAt.put(root, name);
        queue.add(new Pending("", root));
        while (!queue.isEmpty()) {
            Pending p = queue.poll();
            out.append('\n').append(p.path().isEmpty() ? "### " + name : "#### " + name + ": `" + p.path() + "`")
                    .append("\n\n").append(p.section().doc()).append("\n\n")
                    .append("| key | type | default | description |\n| --- | --- | --- | --- |\n");
            for (Key<?> key : p.section().keys()) {
                String keyPath = Walk.child(p.path(), key.name());
                String type = key.type().describe();
                Section<?> nested = key.type().nested();
                if (nested != null) {
                    String at = documentedAt.get(nested);
                    if (at == null) {
                        at = key.type().nestedPath(keyPath);
                        documentedAt.put(nested, at);
                        queue.add(new Pending(at, nested));
                    }
                    type += ", see `" + at + "`";
                }
                StringBuilder doc = new StringBuilder(key.doc());
                if (key.isIgnored()) {
                    doc.append(" Accepted and ignored, as in DM.");
                }
                if (key.hasNotSupported()) {
                    doc.append(" **Not supported yet:** ").append(key.notSupportedText()).append('.');
                    notSupported.add("`" + keyPath + "` (" + name + "): " + key.notSupportedText());
                }
                out.append("| `").append(key.name()).append("` | ").append(cell(type)).append(" | ")
                        .append(cell(key.defaultForDocs())).append(" | ").append(cell(doc.toString())).append(" |\n");
            }
        }
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
