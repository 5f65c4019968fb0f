package io.godwit.shardmerge;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.shardmerge.ShardDdlDecision.Outcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static io.godwit.shardmerge.Definitions.A;
import static io.godwit.shardmerge.Definitions.ADD_LEVEL;
import static io.godwit.shardmerge.Definitions.LEVEL;
import static io.godwit.shardmerge.Definitions.B;
import static io.godwit.shardmerge.Definitions.C;
import static io.godwit.shardmerge.Definitions.GROUP;
import static io.godwit.shardmerge.Definitions.TARGET;
import static io.godwit.shardmerge.Definitions.base;
import static io.godwit.shardmerge.Definitions.plus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** DM's lock "done": the owner of a decision's statements acknowledges them; the others wait for that. */
class DoneAcknowledgementTest {
    private static final String ADD_NOTE = "ALTER TABLE " + TARGET + " ADD COLUMN `note` varchar(10) NULL";
    private static final ShardColumn NOTE = ShardColumn.nullable("note", "varchar(10)");
    /** Long enough never to be reached by a passing test; the tests assert no durations. */
    private static final Duration PATIENCE = Duration.ofMinutes(1);

    private ShardGroupFixture shards;

    @BeforeEach
    void threeShards() {
        shards = ShardGroupFixture.threeShards();
    }

    private ShardDdlDecision addNote(ShardMember member) {
        return shards.ddl(member, ADD_NOTE, d -> plus(d, NOTE));
    }

    private InMemoryShardDdlCoordinator coordinator() { return shards.coordinator; }

