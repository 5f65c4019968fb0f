package io.godwit.master.http;

import static io.godwit.master.TestYaml.sourceYaml;
import static io.godwit.master.TestYaml.taskYaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.TableId;
import io.godwit.master.Master;
import io.godwit.master.MasterConfig;
import io.godwit.master.http.MasterClient.Answer;
import io.godwit.shardmerge.HttpShardDdlCoordinator;
import io.godwit.shardmerge.ShardColumn;
import io.godwit.shardmerge.ShardDdlDecision;
import io.godwit.shardmerge.ShardDdlReport;
import io.godwit.shardmerge.ShardDdlWire;
import io.godwit.shardmerge.ShardGroupId;
import io.godwit.shardmerge.ShardIndex;
import io.godwit.shardmerge.ShardMember;
import io.godwit.shardmerge.ShardTableDefinition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shard-DDL lock service through real HTTP: the workers' client on the internal routes, and the public listing. */
class ShardDdlHttpTest {
    private static final ShardGroupId GROUP = ShardGroupId.of("t1", TableId.of("sales", "orders"));
    private static final ShardMember A = ShardMember.of("s1", "shard_0", "orders");
    private static final ShardMember B = ShardMember.of("s2", "shard_1", "orders");
    private static final String ADD_C = "ALTER TABLE `sales`.`orders` ADD COLUMN `c` int";

    @TempDir Path dataDir;
    private Master master;
    private MasterClient client;
    private HttpShardDdlCoordinator worker;

    @BeforeEach
    void startMasterWithATask() {
        master = Master.start(new MasterConfig("m1", "127.0.0.1", 0, "", dataDir, Duration.ofMinutes(10)));
        client = new MasterClient(master.port());
        assertThat(client.post("/api/v1/sources", Map.of("source_yaml", sourceYaml("s1"))).status()).isEqualTo(201);
        assertThat(client.post("/api/v1/sources", Map.of("source_yaml", sourceYaml("s2"))).status()).isEqualTo(201);
        assertThat(client.post("/api/v1/tasks", Map.of("task_yaml", taskYaml("t1", "s1", "s2"))).status())
                .isEqualTo(201);
        worker = new HttpShardDdlCoordinator(List.of("127.0.0.1:" + master.port()), Duration.ofSeconds(10));
    }

    @AfterEach
    void stopMaster() {
        master.close();
    }

    private static ShardTableDefinition definition(ShardColumn... extra) {
        List<ShardColumn> columns = new java.util.ArrayList<>(List.of(new ShardColumn("id", "bigint", null, false, null),
                ShardColumn.nullable("name", "varchar(20)")));
        columns.addAll(List.of(extra));
        return ShardTableDefinition.of(columns, List.of(ShardIndex.primaryKey("id")));
    }

    @Test
    void aWorkersCoordinationRoundTripAndTheLockListing() throws InterruptedException {
        assertThat(worker.register(GROUP, A, definition()).targetStatements()).isEmpty();
        worker.register(GROUP, B, definition());

        ShardDdlDecision decision = worker.report(ShardDdlReport.of(GROUP, A, definition(), ADD_C,
                definition(ShardColumn.nullable("c", "int"))));

        assertThat(decision.outcome()).isEqualTo(ShardDdlDecision.Outcome.EXECUTE);
        assertThat(decision.version()).isEqualTo(1);
        assertThat(decision.targetStatements()).containsExactly(ADD_C);
        assertThat(worker.group(GROUP).orElseThrow().pendingOf(A)).hasSize(1);
        JsonNode lock = client.get("/api/v1/tasks/t1/shard-ddl-locks").body();
        assertThat(lock.get("total").asInt()).isEqualTo(1);
        assertThat(MasterClient.JSON.convertValue(lock.get("data").get(0), Map.class)).isEqualTo(Map.of(
                "id", "t1-`sales`.`orders`", "task", "t1", "mode", "optimistic", "owner", "s1:`shard_0`.`orders`",
                "ddls", List.of(ADD_C), "synced", List.of("s1:`shard_0`.`orders`"),
                "unsynced", List.of("s2:`shard_1`.`orders`")));
        assertThat(worker.awaitApplied(GROUP, 1, Duration.ofMillis(300))).isFalse();

        worker.acknowledge(GROUP, A, 1);

        assertThat(worker.awaitApplied(GROUP, 1, Duration.ofSeconds(5))).isTrue();
        JsonNode all = client.get("/api/v1/shard-ddl-locks").body();
        assertThat(all.get("total").asInt()).isEqualTo(1);
        assertThat(all.get("data").get(0).get("owner").asText()).isEmpty();
        assertThat(all.get("data").get(0).get("ddls")).isEmpty();

        assertThatThrownBy(() -> worker.report(ShardDdlReport.of(GROUP, B, definition(),
                "ALTER TABLE `sales`.`orders` ADD COLUMN `c` json", definition(ShardColumn.nullable("c", "json")))))
                .isInstanceOfSatisfying(GodwitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SHARD_DDL_CONFLICT);
                    assertThat(e.getMessage()).doesNotStartWith("[code=").contains("report", "`c`");
                });
        assertThat(worker.group(GROUP).orElseThrow().membersBehindJoined()).containsExactly(B);

        worker.leave(GROUP, B);
        assertThat(worker.group(GROUP).orElseThrow().member(B).orElseThrow().departed()).isTrue();
    }

    @Test
    void unknownTasksAndMalformedBodiesAreRefused() {
        ShardGroupId elsewhere = ShardGroupId.of("nope", TableId.of("sales", "orders"));
        assertThatThrownBy(() -> worker.register(elsewhere, A, definition()))
                .isInstanceOfSatisfying(GodwitException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CLUSTER_NOT_FOUND));
        assertThat(worker.group(elsewhere)).isEmpty();

        Answer missing = client.get("/api/v1/tasks/nope/shard-ddl-locks");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().get("error_code").asInt()).isEqualTo(ErrorCode.CLUSTER_NOT_FOUND.code());

        Answer malformed = client.post(ShardDdlWire.ACKNOWLEDGE, "{\"group\": {\"task\": \"t1\"}}");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().get("error_code").asInt()).isEqualTo(ErrorCode.CLUSTER_BAD_REQUEST.code());
        assertThat(client.get("/api/v1/tasks/t1/shard-ddl-locks").body().get("total").asInt()).isZero();
    }

    @Test
    void stopTaskReleasesTheLocks() {
        worker.register(GROUP, A, definition());
        worker.register(GROUP, B, definition());
        worker.report(ShardDdlReport.of(GROUP, A, definition(), ADD_C, definition(ShardColumn.nullable("c", "int"))));

        assertThat(client.delete("/api/v1/tasks/t1").status()).isEqualTo(204);

        assertThat(worker.group(GROUP)).isEmpty();
        assertThat(client.get("/api/v1/shard-ddl-locks").body().get("total").asInt()).isZero();
    }
}
