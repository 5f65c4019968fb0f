package io.godwit.dmctl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;

/** DM's dmctl output: a JSON object with {@code result} and {@code msg} first, indented by four spaces. */
final class DmctlOutput {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("    ", "\n"))
            .withArrayIndenter(new DefaultIndenter("    ", "\n"));

    private DmctlOutput() {}

    /** {@code {"result": true, "msg": ""}}, to which a command adds its fields. */
    static ObjectNode ok() {
        ObjectNode o = JSON.createObjectNode();
        o.put("result", true);
        o.put("msg", "");
        return o;
    }

    static ArrayNode array() {
        return JSON.createArrayNode();
    }

    /** Prints {@code o}; returns the exit code: 0 when its result is true. */
    static int print(PrintWriter out, ObjectNode o) {
        try {
            out.println(JSON.writer(PRETTY).writeValueAsString(o));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always renders", e);
        }
        out.flush();
        return o.path("result").asBoolean(false) ? 0 : 1;
    }

    /** The text of a field, empty when absent or null. */
    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }
}
