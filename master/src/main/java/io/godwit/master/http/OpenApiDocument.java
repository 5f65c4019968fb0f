package io.godwit.master.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The OpenAPI 3 document of the master's {@code /api/v1} endpoints, served at
 * {@code GET /api/v1/dm.json} (DM serves its own at that path). It is kept as a resource,
 * {@code dm.json} beside this class, so it reads as the document it is; MasterHttpDocumentTest
 * fails when a route is registered without being described there, or described without a route.
 */
final class OpenApiDocument {
    private static final String RESOURCE = "dm.json";

    private OpenApiDocument() {
    }

    /** Loads and parses the document; the master does it once as it starts, so a broken one fails the start. */
    static String load() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new GodwitException(ErrorCode.INTERNAL, "the OpenAPI document " + RESOURCE
                        + " is missing from the master's jar");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            new ObjectMapper().readTree(text);
            return text;
        } catch (IOException e) {
            throw new GodwitException(ErrorCode.INTERNAL, "the OpenAPI document " + RESOURCE + " does not parse: "
                    + e.getMessage(), e);
        }
    }
}
