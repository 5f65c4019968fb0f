package io.godwit.worker.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.BinlogPos;
import io.godwit.core.model.TableId;
import io.godwit.worker.agent.KeepaliveResponse.ExpectedSubtask;
import io.godwit.worker.agent.KeepaliveResponse.SourceBinding;
import io.godwit.worker.agent.SubtaskSpec.SubtaskKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** Which subtask a binlog command reaches and in which stages it is refused, without databases. */
class SubtaskBinlogCommandsTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final SourceBinding S1 = new SourceBinding("s1", "source-id: s1\n");

    private final FakeSubtasks fakes = new FakeSubtasks();
    private final SubtaskSet set = new SubtaskSet(fakes, Executors.newCachedThreadPool(), Duration.ofSeconds(5));
    private final SubtaskBinlogCommands commands = new SubtaskBinlogCommands(set);

    private void expect(String task, SubtaskStage stage) {
        set.reconcile(S1, List.of(new ExpectedSubtask(task, "s1", stage, "name: " + task + "\n")));
    }

    private static void assertCode(Runnable call, ErrorCode code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(GodwitException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void skipAndReplaceReachTheSyncThatPausedItselfAndNothingElse() {
        assertCode(() -> commands.resolvePausedDdl("selfpause", "s1", null, List.of()), ErrorCode.CLUSTER_NOT_FOUND);
        expect("selfpause", SubtaskStage.RUNNING);
        await().atMost(PATIENCE).until(() -> fakes.opened("selfpause").size() == 1
                && fakes.opened("selfpause").get(0).running());

        assertThat(commands.resolvePausedDdl("selfpause", "s1", null, List.of())).isEqualTo("scripted-position");
        commands.resolvePausedDdl("selfpause", "s1", null, List.of("ALTER TABLE `d`.`t` ADD COLUMN c INT"));
        assertThat(fakes.opened("selfpause").get(0).resolved)
                .containsExactly(List.of(), List.of("ALTER TABLE `d`.`t` ADD COLUMN c INT"));
        assertCode(() -> commands.resolvePausedDdl("selfpause", "s2", null, List.of()), ErrorCode.CLUSTER_NOT_FOUND);
    }

    @Test
    void aNamedPositionActsOnlyWhenTheSyncPausedThere() {
        expect("selfpause", SubtaskStage.RUNNING);
        await().atMost(PATIENCE).until(() -> fakes.opened("selfpause").size() == 1
                && fakes.opened("selfpause").get(0).running());

        assertThatThrownBy(() -> commands.resolvePausedDdl("selfpause", "s1", BinlogPos.parse("mysql-bin.000001:1234"),
                List.of())).isInstanceOfSatisfying(GodwitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CLUSTER_CONFLICT);
                    assertThat(e.getMessage()).startsWith("the sync of source s1 is paused at the DDL at"
                            + " mysql-bin.000002:4567, not at mysql-bin.000001:1234").doesNotContain("\n");
                });
        assertCode(() -> commands.resolvePausedDdl("selfpause", "s1", BinlogPos.parse("mysql-bin.000002:4568"),
                List.of("DROP TABLE `d`.`t`")), ErrorCode.CLUSTER_CONFLICT);
        assertThat(fakes.opened("selfpause").get(0).resolved).as("nothing skipped or replaced").isEmpty();

        assertThat(commands.resolvePausedDdl("selfpause", "s1", BinlogPos.parse("mysql-bin.000002:4567"), List.of()))
                .isEqualTo("scripted-position");
        assertThat(fakes.opened("selfpause").get(0).resolved).containsExactly(List.of());
        set.stopAll();
    }

    @Test
    void aNamedPositionDoesNotGetPastARunningSync() {
        expect("t", SubtaskStage.RUNNING);
        await().atMost(PATIENCE).until(() -> fakes.opened("t").size() == 1 && fakes.opened("t").get(0).running());

        assertCode(() -> commands.resolvePausedDdl("t", "s1", BinlogPos.parse("mysql-bin.000002:4567"), List.of()),
                ErrorCode.CLUSTER_CONFLICT);
        assertThat(fakes.opened("t").get(0).resolved).isEmpty();
        set.stopAll();
    }

    @Test
    void aRunningSyncRefusesSkipAndSchemaEditsBeforeAnyDatabaseIsTouched() {
        expect("t", SubtaskStage.RUNNING);
        await().atMost(PATIENCE).until(() -> fakes.opened("t").size() == 1 && fakes.opened("t").get(0).running());

        assertCode(() -> commands.resolvePausedDdl("t", "s1", null, List.of()), ErrorCode.CLUSTER_CONFLICT);
        assertCode(() -> commands.define("t", "s1", TableId.of("d", "x"), "CREATE TABLE x (id INT)"),
                ErrorCode.CLUSTER_CONFLICT);
        assertCode(() -> commands.forget("t", "s1", TableId.of("d", "x")), ErrorCode.CLUSTER_CONFLICT);
    }

    @Test
    void aSubtaskPausedByPauseTaskCannotBeSkippedButIsHeldWhileACommandRuns() {
        expect("t", SubtaskStage.PAUSED);
        assertCode(() -> commands.resolvePausedDdl("t", "s1", null, List.of()), ErrorCode.CLUSTER_CONFLICT);

        SubtaskKey key = new SubtaskKey("t", "s1");
        set.whileHeld(key, runner -> {
            expect("t", SubtaskStage.RUNNING);
            assertThat(fakes.opened("t")).as("a resume waits for the command").isEmpty();
            assertCode(() -> set.whileHeld(key, r -> r), ErrorCode.CLUSTER_CONFLICT);
            return runner;
        });
        expect("t", SubtaskStage.RUNNING);
        await().atMost(PATIENCE).until(() -> fakes.opened("t").size() == 1 && fakes.opened("t").get(0).running());
        set.stopAll();
    }
}
