package io.godwit.master.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.godwit.master.cluster.ClusterState;
import io.godwit.master.cluster.MembershipService;
import io.godwit.master.cluster.SourceService;
import io.godwit.master.cluster.TaskService;
import io.godwit.master.meta.FileMetaStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/dm.json} against the routes the running server registered: a route added
 * without its description, or a description left after its route went, fails here.
 */
class OpenApiDocumentTest {
    private static final Pattern PATH_PARAM = Pattern.compile(":([A-Za-z0-9_]+)");
    private static final Pattern REF = Pattern.compile("\"\\$ref\"\\s*:\\s*\"#/components/schemas/([^\"]+)\"");

    @TempDir Path dir;
    private MasterHttpServer server;
    private JsonNode document;
    private String raw;

    @BeforeEach
    void start() {
        ClusterState state = new ClusterState(new FileMetaStore(dir), Clock.systemUTC(), 600_000);
        server = MasterHttpServer.start("127.0.0.1", 0, new MasterHttpServer.MasterIdentity("m1", "", dir, Duration.ofSeconds(10)),
                new SourceService(state), new TaskService(state), new MembershipService(state),
                new io.godwit.master.cluster.ShardDdlService(state));
        MasterClient.Answer answer = new MasterClient(server.port()).get("/api/v1/dm.json");
        assertThat(answer.status()).isEqualTo(200);
        document = answer.body();
        raw = answer.raw();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void documentsExactlyTheRegisteredApiRoutes() {
        TreeSet<String> registered = new TreeSet<>();
        for (String route : server.registeredRoutes()) {
            String[] methodAndPath = route.split(" ", 2);
            if (methodAndPath[1].startsWith("/api/v1/")) {
                registered.add(methodAndPath[0].toLowerCase() + " " + PATH_PARAM.matcher(methodAndPath[1])
                        .replaceAll("{$1}"));
            }
        }
        TreeSet<String> documented = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(key -> {
                if (!key.equals("parameters")) {
                    documented.add(key + " " + path.getKey());
                }
            });
        }

        assertThat(registered).as("routes registered in MasterHttpServer").isNotEmpty()
                .contains("get /api/v1/dm.json", "put /api/v1/sources/{source}");
        assertThat(documented).isEqualTo(registered);
    }

    @Test
    void isOpenApi3AndEveryOperationIsComplete() {
        assertThat(document.get("openapi").asText()).startsWith("3.");
        List<String> incomplete = new ArrayList<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (!op.getKey().equals("parameters") && (!op.getValue().hasNonNull("summary")
                    || !op.getValue().hasNonNull("operationId") || op.getValue().path("responses").isEmpty())) {
                incomplete.add(op.getKey() + " " + path.getKey());
            }
            if (path.getKey().contains("{") && !path.getValue().has("parameters")) {
                incomplete.add(path.getKey() + " has no path parameters");
            }
        }));
        assertThat(incomplete).isEmpty();
    }

    @Test
    void everySchemaReferenceResolves() {
        JsonNode schemas = document.get("components").get("schemas");
        List<String> dangling = new ArrayList<>();
        Matcher m = REF.matcher(raw);
        while (m.find()) {
            if (!schemas.has(m.group(1))) {
                dangling.add(m.group(1));
            }
        }
        assertThat(dangling).isEmpty();
    }
}
