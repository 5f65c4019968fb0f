package io.godwit.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A DM process config file ({@code master.toml}, {@code worker.toml}): top-level keys with scalar
 * values. Keys are checked against what the command knows, so a typo is an error naming the key,
 * not a setting silently missing; keys DM has that Godwit does not use yet are accepted with a note.
 */
final class DmTomlFile {
    private static final TomlMapper TOML = new TomlMapper();

    private DmTomlFile() {
    }

    /**
     * The known keys' values as text. {@code ignored} keys are accepted and named on {@code notes};
     * any other key is a config error.
     */
    static Map<String, String> read(Path file, Set<String> known, Set<String> ignored, PrintWriter notes) {
        JsonNode root;
        try {
            root = TOML.readTree(file.toFile());
        } catch (IOException e) {
            throw new GodwitException(ErrorCode.CONFIG_UNREADABLE, "cannot read " + file + ": "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            if (ignored.contains(key)) {
                notes.println("note: " + file + ": " + key + " is accepted and ignored (logging is set with"
                        + " -Dgodwit.log.level and the process's output)");
            } else if (!known.contains(key)) {
                unknown.add(key);
            } else if (!field.getValue().isValueNode()) {
                throw new GodwitException(ErrorCode.CONFIG_INVALID, file + ": " + key + " must be a single value");
            } else {
                values.put(key, field.getValue().asText());
            }
        }
        if (!unknown.isEmpty()) {
            throw new GodwitException(ErrorCode.CONFIG_INVALID, file + ": unknown key(s) " + String.join(", ", unknown)
                    + " (known: " + String.join(", ", known) + ")");
        }
        notes.flush();
        return values;
    }
}
