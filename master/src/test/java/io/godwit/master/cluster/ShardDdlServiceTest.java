package io.godwit.master.cluster;

import static io.godwit.master.cluster.ClusterFixture.sourceYaml;
import static io.godwit.master.cluster.ClusterFixture.taskYaml;
import static io.godwit.master.cluster.SchedulerBindingTest.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.model.TableId;
import io.godwit.master.meta.FileMetaStore;
import io.godwit.master.meta.MetaSnapshot;
import io.godwit.shardmerge.PendingExecution;
import io.godwit.shardmerge.ShardColumn;
import io.godwit.shardmerge.ShardDdlDecision;
import io.godwit.shardmerge.ShardDdlReport;
import io.godwit.shardmerge.ShardGroupId;
import io.godwit.shardmerge.ShardGroupState;
import io.godwit.shardmerge.ShardIndex;
import io.godwit.shardmerge.ShardMember;
import io.godwit.shardmerge.ShardTableDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The master's shard-DDL lock service over a real file store: what it keeps across restarts and stop-task. */
class ShardDdlServiceTest {
    static final ShardGroupId GROUP = ShardGroupId.of("t1", TableId.of("sales", "orders"));
    static final ShardGroupId ITEMS = ShardGroupId.of("t1", TableId.of("sales", "items"));
    static final ShardMember A = ShardMember.of("s1", "shard_0", "orders");
    static final ShardMember B = ShardMember.of("s2", "shard_1", "orders");
    static final String ADD_C = "ALTER TABLE `sales`.`orders` ADD COLUMN `c` int";
    static final ShardTableDefinition BASE = ShardTableDefinition.of(
            List.of(new ShardColumn("id", "bigint", null, false, null), ShardColumn.nullable("name", "varchar(20)")),
            List.of(ShardIndex.primaryKey("id")));
    static final ShardTableDefinition WITH_C = ShardTableDefinition.of(
            List.of(new ShardColumn("id", "bigint", null, false, null), ShardColumn.nullable("name", "varchar(20)"),
                    ShardColumn.nullable("c", "int")),
            List.of(ShardIndex.primaryKey("id")));

    @TempDir Path dir;
    private final ManualClock clock = new ManualClock();

    @BeforeEach
    void taskOnTwoSources() {
        ClusterFixture c = new ClusterFixture(dir, clock);
        c.sources.create(sourceYaml("s1"));
        c.sources.create(sourceYaml("s2"));
        c.tasks.create(taskYaml("t1", "s1", "s2"), false);
    }

    private ClusterFixture restarted() {
        return new ClusterFixture(dir, clock);
    }

    private static ShardDdlDecision addC(ShardDdlService service, ShardMember member) {
        return service.report(ShardDdlReport.of(GROUP, member, BASE, ADD_C, WITH_C));
    }

    @Test
    void pendingVersionSurvivesARestartAndIsAcknowledgedAfterIt() throws InterruptedException {
        ShardDdlService service = restarted().shardDdl;
        service.register(GROUP, A, BASE);
        service.register(GROUP, B, BASE);
        ShardDdlDecision decision = addC(service, A);
        assertThat(decision.outcome()).isEqualTo(ShardDdlDecision.Outcome.EXECUTE);
        assertThat(decision.version()).isEqualTo(1);
        ShardGroupState before = service.group(GROUP).orElseThrow();

        ShardDdlService afterRestart = restarted().shardDdl;

        ShardGroupState kept = afterRestart.group(GROUP).orElseThrow();
        assertThat(kept).isEqualTo(before);
        assertThat(kept.pending()).containsExactly(new PendingExecution(1, A, List.of(ADD_C)));
        assertThat(afterRestart.awaitApplied(GROUP, 1, Duration.ZERO)).isFalse();
        // the owner's sync restarted too and reads its DDL again: the stored decision, not a second version
        ShardDdlDecision replayed = addC(afterRestart, A);
        assertThat(replayed.replayed()).isTrue();
        assertThat(replayed.version()).isEqualTo(1);
        assertThat(afterRestart.locks("t1")).containsExactly(new ShardDdlLockView("t1-`sales`.`orders`", "t1",
                "optimistic", "s1:`shard_0`.`orders`", List.of(ADD_C), List.of("s1:`shard_0`.`orders`"),
                List.of("s2:`shard_1`.`orders`")));

        afterRestart.acknowledge(GROUP, A, 1);

        assertThat(afterRestart.awaitApplied(GROUP, 1, Duration.ZERO)).isTrue();
        ShardDdlService third = restarted().shardDdl;
        assertThat(third.group(GROUP).orElseThrow().pending()).isEmpty();
        assertThat(third.group(GROUP).orElseThrow().applied(1)).isTrue();
        ShardDdlDecision second = addC(third, B);
        assertThat(second.outcome()).isEqualTo(ShardDdlDecision.Outcome.ALREADY_ON_TARGET);
        assertThat(third.locks("t1")).isEmpty();
        assertThat(third.locks(null)).isEmpty();
    }