    @Test
    void theOwnerGetsAVersionAndTheSecondShardAwaitsIt() {
        ShardDdlDecision first = shards.addLevel(A);
        assertThat(first.outcome()).isEqualTo(Outcome.EXECUTE);
        assertThat(first.version()).isEqualTo(1);
        assertThat(first.awaitVersion()).isZero();
        assertThat(first.mustAwait()).isFalse();
        assertThat(shards.state().pending()).containsExactly(new PendingExecution(1, A, List.of(ADD_LEVEL)));
        assertThat(shards.state().pendingOf(A)).hasSize(1);
        assertThat(shards.state().pendingOf(B)).isEmpty();

        ShardDdlDecision second = shards.addLevel(B);
        assertThat(second.outcome()).isEqualTo(Outcome.ALREADY_ON_TARGET);
        assertThat(second.version()).isZero();
        assertThat(second.awaitVersion()).isEqualTo(1);
        assertThat(second.mustAwait()).isTrue();
        assertThat(second.notes()).anyMatch(n -> n.contains("version 1") && n.contains(A.toString()));
        assertThat(coordinator().isApplied(GROUP, 1)).isFalse();
        assertThat(coordinator().isApplied(GROUP, 0)).isTrue();

        coordinator().acknowledge(GROUP, A, 1);
        assertThat(coordinator().isApplied(GROUP, 1)).isTrue();
        assertThat(shards.state().pending()).isEmpty();
        assertThat(shards.addLevel(C).awaitVersion()).isZero();
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES) // a guard against hanging the build, not an assertion
    void anAcknowledgementReleasesAShardWaitingForIt() throws Exception {
        shards.addLevel(A);
        long awaited = shards.addLevel(B).awaitVersion();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            CountDownLatch waiting = new CountDownLatch(1);
            AtomicReference<Thread> waiter = new AtomicReference<>();
            Future<Boolean> released = pool.submit(() -> {
                waiter.set(Thread.currentThread());
                waiting.countDown();
                return coordinator().awaitApplied(GROUP, awaited, PATIENCE);
            });
            assertThat(waiting.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
            // acknowledge only once the waiter sleeps in the monitor, so that the wake-up is what is tested
            while (waiter.get().getState() != Thread.State.TIMED_WAITING && !released.isDone()) {
                Thread.onSpinWait();
            }
            assertThat(released).isNotDone();

            coordinator().acknowledge(GROUP, A, awaited);
            assertThat(released.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void waitingEndsWithFalseAtTheTimeoutAndWithAnExceptionWhenInterrupted() throws Exception {
        shards.addLevel(A);
        assertThat(coordinator().awaitApplied(GROUP, 1, Duration.ZERO)).isFalse();

        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            AtomicReference<Thread> waiter = new AtomicReference<>();
            CountDownLatch waiting = new CountDownLatch(1);
            Future<Boolean> interrupted = pool.submit(() -> {
                waiter.set(Thread.currentThread());
                waiting.countDown();
                return coordinator().awaitApplied(GROUP, 1, PATIENCE);
            });
            assertThat(waiting.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
            waiter.get().interrupt();
            assertThatThrownBy(() -> interrupted.get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(InterruptedException.class);
        } finally {
            pool.shutdownNow();
        }
        assertThat(coordinator().isApplied(GROUP, 1)).isFalse();
    }

    @Test
    void acknowledgingTwiceOrAnUnknownVersionIsHarmless() {
        shards.addLevel(A);
        coordinator().acknowledge(GROUP, A, 1);
        ShardGroupState acknowledged = shards.state();
        coordinator().acknowledge(GROUP, A, 1);
        coordinator().acknowledge(GROUP, B, 1);
        coordinator().acknowledge(GROUP, A, 7);
        coordinator().acknowledge(ShardGroupId.of("other", io.godwit.core.model.TableId.of("x", "y")), A, 1);
        assertThat(shards.state()).isEqualTo(acknowledged);
        assertThat(acknowledged.lastVersion()).isEqualTo(1);
        // a version never given out is not applied: nobody ran it
        assertThat(coordinator().isApplied(GROUP, 7)).isFalse();
    }

    @Test
    void acknowledgingAnotherOwnersVersionFailsAndChangesNothing() {
        shards.addLevel(A);
        ShardGroupState before = shards.state();
        assertThatThrownBy(() -> coordinator().acknowledge(GROUP, B, 1))
                .isInstanceOf(GodwitException.class)
                .satisfies(e -> {
                    assertThat(((GodwitException) e).code()).isEqualTo(ErrorCode.CLUSTER_CONFLICT);
                    assertThat(e.getMessage()).contains(A.toString(), B.toString(), "version 1");
                });
        assertThat(shards.state()).isEqualTo(before);
        assertThat(coordinator().isApplied(GROUP, 1)).isFalse();
    }

    @Test
    void versionsIncreaseAndALaterOwnerAwaitsTheEarlierOnes() {
        assertThat(shards.addLevel(A).version()).isEqualTo(1);
        ShardDdlDecision note = addNote(B);
        assertThat(note.outcome()).isEqualTo(Outcome.EXECUTE);
        assertThat(note.version()).isEqualTo(2);
        assertThat(note.awaitVersion()).isEqualTo(1);
        assertThat(shards.addLevel(C).awaitVersion()).isEqualTo(2);

        // B acknowledges first: version 2 ran, but the target has not run everything up to it yet
        coordinator().acknowledge(GROUP, B, 2);
        assertThat(coordinator().isApplied(GROUP, 2)).isFalse();
        coordinator().acknowledge(GROUP, A, 1);
        assertThat(coordinator().isApplied(GROUP, 2)).isTrue();

        // versions are not reused once nothing is pending
        ShardDdlDecision noteOnC = shards.ddl(C, "ALTER TABLE " + TARGET + " ADD COLUMN `extra` int",
                d -> plus(d, ShardColumn.nullable("extra", "int")));
        assertThat(noteOnC.version()).isEqualTo(3);
        assertThat(noteOnC.awaitVersion()).isZero();
    }

    @Test
    void aLateShardThatWidensTheTargetOwnsItsStatements() {
        shards.addLevel(A);
        ShardMember late = ShardMember.of("mysql-03", "shard_9", "orders");
        ShardDdlDecision joined = shards.registerDecision(late, plus(base(), NOTE));
        assertThat(joined.outcome()).isEqualTo(Outcome.EXECUTE);
        assertThat(joined.version()).isEqualTo(2);
        assertThat(joined.awaitVersion()).isEqualTo(1);
        assertThat(shards.state().pendingOf(late)).extracting(PendingExecution::version).containsExactly(2L);

        ShardDdlDecision again = shards.registerDecision(late, plus(base(), NOTE));
        assertThat(again.outcome()).isEqualTo(Outcome.NO_CHANGE);
        assertThat(again.awaitVersion()).isEqualTo(2);
    }

    @Test
    void aReplayReturnsTheSameVersionsEvenAfterAcknowledgements() {
        ShardDdlReport ownerReport = shards.report(A, ADD_LEVEL, d -> plus(d, LEVEL));
        ShardDdlDecision owner = coordinator().report(ownerReport);
        ShardDdlReport waiterReport = shards.report(B, ADD_LEVEL, d -> plus(d, LEVEL));
        ShardDdlDecision waiter = coordinator().report(waiterReport);

        ShardDdlDecision ownerAgain = coordinator().report(ownerReport);
        ShardDdlDecision waiterAgain = coordinator().report(waiterReport);
        assertThat(ownerAgain).isEqualTo(owner.asReplayed());
        assertThat(waiterAgain).isEqualTo(waiter.asReplayed());
        assertThat(ownerAgain.version()).isEqualTo(1);
        assertThat(waiterAgain.awaitVersion()).isEqualTo(1);
        assertThat(shards.state().lastVersion()).isEqualTo(1);

        coordinator().acknowledge(GROUP, A, 1);
        ShardDdlDecision ownerLate = coordinator().report(ownerReport);
        assertThat(ownerLate.version()).isEqualTo(1);
        assertThat(ownerLate.awaitVersion()).isZero();
        assertThat(coordinator().report(waiterReport).awaitVersion()).isEqualTo(1);
        // the owner runs its statements again (its DDL checkpoint finds them done) and acknowledges: a no-op
        coordinator().acknowledge(GROUP, A, ownerLate.version());
        assertThat(shards.state().pending()).isEmpty();
        assertThat(shards.state().lastVersion()).isEqualTo(1);
    }

    @Test
    void aConflictLeavesThePendingExecutionsUntouched() {
        shards.addLevel(A);
        addNote(B);
        ShardGroupState before = shards.state();
        assertThatThrownBy(() -> shards.ddl(C, "ALTER TABLE " + TARGET + " ADD COLUMN `level` text",
                d -> plus(d, ShardColumn.nullable("level", "text"))))
                .isInstanceOf(GodwitException.class)
                .satisfies(e -> assertThat(((GodwitException) e).code()).isEqualTo(ErrorCode.SHARD_DDL_CONFLICT));
        assertThat(shards.state()).isEqualTo(before);
        assertThat(shards.state().pending()).extracting(PendingExecution::version).containsExactly(1L, 2L);
        assertThat(ShardGroupStateJson.toJson(shards.state())).isEqualTo(ShardGroupStateJson.toJson(before));
    }

    @Test
    void aDepartingOwnerKeepsItsPendingExecution() {
        shards.addLevel(A);
        coordinator().leave(GROUP, A);
        assertThat(shards.state().pendingOf(A)).hasSize(1);
        coordinator().acknowledge(GROUP, A, 1);
        assertThat(coordinator().isApplied(GROUP, 1)).isTrue();
    }

    @Test
    void pendingExecutionsSurviveTheJsonRoundTripAndARestartedOwnerFindsThem() {
        ShardDdlReport ownerReport = shards.report(A, ADD_LEVEL, d -> plus(d, LEVEL));
        ShardDdlDecision owner = coordinator().report(ownerReport);
        addNote(B);
        coordinator().acknowledge(GROUP, B, 2);
        ShardDdlDecision waiter = shards.addLevel(C);

        String json = ShardGroupStateJson.toJson(shards.state());
        assertThat(json).contains("\"lastVersion\":2", "\"pending\":[{\"version\":1", ADD_LEVEL)
                .doesNotContain("mustAwait", "highestPending");
        ShardGroupState back = ShardGroupStateJson.fromJson(json);
        assertThat(back).isEqualTo(shards.state());

        InMemoryShardDdlCoordinator restarted = new InMemoryShardDdlCoordinator(List.of(back));
        assertThat(restarted.isApplied(GROUP, waiter.awaitVersion())).isFalse();
        assertThat(restarted.report(ownerReport)).isEqualTo(owner.asReplayed());
        // the owner, restarted too, finds what it still has to run and acknowledges it
        List<PendingExecution> toRun = restarted.group(GROUP).orElseThrow().pendingOf(A);
        assertThat(toRun).containsExactly(new PendingExecution(1, A, List.of(ADD_LEVEL)));
        restarted.acknowledge(GROUP, A, toRun.get(0).version());
        assertThat(restarted.isApplied(GROUP, waiter.awaitVersion())).isTrue();
        assertThat(restarted.group(GROUP).orElseThrow().pending()).isEmpty();
    }

    @Test
    void aStateStoredBeforeAcknowledgementsReadsAsNothingPending() {
        ShardGroupState state = shards.state();
        String json = ShardGroupStateJson.toJson(state);
        String old = json.replace(",\"lastVersion\":0,\"pending\":[]", "");
        assertThat(old).isNotEqualTo(json).doesNotContain("pending");
        assertThat(ShardGroupStateJson.fromJson(old)).isEqualTo(state);
    }
}
