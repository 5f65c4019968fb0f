package io.godwit.master.cluster;

import static io.godwit.master.cluster.ClusterFixture.LEASE_MS;
import static io.godwit.master.cluster.ClusterFixture.sourceYaml;
import static io.godwit.master.cluster.ClusterFixture.taskYaml;
import static io.godwit.master.cluster.SchedulerBindingTest.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.godwit.core.error.ErrorCode;
import io.godwit.master.cluster.KeepaliveResponse.SubtaskAssignment;
import io.godwit.master.meta.ExpectedStage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Source update, status, enable and disable on the manual clock. */
class SchedulerSourceTest {
    @TempDir Path dir;
    private final ManualClock clock = new ManualClock();
    private ClusterFixture c;

    /** s1 on w1, s2 on w2. */
    @BeforeEach
    void twoBoundSources() {
        c = ClusterFixture.twoBoundSources(dir, clock);
    }

    private static String movedSourceYaml(String id) {
        return sourceYaml(id).replace("db-" + id + ".example", "db-" + id + "-new.example");
    }

    @Test
    void updateReplacesTheYamlTheBoundWorkerGets() {
        SourceView updated = c.sources.update("s1", movedSourceYaml("s1"));

        assertThat(updated.host()).isEqualTo("db-s1-new.example");
        assertThat(updated.workerName()).isEqualTo("w1");
        assertThat(c.beat("w1").source().configYaml()).isEqualTo(movedSourceYaml("s1"));
    }

    @Test
    void updateIsRefusedWhileATaskRunsOrPausesOnTheSource() {
        c.tasks.create(taskYaml("t1", "s1", "s2"), false);

        assertCode(() -> c.sources.update("s1", movedSourceYaml("s1")), ErrorCode.CLUSTER_CONFLICT);
        c.tasks.pause("t1", List.of("s1"));
        assertCode(() -> c.sources.update("s1", movedSourceYaml("s1")), ErrorCode.CLUSTER_CONFLICT);
        assertThat(c.sources.get("s1").host()).isEqualTo("db-s1.example");

        c.tasks.stop("t1", List.of("s1"));

        assertThat(c.sources.update("s1", movedSourceYaml("s1")).host()).isEqualTo("db-s1-new.example");
        // only s1's subtask is stopped: s2 still cannot change
        assertCode(() -> c.sources.update("s2", movedSourceYaml("s2")), ErrorCode.CLUSTER_CONFLICT);
    }

    @Test
    void updateMustKeepTheSourceIdAndNeedsAnExistingSource() {
        assertCode(() -> c.sources.update("s1", sourceYaml("s2")), ErrorCode.CLUSTER_BAD_REQUEST);
        assertCode(() -> c.sources.update("s9", sourceYaml("s9")), ErrorCode.CLUSTER_NOT_FOUND);
        assertCode(() -> c.sources.update("s1", "source-id: s1\nfrom:\n  hots: x\n"), ErrorCode.CONFIG_INVALID);
        assertThat(c.state.meta().sources().get("s1")).isEqualTo(sourceYaml("s1"));
    }

    @Test
    void statusShowsWorkerLivenessAndSubtaskStages() {
        c.tasks.create(taskYaml("t1", "s1"), false);
        c.tasks.create(taskYaml("t2", "s1", "s2"), false);
        c.tasks.pause("t2", null);
        c.members.keepalive(new KeepaliveRequest("w1", "127.0.0.1:8262", List.of(
                new SubtaskReport("t1", "s1", ReportedStage.RUNNING, null, null))));

        SourceStatusView status = c.sources.status("s1");

        assertThat(status).isEqualTo(new SourceStatusView("s1", true, "w1", true, List.of(
                new SourceStatusView.Subtask("t1", ExpectedStage.RUNNING, "Running", null),
                new SourceStatusView.Subtask("t2", ExpectedStage.PAUSED, "", null))));
    }

    @Test
    void statusOfASourceWhoseWorkerDiedShowsNoWorker() {
        c.sources.create(sourceYaml("s3"));
        clock.advance(Duration.ofMillis(LEASE_MS));
        c.state.expireLeases();

        assertThat(c.sources.status("s1")).isEqualTo(new SourceStatusView("s1", true, "", false, List.of()));
        assertCode(() -> c.sources.status("s9"), ErrorCode.CLUSTER_NOT_FOUND);
    }

    @Test
    void disabledSourceIsUnboundAndItsWorkerGetsNoSubtasks() {
        c.tasks.create(taskYaml("t1", "s1"), false);

        c.sources.disable("s1");

        KeepaliveResponse w1 = c.beat("w1");
        assertThat(w1.source()).isNull();
        assertThat(w1.subtasks()).isEmpty();
        assertThat(c.sources.get("s1").enable()).isFalse();
        assertThat(c.stageOf("w1")).isEqualTo("free");
        // the expected stage is kept, so enabling brings the subtask back as it was
        assertThat(c.tasks.status("t1").get(0).expectedStage()).isEqualTo(ExpectedStage.RUNNING);
    }

    @Test
    void disabledSourceIsNotBoundAgainUntilEnabled() {
        c.tasks.create(taskYaml("t1", "s1"), false);
        c.sources.disable("s1");
        c.beat("w3");
        c.sources.delete("s2"); // frees w2 as well: two free workers, and still no binding for s1

        assertThat(c.workerOf("s1")).isEmpty();
        assertCode(() -> c.sources.transfer("s1", "w3"), ErrorCode.CLUSTER_CONFLICT);

        c.sources.enable("s1");

        assertThat(c.workerOf("s1")).isEqualTo("w1");
        assertThat(c.beat("w1").subtasks())
                .containsExactly(new SubtaskAssignment("t1", "s1", ExpectedStage.RUNNING, taskYaml("t1", "s1")));
    }

    @Test
    void freedWorkerOfADisabledSourceTakesAnUnboundOne() {
        c.sources.create(sourceYaml("s3"));
        assertThat(c.workerOf("s3")).isEmpty();

        c.sources.disable("s1");

        assertThat(c.workerOf("s3")).isEqualTo("w1");
    }

    @Test
    void disabledMarkSurvivesRestartAndEnableAndDisableAreIdempotent() {
        c.sources.disable("s1");
        c.sources.disable("s1");

        ClusterFixture restarted = new ClusterFixture(dir, clock);
        restarted.beat("w1");
        restarted.beat("w2");
        restarted.beat("w3");

        assertThat(restarted.workerOf("s1")).isEmpty();
        assertThat(restarted.sources.get("s1").enable()).isFalse();
        restarted.sources.enable("s1");
        restarted.sources.enable("s1");
        assertThat(restarted.workerOf("s1")).isEqualTo("w1");
        assertCode(() -> restarted.sources.enable("s9"), ErrorCode.CLUSTER_NOT_FOUND);
    }

    @Test
    void deletedSourceLosesItsDisabledMark() {
        c.sources.disable("s1");
        c.sources.delete("s1");
        c.sources.create(sourceYaml("s1"));

        assertThat(c.sources.get("s1").enable()).isTrue();
        assertThat(c.workerOf("s1")).isEqualTo("w1");
    }
}
