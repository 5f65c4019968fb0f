package io.godwit.shardmerge;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.TableId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.godwit.shardmerge.Definitions.A;
import static io.godwit.shardmerge.Definitions.ADD_LEVEL;
import static io.godwit.shardmerge.Definitions.B;
import static io.godwit.shardmerge.Definitions.GROUP;
import static io.godwit.shardmerge.Definitions.LEVEL;
import static io.godwit.shardmerge.Definitions.base;
import static io.godwit.shardmerge.Definitions.plus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The coordinator hands each change to its persistence first; a refused change is not made. */
class ShardGroupPersistenceTest {
    /** Records what it is told; refuses the next call when told to. */
    private static final class RecordingPersistence implements ShardGroupPersistence {
        final List<ShardGroupState> saved = new ArrayList<>();
        final List<List<ShardGroupId>> removed = new ArrayList<>();
        boolean failNext;

        @Override public void save(ShardGroupState next) {
            refuseIfTold();
            saved.add(next);
        }

        @Override public void remove(String task, List<ShardGroupId> groups) {
            refuseIfTold();
            removed.add(groups);
        }

        private void refuseIfTold() {
            if (failNext) {
                failNext = false;
                throw new GodwitException(ErrorCode.CLUSTER_META_STORE, "no space left on device");
            }
        }
    }

    private final RecordingPersistence persistence = new RecordingPersistence();
    private final InMemoryShardDdlCoordinator coordinator = new InMemoryShardDdlCoordinator(List.of(), persistence);

    private static ShardDdlReport addLevel(ShardMember member) {
        return ShardDdlReport.of(GROUP, member, base(), ADD_LEVEL, plus(base(), LEVEL));
    }

    private ShardGroupState state() { return coordinator.group(GROUP).orElseThrow(); }

    @Test
    void everyChangeIsPersistedBeforeItIsVisible() {
        coordinator.register(GROUP, A, base());
        coordinator.register(GROUP, B, base());
        ShardDdlDecision decision = coordinator.report(addLevel(A));
        coordinator.acknowledge(GROUP, A, decision.version());
        coordinator.leave(GROUP, B);

        assertThat(persistence.saved).hasSize(5);
        assertThat(persistence.saved.get(persistence.saved.size() - 1)).isEqualTo(state());
        assertThat(persistence.saved.get(2).pending()).extracting(PendingExecution::version).containsExactly(1L);
        assertThat(persistence.saved.get(3).pending()).isEmpty();
    }

    @Test
    void aRefusedReportLeavesTheGroupAsItWasAndCanBeRepeated() {
        coordinator.register(GROUP, A, base());
        coordinator.register(GROUP, B, base());
        ShardGroupState before = state();

        persistence.failNext = true;
        assertThatThrownBy(() -> coordinator.report(addLevel(A)))
                .isInstanceOfSatisfying(GodwitException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CLUSTER_META_STORE));

