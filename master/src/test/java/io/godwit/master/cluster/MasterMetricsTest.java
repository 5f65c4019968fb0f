package io.godwit.master.cluster;

import static io.godwit.master.cluster.ClusterFixture.LEASE_MS;
import static io.godwit.master.cluster.ClusterFixture.sourceYaml;
import static io.godwit.master.cluster.ClusterFixture.taskYaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.godwit.core.testkit.PrometheusScrape;
import io.godwit.master.metrics.MasterMetrics;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The master's metrics follow the cluster state (here, beside the fixture that drives it on the manual clock). */
class MasterMetricsTest {
    @TempDir Path dir;
    private final ManualClock clock = new ManualClock();

    @Test
    void gaugesFollowSourcesTasksAndWorkerStates() {
        ClusterFixture c = new ClusterFixture(dir, clock);
        MasterMetrics metrics = new MasterMetrics(c.sources, c.tasks, c.members);
        PrometheusScrape empty = PrometheusScrape.parse(metrics.scrape());
        assertThat(empty.value("godwit_master_sources")).isZero();
        assertThat(empty.value("godwit_master_workers", "state", "alive")).isZero();
        assertThat(empty.value("godwit_master_keepalives_total")).isZero();

        c.beat("w1");
        c.beat("w2");
        c.beat("w3");
        c.sources.create(sourceYaml("s1"));
        c.sources.create(sourceYaml("s2"));
        c.tasks.create(taskYaml("t1", "s1", "s2"), false);
        clock.advance(Duration.ofMillis(LEASE_MS / 2));
        c.beat("w1");
        c.beat("w3");
        clock.advance(Duration.ofMillis(LEASE_MS / 2));
        c.state.expireLeases(); // w2 missed its keepalive: offline, s2 moves to w3

        PrometheusScrape scrape = PrometheusScrape.parse(metrics.scrape());

        assertThat(scrape.value("godwit_master_sources")).isEqualTo(2);
        assertThat(scrape.value("godwit_master_tasks")).isEqualTo(1);
        assertThat(scrape.value("godwit_master_workers", "state", "alive")).isEqualTo(2);
        assertThat(scrape.value("godwit_master_workers", "state", "offline")).isEqualTo(1);
        assertThat(scrape.value("godwit_master_workers", "state", "bound")).isEqualTo(2);
        assertThat(scrape.value("godwit_master_workers", "state", "free")).isZero();
        assertThat(scrape.value("godwit_master_keepalives_total")).isEqualTo(5);
        assertThat(scrape.type("godwit_master_keepalives_total")).isEqualTo("counter");
        assertThat(scrape.type("godwit_master_workers")).isEqualTo("gauge");
    }
}