    @Test
    void stopTaskRemovesItsGroupsInTheSameSave() throws Exception {
        ClusterFixture c = restarted();
        c.shardDdl.register(GROUP, A, BASE);
        c.shardDdl.register(ITEMS, A, BASE);
        addC(c.shardDdl, A);
        Path metaJson = dir.resolve("meta.json");
        assertThat(Files.readString(metaJson)).contains("\"shard_groups\"", "t1-`sales`.`orders`",
                "t1-`sales`.`items`", "\"last_version\" : 1");

        c.tasks.delete("t1");

        assertThat(c.shardDdl.group(GROUP)).isEmpty();
        assertThat(c.shardDdl.group(ITEMS)).isEmpty();
        MetaSnapshot stored = new FileMetaStore(dir).load();
        assertThat(stored.tasks()).isEmpty();
        assertThat(stored.shardGroups()).isEmpty();
        assertThat(Files.readString(metaJson)).doesNotContain("t1-`sales`");
        assertThat(restarted().shardDdl.group(GROUP)).isEmpty();
        // a sync still running after its task went cannot bring the group back
        assertCode(() -> c.shardDdl.register(GROUP, A, BASE), ErrorCode.CLUSTER_NOT_FOUND);
        assertCode(() -> c.shardDdl.locks("t1"), ErrorCode.CLUSTER_NOT_FOUND);
    }

    @Test
    void aFailedSaveLeavesTheGroupAsItWas() {
        FailingStore store = new FailingStore(dir);
        ClusterFixture c = new ClusterFixture(store, clock);
        c.shardDdl.register(GROUP, A, BASE);
        c.shardDdl.register(GROUP, B, BASE);
        ShardGroupState before = c.shardDdl.group(GROUP).orElseThrow();
        long revision = new FileMetaStore(dir).load().revision();

        store.failNextSave = true;
        assertCode(() -> addC(c.shardDdl, A), ErrorCode.CLUSTER_META_STORE);

        assertThat(c.shardDdl.group(GROUP)).contains(before);
        assertThat(restarted().shardDdl.group(GROUP)).contains(before);
        assertThat(new FileMetaStore(dir).load().revision()).isEqualTo(revision);
        ShardDdlDecision retried = addC(c.shardDdl, A);
        assertThat(retried.replayed()).isFalse();
        assertThat(retried.version()).isEqualTo(1);

        store.failNextSave = true;
        assertCode(() -> c.shardDdl.acknowledge(GROUP, A, 1), ErrorCode.CLUSTER_META_STORE);
        assertThat(c.shardDdl.group(GROUP).orElseThrow().pendingOf(A)).hasSize(1);

        store.failNextSave = true;
        assertCode(() -> c.tasks.delete("t1"), ErrorCode.CLUSTER_META_STORE);
        assertThat(c.tasks.list()).hasSize(1);
        assertThat(c.shardDdl.group(GROUP)).isPresent();
        assertThat(restarted().shardDdl.group(GROUP)).isPresent();
    }

    @Test
    void aConflictingReportIsRefusedAndChangesNothing() {
        ClusterFixture c = restarted();
        c.shardDdl.register(GROUP, A, BASE);
        c.shardDdl.register(GROUP, B, BASE);
        addC(c.shardDdl, A);
        ShardGroupState before = c.shardDdl.group(GROUP).orElseThrow();
        ShardTableDefinition cAsText = ShardTableDefinition.of(List.of(new ShardColumn("id", "bigint", null, false,
                null), ShardColumn.nullable("name", "varchar(20)"), ShardColumn.nullable("c", "json")),
                List.of(ShardIndex.primaryKey("id")));

        assertCode(() -> c.shardDdl.report(ShardDdlReport.of(GROUP, B, BASE,
                "ALTER TABLE `sales`.`orders` ADD COLUMN `c` json", cAsText)), ErrorCode.SHARD_DDL_CONFLICT);

        assertThat(c.shardDdl.group(GROUP)).contains(before);
    }
}
