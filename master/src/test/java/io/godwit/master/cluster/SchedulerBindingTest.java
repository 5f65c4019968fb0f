package io.godwit.master.cluster;

import static io.godwit.master.cluster.ClusterFixture.LEASE_MS;
import static io.godwit.master.cluster.ClusterFixture.sourceYaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchedulerBindingTest {
    @TempDir Path dir;
    private final ManualClock clock = new ManualClock();

    private ClusterFixture cluster() {
        return new ClusterFixture(dir, clock);
    }

    @Test
    void newSourceBindsToFreeAliveWorker() {
        ClusterFixture c = cluster();
        c.beat("w1");

        c.sources.create(sourceYaml("s1"));

        assertThat(c.workerOf("s1")).isEqualTo("w1");
        assertThat(c.stageOf("w1")).isEqualTo("bound");
    }

    @Test
    void newSourceStaysUnboundWithoutFreeWorker() {
        ClusterFixture c = cluster();
        c.beat("w1");
        c.sources.create(sourceYaml("s1"));

        c.sources.create(sourceYaml("s2"));

        assertThat(c.workerOf("s2")).isEmpty();
        assertThat(c.workerOf("s1")).isEqualTo("w1");
    }

    @Test
    void registeringWorkerTakesUnboundSource() {
        ClusterFixture c = cluster();
        c.sources.create(sourceYaml("s1"));
        assertThat(c.workerOf("s1")).isEmpty();

        KeepaliveResponse answer = c.beat("w1");

        assertThat(c.workerOf("s1")).isEqualTo("w1");
        assertThat(answer.source().sourceId()).isEqualTo("s1");
        assertThat(answer.source().configYaml()).isEqualTo(sourceYaml("s1"));
        assertThat(answer.leaseMs()).isEqualTo(LEASE_MS);
    }

    @Test
    void expiredWorkersSourceMovesToFreeWorkerAtOnce() {
        ClusterFixture c = cluster();
        c.beat("w1");
        c.sources.create(sourceYaml("s1"));
        c.beat("w2");
        clock.advance(Duration.ofMillis(LEASE_MS - 1));
        c.beat("w2");
        assertThat(c.workerOf("s1")).as("w1's lease has 1 ms left").isEqualTo("w1");

        clock.advance(Duration.ofMillis(1));
        c.state.expireLeases();

        assertThat(c.workerOf("s1")).isEqualTo("w2");
        assertThat(c.stageOf("w1")).isEqualTo("offline");
        assertThat(c.stageOf("w2")).isEqualTo("bound");
    }

    @Test
    void expiredWorkersSourceWaitsForNextWorkerWhenNoneIsFree() {
        ClusterFixture c = cluster();
        c.beat("w1");
        c.sources.create(sourceYaml("s1"));
        clock.advance(Duration.ofMillis(LEASE_MS));
        c.state.expireLeases();
        assertThat(c.workerOf("s1")).isEmpty();

        KeepaliveResponse answer = c.beat("w3");

        assertThat(c.workerOf("s1")).isEqualTo("w3");
        assertThat(answer.source().sourceId()).isEqualTo("s1");
    }

    @Test
    void keepaliveChecksExpiryOfOtherWorkers() {
        ClusterFixture c = cluster();
        c.beat("w1");
        c.sources.create(sourceYaml("s1"));
        c.beat("w2");
        clock.advance(Duration.ofMillis(LEASE_MS));

        c.beat("w2"); // no timer ran: the keepalive itself notices w1 is gone

        assertThat(c.workerOf("s1")).isEqualTo("w2");
    }

    @Test
    void workerBackAfterExpiryReturnsFreeAndIsToldToDropItsSource() {
        ClusterFixture c = cluster();
        c.beat("w1");
        c.sources.create(sourceYaml("s1"));
        c.beat("w2");
        clock.advance(Duration.ofMillis(LEASE_MS));
        c.beat("w2");

        KeepaliveResponse answer = c.beat("w1");

        assertThat(answer.source()).isNull();
        assertThat(answer.subtasks()).isEmpty();
        assertThat(c.stageOf("w1")).isEqualTo("free");
        assertThat(c.workerOf("s1")).isEqualTo("w2");
    }

    @Test
    void transferMovesSourceToNamedFreeWorker() {
        ClusterFixture c = cluster();
        c.beat("w1");
        c.sources.create(sourceYaml("s1"));
        c.beat("w2");

        c.sources.transfer("s1", "w2");

        assertThat(c.workerOf("s1")).isEqualTo("w2");
        assertThat(c.stageOf("w1")).isEqualTo("free");
        assertThat(c.beat("w1").source()).isNull();
        assertThat(c.beat("w2").source().sourceId()).isEqualTo("s1");
    }

    @Test
    void transferRefusesBoundOfflineAndUnknownWorkers() {
        ClusterFixture c = cluster();
        c.beat("w1");
        c.beat("w2");
        c.sources.create(sourceYaml("s1"));
        c.sources.create(sourceYaml("s2"));
        c.beat("w3");
        clock.advance(Duration.ofMillis(LEASE_MS));
        c.beat("w1");
        c.beat("w2");

        assertCode(() -> c.sources.transfer("s1", "w2"), ErrorCode.CLUSTER_NO_FREE_WORKER);
        assertCode(() -> c.sources.transfer("s1", "w3"), ErrorCode.CLUSTER_NO_FREE_WORKER);
        assertCode(() -> c.sources.transfer("s1", "nobody"), ErrorCode.CLUSTER_BAD_REQUEST);
        assertCode(() -> c.sources.transfer("nope", "w3"), ErrorCode.CLUSTER_NOT_FOUND);
        assertThat(c.workerOf("s1")).isEqualTo("w1");
    }

    @Test
    void deletingSourceFreesItsWorkerForAnUnboundSource() {
        ClusterFixture c = cluster();
        c.beat("w1");
        c.sources.create(sourceYaml("s1"));
        c.sources.create(sourceYaml("s2"));

        c.sources.delete("s1");

        assertThat(c.workerOf("s2")).isEqualTo("w1");
        assertCode(() -> c.sources.get("s1"), ErrorCode.CLUSTER_NOT_FOUND);
    }

    @Test
    void duplicateOrInvalidSourceIsRefused() {
        ClusterFixture c = cluster();
        c.sources.create(sourceYaml("s1"));

        assertCode(() -> c.sources.create(sourceYaml("s1")), ErrorCode.CLUSTER_CONFLICT);
        assertThatThrownBy(() -> c.sources.create("source-id: s9\nfrom:\n  hots: x\n"))
                .isInstanceOfSatisfying(GodwitException.class,
                        e -> assertThat(e.code().errorClass()).isEqualTo(io.godwit.core.error.ErrorClass.CONFIG))
                .hasMessageContaining("hots");
    }

    @Test
    void bindingsSurviveRestartAndMoveWhenTheWorkerDoesNotReturn() {
        ClusterFixture before = cluster();
        before.beat("w1");
        before.sources.create(sourceYaml("s1"));

        ClusterFixture after = new ClusterFixture(dir, clock); // master restart: worker liveness forgotten
        assertThat(after.workerOf("s1")).isEqualTo("w1");
        after.beat("w2");
        clock.advance(Duration.ofMillis(LEASE_MS - 1));
        after.state.expireLeases();
        assertThat(after.workerOf("s1")).as("w1 still has time to call in").isEqualTo("w1");
        after.beat("w2");

        clock.advance(Duration.ofMillis(1));
        after.state.expireLeases();

        assertThat(after.workerOf("s1")).isEqualTo("w2");
    }

    @Test
    void workerReturningAfterRestartKeepsItsSource() {
        ClusterFixture before = cluster();
        before.beat("w1");
        before.sources.create(sourceYaml("s1"));

        ClusterFixture after = new ClusterFixture(dir, clock);
        after.beat("w2");
        KeepaliveResponse answer = after.beat("w1");
        clock.advance(Duration.ofMillis(LEASE_MS - 1));
        after.state.expireLeases();

        assertThat(answer.source().sourceId()).isEqualTo("s1");
        assertThat(after.workerOf("s1")).isEqualTo("w1");
        assertThat(after.stageOf("w2")).isEqualTo("free");
    }

    @Test
    void publicViewNeverCarriesThePassword() {
        ClusterFixture c = cluster();
        SourceView view = c.sources.create(sourceYaml("s1"));

        assertThat(view).isEqualTo(new SourceView("s1", "db-s1.example", 3306, "repl", true, true, ""));
        assertThat(view.toString()).doesNotContain("s3cret");
    }

    static void assertCode(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(GodwitException.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
