package io.godwit.master.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import java.util.Iterator;
import java.util.Map;

/**
 * A task.yaml or source.yaml as the API may show it: the value of every {@code password} key, at any
 * depth, replaced by {@code ******}. DM's get-config masks only the target password of a task; any
 * key so named is masked here, so an encrypted password (which DM's built-in key decrypts) or one
 * a future key adds never leaves the master either.
 *
 * <p>The text is parsed and written again, so comments and the original quoting are not kept; a
 * text-level edit would keep them but could miss a password written in flow style or across lines.
 */
final class YamlPasswordMask {
    static final String MASK = "******";
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build();

    private YamlPasswordMask() {
    }

    /** The YAML with every password masked; the text was validated when it was stored. */
    static String mask(String yaml) {
        try {
            JsonNode tree = YAML.readTree(yaml);
            maskIn(tree);
            return YAML.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            // never echo the text: it holds the password
            throw new GodwitException(ErrorCode.INTERNAL, "a stored YAML document no longer parses ("
                    + e.getOriginalMessage().lines().findFirst().orElse("") + ")");
        }
    }

    private static void maskIn(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getKey().equalsIgnoreCase("password")) {
                    field.setValue(TextNode.valueOf(MASK));
                } else {
                    maskIn(field.getValue());
                }
            }
        } else if (node.isArray()) {
            node.forEach(YamlPasswordMask::maskIn);
        }
    }
}
