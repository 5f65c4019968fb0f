package io.godwit.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.godwit.core.testkit.PrometheusScrape;
import io.godwit.worker.agent.SubtaskReport;
import io.godwit.worker.agent.SubtaskStage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubtaskMetricsTest {
    private final List<SubtaskReport> reports = new ArrayList<>();
    private final SubtaskMetrics metrics = new SubtaskMetrics(() -> List.copyOf(reports));

    /** A report whose status has DM's per-source shape, with a sync_status while syncing. */
    static SubtaskReport syncing(String task, String source, SubtaskStage stage, long rows, long behind) {
        Map<String, Object> entry = Map.of("name", task, "source_name", source, "stage", stage.wireName(),
                "sync_status", Map.of("total_rows_applied", rows, "seconds_behind_master", behind));
        return new SubtaskReport(task, source, stage, null, entry);
    }

    @Test
    void eachSubtaskHasRowsLagAndOneHotStage() {
        reports.add(syncing("t1", "s1", SubtaskStage.RUNNING, 1200, 3));
        reports.add(syncing("t2", "s1", SubtaskStage.PAUSED, 7, 0));

        PrometheusScrape scrape = PrometheusScrape.parse(metrics.scrape());

        assertThat(scrape.value("godwit_worker_subtask_rows_applied", "task", "t1", "source", "s1")).isEqualTo(1200);
        assertThat(scrape.value("godwit_worker_subtask_seconds_behind_master", "task", "t1", "source", "s1"))
                .isEqualTo(3);
        assertThat(scrape.value("godwit_worker_subtask_stage", "task", "t1", "source", "s1", "stage", "Running"))
                .isEqualTo(1);
        assertThat(scrape.value("godwit_worker_subtask_stage", "task", "t1", "source", "s1", "stage", "Paused"))
                .isZero();
        assertThat(scrape.value("godwit_worker_subtask_stage", "task", "t2", "source", "s1", "stage", "Paused"))
                .isEqualTo(1);
        assertThat(scrape.value("godwit_worker_subtask_rows_applied", "task", "t2", "source", "s1")).isEqualTo(7);
    }

    @Test
    void valuesFollowTheLatestReportsAndGoneSubtasksLoseTheirSeries() {
        reports.add(syncing("t1", "s1", SubtaskStage.RUNNING, 10, 5));
        metrics.scrape();
        reports.clear();
        reports.add(syncing("t2", "s1", SubtaskStage.RUNNING, 20, 0));

        PrometheusScrape scrape = PrometheusScrape.parse(metrics.scrape());

        assertThat(scrape.has("godwit_worker_subtask_rows_applied", "task", "t1", "source", "s1")).isFalse();
        assertThat(scrape.value("godwit_worker_subtask_rows_applied", "task", "t2", "source", "s1")).isEqualTo(20);
    }

    @Test
    void unknownValuesAreNaNBeforeTheSyncRuns() {
        reports.add(new SubtaskReport("t1", "s1", SubtaskStage.RUNNING, null,
                Map.of("source_name", "s1", "unit", "Dump")));
        reports.add(syncing("t2", "s1", SubtaskStage.RUNNING, 0, -1));

        PrometheusScrape scrape = PrometheusScrape.parse(metrics.scrape());

        assertThat(scrape.value("godwit_worker_subtask_rows_applied", "task", "t1", "source", "s1")).isNaN();
        assertThat(scrape.value("godwit_worker_subtask_seconds_behind_master", "task", "t2", "source", "s1")).isNaN();
        assertThat(scrape.value("godwit_worker_subtask_rows_applied", "task", "t2", "source", "s1")).isZero();
    }

    @Test
    void ofStatusReadsTheReportsOfTheWorkersStatus() {
        SubtaskMetrics fromStatus = SubtaskMetrics.ofStatus(() -> Map.of("name", "w1", "subtasks",
                List.of(syncing("t1", "s1", SubtaskStage.FINISHED, 5, 0))));

        PrometheusScrape scrape = PrometheusScrape.parse(fromStatus.scrape());

        assertThat(scrape.value("godwit_worker_subtask_stage", "task", "t1", "source", "s1", "stage", "Finished"))
                .isEqualTo(1);
    }
}
