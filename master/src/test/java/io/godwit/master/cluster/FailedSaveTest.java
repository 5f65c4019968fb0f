package io.godwit.master.cluster;

import static io.godwit.master.cluster.ClusterFixture.LEASE_MS;
import static io.godwit.master.cluster.ClusterFixture.sourceYaml;
import static io.godwit.master.cluster.ClusterFixture.taskYaml;
import static io.godwit.master.cluster.SchedulerBindingTest.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.godwit.core.error.ErrorCode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A save that fails (disk full, read-only) changes nothing, and a later call completes the change. */
class FailedSaveTest {
    @TempDir Path dir;
    private final ManualClock clock = new ManualClock();

    @Test
    void refusedChangeIsNeitherInMemoryNorOnDisk() {
        FailingStore store = new FailingStore(dir);
        ClusterFixture c = new ClusterFixture(store, clock);
        c.sources.create(sourceYaml("s1"));

        store.failNextSave = true;
        assertCode(() -> c.tasks.create(taskYaml("t1", "s1"), false), ErrorCode.CLUSTER_META_STORE);

        assertThat(c.tasks.list()).isEmpty();
        assertThat(new ClusterFixture(dir, clock).tasks.list()).isEmpty();
        assertThat(c.tasks.create(taskYaml("t1", "s1"), false)).isEqualTo("t1");
    }

    @Test
    void sourceOfExpiredWorkerMovesOnTheNextCheckAfterAFailedSave() {
        FailingStore store = new FailingStore(dir);
        ClusterFixture c = new ClusterFixture(store, clock);
        c.beat("w1");
        c.sources.create(sourceYaml("s1"));
        c.beat("w2");
        clock.advance(Duration.ofMillis(LEASE_MS - 1));
        c.beat("w2");
        clock.advance(Duration.ofMillis(1));

        store.failNextSave = true;
        assertCode(c.state::expireLeases, ErrorCode.CLUSTER_META_STORE);
        assertThat(c.stageOf("w1")).isEqualTo("offline");

        c.state.expireLeases();

        assertThat(c.workerOf("s1")).isEqualTo("w2");
        assertThat(new ClusterFixture(dir, clock).workerOf("s1")).isEqualTo("w2");
    }
}