        assertThat(state()).isEqualTo(before);
        assertThat(state().lastVersion()).isZero();
        ShardDdlDecision again = coordinator.report(addLevel(A));
        assertThat(again.replayed()).isFalse();
        assertThat(again.version()).isEqualTo(1);
    }

    @Test
    void aRefusedFirstRegistrationLeavesNoGroup() {
        persistence.failNext = true;
        assertThatThrownBy(() -> coordinator.register(GROUP, A, base())).isInstanceOf(GodwitException.class);
        assertThat(coordinator.group(GROUP)).isEmpty();
    }

    @Test
    void aRefusedAcknowledgementKeepsTheVersionPendingAndWakesNobody() throws InterruptedException {
        coordinator.register(GROUP, A, base());
        coordinator.register(GROUP, B, base());
        ShardDdlDecision decision = coordinator.report(addLevel(A));

        persistence.failNext = true;
        assertThatThrownBy(() -> coordinator.acknowledge(GROUP, A, decision.version()))
                .isInstanceOf(GodwitException.class);

        assertThat(state().pendingOf(A)).hasSize(1);
        assertThat(coordinator.awaitApplied(GROUP, 1, Duration.ZERO)).isFalse();
        coordinator.acknowledge(GROUP, A, decision.version());
        assertThat(coordinator.awaitApplied(GROUP, 1, Duration.ZERO)).isTrue();
    }

    @Test
    void aReplayedReportOrARepeatedCallPersistsNothing() {
        coordinator.register(GROUP, A, base());
        coordinator.register(GROUP, B, base());
        ShardDdlDecision first = coordinator.report(addLevel(A));
        int saves = persistence.saved.size();

        ShardDdlDecision replayed = coordinator.report(addLevel(A));
        coordinator.acknowledge(GROUP, A, first.version());
        int afterAcknowledge = persistence.saved.size();
        coordinator.acknowledge(GROUP, A, first.version());
        coordinator.acknowledge(GROUP, A, 99);
        coordinator.acknowledge(ShardGroupId.of("other", TableId.of("x", "y")), A, 1);

        assertThat(replayed.replayed()).isTrue();
        assertThat(replayed.version()).isEqualTo(first.version());
        assertThat(afterAcknowledge).isEqualTo(saves + 1);
        assertThat(persistence.saved).hasSize(afterAcknowledge);
    }

    @Test
    void removeTaskDropsOnlyThatTasksGroupsAfterPersistingIt() {
        ShardGroupId items = ShardGroupId.of("orders", TableId.of("sales", "items"));
        ShardGroupId otherTask = ShardGroupId.of("billing", TableId.of("sales", "orders"));
        coordinator.register(GROUP, A, base());
        coordinator.register(items, A, base());
        coordinator.register(otherTask, A, base());

        persistence.failNext = true;
        assertThatThrownBy(() -> coordinator.removeTask("orders")).isInstanceOf(GodwitException.class);
        assertThat(coordinator.group(GROUP)).isPresent();
        assertThat(coordinator.group(items)).isPresent();

        assertThat(coordinator.removeTask("orders")).containsExactlyInAnyOrder(GROUP, items);
        assertThat(persistence.removed).hasSize(1);
        assertThat(persistence.removed.get(0)).containsExactlyInAnyOrder(GROUP, items);
        assertThat(coordinator.group(GROUP)).isEmpty();
        assertThat(coordinator.group(items)).isEmpty();
        assertThat(coordinator.group(otherTask)).isPresent();

        assertThat(coordinator.removeTask("orders")).isEmpty();
        assertThat(persistence.removed).hasSize(1);
    }

    @Test
    void removeTaskWithItsOwnPersistIsCalledEvenWithoutGroups() {
        List<List<ShardGroupId>> told = new ArrayList<>();
        assertThat(coordinator.removeTask("none", told::add)).isEmpty();
        assertThat(told).containsExactly(List.of());
        assertThat(persistence.removed).isEmpty();
    }

    @Test
    void theDefaultAwaitAppliedPollsTheGroup() throws InterruptedException {
        coordinator.register(GROUP, A, base());
        coordinator.register(GROUP, B, base());
        coordinator.report(addLevel(A));
        // the interface's polling default, over the same states
        ShardDdlCoordinator polling = new ShardDdlCoordinator() {
            @Override public ShardDdlDecision register(ShardGroupId g, ShardMember m, ShardTableDefinition d) {
                throw new UnsupportedOperationException();
            }

            @Override public ShardDdlDecision report(ShardDdlReport report) { throw new UnsupportedOperationException(); }

            @Override public void acknowledge(ShardGroupId g, ShardMember m, long version) {
                throw new UnsupportedOperationException();
            }

            @Override public void leave(ShardGroupId g, ShardMember m) { throw new UnsupportedOperationException(); }

            @Override public java.util.Optional<ShardGroupState> group(ShardGroupId g) { return coordinator.group(g); }
        };

        assertThat(polling.awaitApplied(GROUP, 0, Duration.ZERO)).isTrue();
        assertThat(polling.awaitApplied(GROUP, 1, Duration.ofMillis(250))).isFalse();
        Thread acknowledger = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            coordinator.acknowledge(GROUP, A, 1);
        });
        acknowledger.start();
        assertThat(polling.awaitApplied(GROUP, 1, Duration.ofSeconds(30))).isTrue();
        acknowledger.join();
    }
}
