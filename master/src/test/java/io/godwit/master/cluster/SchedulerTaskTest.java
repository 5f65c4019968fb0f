package io.godwit.master.cluster;

import static io.godwit.master.cluster.ClusterFixture.taskYaml;
import static io.godwit.master.cluster.SchedulerBindingTest.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.master.cluster.KeepaliveResponse.SubtaskAssignment;
import io.godwit.master.meta.ExpectedStage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchedulerTaskTest {
    @TempDir Path dir;
    private final ManualClock clock = new ManualClock();
    private ClusterFixture c;

    /** Two sources on two workers. */
    @BeforeEach
    void twoBoundSources() {
        c = ClusterFixture.twoBoundSources(dir, clock);
    }

    @Test
    void createdTaskRunsOnEverySourcesWorker() {
        String yaml = taskYaml("t1", "s1", "s2");

        assertThat(c.tasks.create(yaml, false)).isEqualTo("t1");

        assertThat(c.beat("w1").subtasks()).containsExactly(new SubtaskAssignment("t1", "s1", ExpectedStage.RUNNING, yaml));
        assertThat(c.beat("w2").subtasks()).containsExactly(new SubtaskAssignment("t1", "s2", ExpectedStage.RUNNING, yaml));
        assertThat(c.tasks.list()).containsExactly(new TaskView("t1", "all", List.of("s1", "s2"), "Running"));
    }

    @Test
    void taskWithMissingSourceIsRefusedNamingIt() {
        assertThatThrownBy(() -> c.tasks.create(taskYaml("t1", "s1", "s9"), false))
                .isInstanceOfSatisfying(GodwitException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CLUSTER_BAD_REQUEST))
                .hasMessageContaining("s9")
                .message().doesNotContain("s1,");
        assertThat(c.tasks.list()).isEmpty();
    }

    @Test
    void invalidOrDuplicateTaskIsRefused() {
        c.tasks.create(taskYaml("t1", "s1"), false);

        assertCode(() -> c.tasks.create(taskYaml("t1", "s2"), false), ErrorCode.CLUSTER_CONFLICT);
        assertThatThrownBy(() -> c.tasks.create("name: t2\ntask-mode: sometimes\n", false))
                .isInstanceOfSatisfying(GodwitException.class,
                        e -> assertThat(e.code().errorClass()).isEqualTo(io.godwit.core.error.ErrorClass.CONFIG));
    }

    @Test
    void pauseAndResumeChangeExpectedStageOfChosenSources() {
        c.tasks.create(taskYaml("t1", "s1", "s2"), false);

        c.tasks.pause("t1", List.of("s2"));

        assertThat(c.beat("w1").subtasks().get(0).stage()).isEqualTo(ExpectedStage.RUNNING);
        assertThat(c.beat("w2").subtasks().get(0).stage()).isEqualTo(ExpectedStage.PAUSED);
        assertThat(c.tasks.list().get(0).stage()).isEqualTo("Paused");

        c.tasks.pause("t1", null);
        assertThat(c.beat("w1").subtasks().get(0).stage()).isEqualTo(ExpectedStage.PAUSED);

        c.tasks.resume("t1", List.of());
        assertThat(c.beat("w1").subtasks().get(0).stage()).isEqualTo(ExpectedStage.RUNNING);
        assertThat(c.beat("w2").subtasks().get(0).stage()).isEqualTo(ExpectedStage.RUNNING);
        assertThat(c.tasks.list().get(0).stage()).isEqualTo("Running");
    }

    @Test
    void pauseOfForeignSourceOrUnknownTaskIsRefused() {
        c.tasks.create(taskYaml("t1", "s1"), false);

        assertCode(() -> c.tasks.pause("t1", List.of("s2")), ErrorCode.CLUSTER_BAD_REQUEST);
        assertCode(() -> c.tasks.resume("nope", null), ErrorCode.CLUSTER_NOT_FOUND);
        assertCode(() -> c.tasks.status("nope"), ErrorCode.CLUSTER_NOT_FOUND);
        assertCode(() -> c.tasks.delete("nope"), ErrorCode.CLUSTER_NOT_FOUND);
    }

    @Test
    void stoppedTaskDisappearsFromWorkersDesiredState() {
        c.tasks.create(taskYaml("t1", "s1"), false);
        c.tasks.create(taskYaml("t2", "s1"), false);

        c.tasks.delete("t1");

        assertThat(c.beat("w1").subtasks()).extracting(SubtaskAssignment::task).containsExactly("t2");
        assertThat(c.tasks.list()).extracting(TaskView::name).containsExactly("t2");
    }

    @Test
    void sourceInUseCannotBeDeleted() {
        c.tasks.create(taskYaml("t1", "s1"), false);

        assertCode(() -> c.sources.delete("s1"), ErrorCode.CLUSTER_CONFLICT);
        c.tasks.delete("t1");
        c.sources.delete("s1");
        assertThat(c.sources.list()).extracting(SourceView::sourceName).containsExactly("s2");
    }

    @Test
    void statusShowsWhatTheBoundWorkerReported() {
        c.tasks.create(taskYaml("t1", "s1", "s2"), false);
        c.members.keepalive(new KeepaliveRequest("w1", "127.0.0.1:8262", List.of(
                new SubtaskReport("t1", "s1", ReportedStage.PAUSED, "[code=16001:sync] boom",
                        Map.of("unit", "sync", "rows", 42)))));

        List<SubtaskStatusView> status = c.tasks.status("t1");

        assertThat(status).containsExactly(
                new SubtaskStatusView("t1", "s1", "w1", "Paused", ExpectedStage.RUNNING, "[code=16001:sync] boom",
                        Map.of("unit", "sync", "rows", 42)),
                new SubtaskStatusView("t1", "s2", "w2", "", ExpectedStage.RUNNING, null, Map.of()));
    }

    @Test
    void tasksAndStagesSurviveRestart() {
        c.tasks.create(taskYaml("t1", "s1", "s2"), false);
        c.tasks.pause("t1", List.of("s1"));

        ClusterFixture restarted = new ClusterFixture(dir, clock);

        assertThat(restarted.tasks.list()).containsExactly(new TaskView("t1", "all", List.of("s1", "s2"), "Paused"));
        assertThat(restarted.tasks.status("t1")).extracting(SubtaskStatusView::expectedStage)
                .containsExactly(ExpectedStage.PAUSED, ExpectedStage.RUNNING);
        assertThat(restarted.state.meta().tasks().get("t1").taskYaml()).isEqualTo(taskYaml("t1", "s1", "s2"));
        assertThat(restarted.beat("w1").subtasks()).extracting(SubtaskAssignment::stage)
                .containsExactly(ExpectedStage.PAUSED);
    }

    @Test
    void subtasksFollowTheirSourceToTheNewWorker() {
        c.tasks.create(taskYaml("t1", "s1"), false);
        c.beat("w3");

        c.sources.transfer("s1", "w3");

        assertThat(c.beat("w1").subtasks()).isEmpty();
        assertThat(c.beat("w3").subtasks()).extracting(SubtaskAssignment::source).containsExactly("s1");
        assertThat(c.tasks.status("t1").get(0).workerName()).isEqualTo("w3");
    }

    @Test
    void stopTakesSubtasksOffTheWorkersAndStartBringsThemBack() {
        c.tasks.create(taskYaml("t1", "s1", "s2"), false);

        c.tasks.stop("t1", List.of("s1"));

        assertThat(c.beat("w1").subtasks()).isEmpty();
        assertThat(c.beat("w2").subtasks()).extracting(SubtaskAssignment::stage).containsExactly(ExpectedStage.RUNNING);
        assertThat(c.tasks.list().get(0).stage()).isEqualTo("Running");
        assertThat(c.tasks.status("t1")).extracting(SubtaskStatusView::expectedStage)
                .containsExactly(ExpectedStage.STOPPED, ExpectedStage.RUNNING);

        c.tasks.stop("t1", null);
        assertThat(c.beat("w2").subtasks()).isEmpty();
        assertThat(c.tasks.list()).containsExactly(new TaskView("t1", "all", List.of("s1", "s2"), "Stopped"));

        c.tasks.start("t1", List.of());
        assertThat(c.beat("w1").subtasks()).extracting(SubtaskAssignment::stage).containsExactly(ExpectedStage.RUNNING);
        assertThat(c.beat("w2").subtasks()).extracting(SubtaskAssignment::stage).containsExactly(ExpectedStage.RUNNING);
        assertThat(c.tasks.list().get(0).stage()).isEqualTo("Running");
    }

    @Test
    void stoppedTaskAndItsStageSurviveRestart() {
        c.tasks.create(taskYaml("t1", "s1"), false);
        c.tasks.stop("t1", null);

        ClusterFixture restarted = new ClusterFixture(dir, clock);

        assertThat(restarted.tasks.list().get(0).stage()).isEqualTo("Stopped");
        assertThat(restarted.beat("w1").subtasks()).isEmpty();
    }

    @Test
    void startAndStopOfForeignSourceOrUnknownTaskAreRefused() {
        c.tasks.create(taskYaml("t1", "s1"), false);

        assertCode(() -> c.tasks.start("t1", List.of("s2")), ErrorCode.CLUSTER_BAD_REQUEST);
        assertCode(() -> c.tasks.stop("t1", List.of("s2")), ErrorCode.CLUSTER_BAD_REQUEST);
        assertCode(() -> c.tasks.start("nope", null), ErrorCode.CLUSTER_NOT_FOUND);
        assertCode(() -> c.tasks.stop("nope", null), ErrorCode.CLUSTER_NOT_FOUND);
        assertCode(() -> c.tasks.get("nope"), ErrorCode.CLUSTER_NOT_FOUND);
    }

    @Test
    void getShowsTheTaskWithItsPasswordMasked() {
        String yaml = taskYaml("t1", "s1").replace("password: \"\"", "password: \"t4rget-pw\"");
        c.tasks.create(yaml, false);
        c.tasks.pause("t1", null);

        TaskDetailView task = c.tasks.get("t1");

        assertThat(task.name()).isEqualTo("t1");
        assertThat(task.taskMode()).isEqualTo("all");
        assertThat(task.sourceNameList()).containsExactly("s1");
        assertThat(task.stage()).isEqualTo("Paused");
        assertThat(task.taskYaml()).doesNotContain("t4rget-pw").contains("******").contains("name: t1");
    }
}
