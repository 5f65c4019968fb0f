package io.godwit.worker.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The agent against a scripted master, with subtasks that need no database. */
class WorkerAgentTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private FakeMaster master;
    private final FakeSubtasks subtasks = new FakeSubtasks();
    private WorkerAgent agent;

    @BeforeEach
    void startMaster() throws Exception {
        // Long enough that a slow keepalive on a loaded machine never costs the lease by accident (a test that
        // tests lease loss takes the master down); short enough that those tests wait a few seconds only.
        master = new FakeMaster().lease(2_500);
    }

    @AfterEach
    void stopAll() {
        if (agent != null) {
            agent.stop(Duration.ofSeconds(10));
        }
        master.close();
    }

    private void startAgent() {
        startAgent(Duration.ofSeconds(2));
    }

    private void startAgent(Duration keepaliveTimeout) {
        agent = new WorkerAgent("w1", "127.0.0.1:8262", new MasterClient(List.of(master.address()), keepaliveTimeout),
                subtasks, Duration.ofSeconds(5));
        agent.start();
    }

    @Test
    void registersAndStartsARunningSubtaskAndReportsIt() {
        master.bind("s1").expect(new String[] {"t", "s1", "Running"});
        startAgent();

        await().atMost(PATIENCE).until(() -> subtasks.opened("t").size() == 1 && subtasks.opened("t").get(0).running());
        SubtaskSpec spec = subtasks.opened("t").get(0).spec;
        assertThat(spec).isEqualTo(new SubtaskSpec("t", "s1", "name: t\n", "source-id: s1\n"));
        JsonNode first = master.keepalives().get(0);
        assertThat(first.get("name").asText()).isEqualTo("w1");
        assertThat(first.get("address").asText()).isEqualTo("127.0.0.1:8262");
        assertThat(first.get("subtasks")).isEmpty();
        await().atMost(PATIENCE).until(() -> reported("t").filter(r -> r.get("stage").asText().equals("Running")
                && r.path("status").path("running").asBoolean()).isPresent());
        JsonNode report = reported("t").orElseThrow();
        assertThat(report.get("source").asText()).isEqualTo("s1");
        assertThat(report.get("error").isNull()).isTrue();
        assertThat(agent.status()).containsEntry("name", "w1").containsEntry("source", "s1");
    }

    @Test
    void pausedStopsTheSubtaskAndRunningAgainStartsItAfresh() {
        master.bind("s1").expect(new String[] {"t", "s1", "Running"});
        startAgent();
        await().atMost(PATIENCE).until(() -> subtasks.opened("t").size() == 1 && subtasks.opened("t").get(0).running());

        master.expect(new String[] {"t", "s1", "Paused"});
        await().atMost(PATIENCE).until(() -> subtasks.opened("t").get(0).ended() && stageReported("t", "Paused"));
        assertThat(subtasks.opened("t")).hasSize(1);

        master.expect(new String[] {"t", "s1", "Running"});
        await().atMost(PATIENCE).until(() -> subtasks.opened("t").size() == 2 && subtasks.opened("t").get(1).running());
        await().atMost(PATIENCE).until(() -> stageReported("t", "Running"));
    }

    @Test
    void aSubtaskTheMasterNoLongerListsIsStoppedAndForgotten() {
        master.bind("s1").expect(new String[] {"t", "s1", "Running"}, new String[] {"u", "s1", "Running"});
        startAgent();
        await().atMost(PATIENCE).until(() -> subtasks.opened().size() == 2
                && subtasks.opened().stream().allMatch(FakeSubtasks.Fake::running));

        master.expect(new String[] {"u", "s1", "Running"});
        await().atMost(PATIENCE).until(() -> subtasks.opened("t").get(0).ended() && reported("t").isEmpty()
                && stageReported("u", "Running"));
        assertThat(subtasks.opened("u").get(0).running()).isTrue();
    }

    @Test
    void losingTheLeaseStopsEverySubtaskAndRegainingItStartsThemAgain() {
        master.bind("s1").expect(new String[] {"t", "s1", "Running"}, new String[] {"u", "s1", "Running"});
        startAgent();
        await().atMost(PATIENCE).until(() -> subtasks.opened().size() == 2
                && subtasks.opened().stream().allMatch(FakeSubtasks.Fake::running));

        master.down(503);
        await().atMost(PATIENCE).until(() -> subtasks.opened().stream().allMatch(FakeSubtasks.Fake::ended)
                && agent.reports().stream().allMatch(r -> r.stage() == SubtaskStage.STOPPED));
        assertThat(agent.leaseHeld()).isFalse();
        assertThat(agent.reports()).hasSize(2);
        assertThat(agent.status()).containsEntry("source", null);

        master.down(0);
        await().atMost(PATIENCE).until(() -> subtasks.opened().size() == 4
                && subtasks.opened().subList(2, 4).stream().allMatch(FakeSubtasks.Fake::running));
        assertThat(agent.leaseHeld()).isTrue();
    }

    @Test
    void theLeaseRunsOutWhileAKeepaliveHangs() {
        master.bind("s1").expect(new String[] {"t", "s1", "Running"});
        // a call may hang far longer than the lease: the stop must not wait for it
        startAgent(Duration.ofMinutes(5));
        await().atMost(PATIENCE).until(() -> subtasks.opened("t").size() == 1 && subtasks.opened("t").get(0).running());

        master.hang();
        int answeredBefore = master.answered();
        await().atMost(PATIENCE).until(() -> subtasks.opened("t").get(0).ended() && !agent.leaseHeld());
        assertThat(master.answered()).as("no keepalive was answered while it hung").isEqualTo(answeredBefore);

        master.release();
        await().atMost(PATIENCE).until(() -> subtasks.opened("t").size() == 2 && subtasks.opened("t").get(1).running());
    }

    @Test
    void aFailedSubtaskStaysPausedUntilTheMasterPausesAndResumesIt() {
        master.bind("s1").expect(new String[] {"fails", "s1", "Running"});
        startAgent();
        await().atMost(PATIENCE).until(() -> stageReported("fails", "Paused"));
        assertThat(reported("fails").orElseThrow().get("error").asText())
                .startsWith("[code=").contains("scripted failure of fails/s1");
        int seen = master.keepalives().size();
        await().atMost(PATIENCE).until(() -> master.keepalives().size() >= seen + 5);
        assertThat(subtasks.opened("fails")).hasSize(1);

        master.expect(new String[] {"fails", "s1", "Paused"});
        await().atMost(PATIENCE).until(() -> master.keepalives().size() >= seen + 8);
        assertThat(subtasks.opened("fails")).hasSize(1);
        master.expect(new String[] {"fails", "s1", "Running"});
        await().atMost(PATIENCE).until(() -> subtasks.opened("fails").size() == 2);
    }

    @Test
    void aSubtaskThatPausedItselfIsReportedPausedAndResumedByAFlip() {
        master.bind("s1").expect(new String[] {"selfpause", "s1", "Running"});
        startAgent();
        await().atMost(PATIENCE).until(() -> stageReported("selfpause", "Paused"));
        assertThat(reported("selfpause").orElseThrow().get("error").asText()).isEqualTo("[code=1] scripted pause");
        assertThat(subtasks.opened("selfpause").get(0).ended()).isFalse();

        master.expect(new String[] {"selfpause", "s1", "Paused"});
        await().atMost(PATIENCE).until(() -> subtasks.opened("selfpause").get(0).ended());
        master.expect(new String[] {"selfpause", "s1", "Running"});
        await().atMost(PATIENCE).until(() -> subtasks.opened("selfpause").size() == 2);
    }

    @Test
    void aFinishedSubtaskIsReportedFinishedAndNotRunAgain() {
        master.bind("s1").expect(new String[] {"full", "s1", "Running"});
        startAgent();
        await().atMost(PATIENCE).until(() -> stageReported("full", "Finished"));
        int seen = master.keepalives().size();
        await().atMost(PATIENCE).until(() -> master.keepalives().size() >= seen + 5);
        assertThat(subtasks.opened("full")).hasSize(1);
        assertThat(reported("full").orElseThrow().get("stage").asText()).isEqualTo("Finished");
    }

    @Test
    void aNewSourceStartsOnlyAfterTheOldSourcesSubtasksStopped() {
        master.bind("s1").expect(new String[] {"t", "s1", "Running"});
        startAgent();
        await().atMost(PATIENCE).until(() -> subtasks.opened("t").size() == 1 && subtasks.opened("t").get(0).running());

        master.bind("s2").expect(new String[] {"t", "s2", "Running"});
        await().atMost(PATIENCE).until(() -> subtasks.opened("t").size() == 2 && subtasks.opened("t").get(1).running());
        assertThat(subtasks.opened("t").get(1).spec.source()).isEqualTo("s2");
        assertThat(subtasks.events()).containsSubsequence("start t/s1", "end t/s1", "start t/s2");
        await().atMost(PATIENCE).until(() -> reported("t").map(r -> r.get("source").asText()).orElse("").equals("s2")
                && master.lastReports().size() == 1);
    }

    @Test
    void aSubtaskExpectedPausedFromTheStartIsReportedPausedWithoutRunning() {
        master.bind("s1").expect(new String[] {"t", "s1", "Paused"});
        startAgent();
        await().atMost(PATIENCE).until(() -> stageReported("t", "Paused"));
        assertThat(subtasks.opened()).isEmpty();
        master.expect(new String[] {"t", "s1", "Running"});
        await().atMost(PATIENCE).until(() -> subtasks.opened("t").size() == 1 && subtasks.opened("t").get(0).running());
    }

    /** The report of {@code task} in the last keepalive the master received. */
    private Optional<JsonNode> reported(String task) {
        for (JsonNode r : master.lastReports()) {
            if (r.get("task").asText().equals(task)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    private boolean stageReported(String task, String stage) {
        return reported(task).map(r -> r.get("stage").asText().equals(stage)).orElse(false);
    }
}
