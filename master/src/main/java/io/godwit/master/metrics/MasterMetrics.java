package io.godwit.master.metrics;

import io.godwit.master.cluster.MembershipService;
import io.godwit.master.cluster.MembershipService.WorkerCounts;
import io.godwit.master.cluster.SourceService;
import io.godwit.master.cluster.TaskService;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.ToIntFunction;

/**
 * The master's metrics for {@code GET /metrics}, in the Prometheus text format:
 * <ul>
 *   <li>{@code godwit_master_sources}, {@code godwit_master_tasks}: how many exist;</li>
 *   <li>{@code godwit_master_workers{state="alive|offline|free|bound"}}: workers by state, free and
 *       bound dividing the alive ones (as list-member shows them);</li>
 *   <li>{@code godwit_master_keepalives_total}: keepalives received since the master started.</li>
 * </ul>
 * Every value is read from the services when scraped, so nothing here can drift from the state.
 */
public final class MasterMetrics {
    /** The Prometheus text exposition format the scrape answers in. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public MasterMetrics(SourceService sources, TaskService tasks, MembershipService members) {
        Gauge.builder("godwit.master.sources", sources, SourceService::count)
                .description("sources created").register(registry);
        Gauge.builder("godwit.master.tasks", tasks, TaskService::count)
                .description("tasks created (running, paused or stopped)").register(registry);
        workers(members, "alive", WorkerCounts::alive);
        workers(members, "offline", WorkerCounts::offline);
        workers(members, "free", WorkerCounts::free);
        workers(members, "bound", WorkerCounts::bound);
        FunctionCounter.builder("godwit.master.keepalives", members, MembershipService::keepalivesReceived)
                .description("worker keepalives received").register(registry);
    }

    private void workers(MembershipService members, String state, ToIntFunction<WorkerCounts> count) {
        Gauge.builder("godwit.master.workers", members, m -> count.applyAsInt(m.workerCounts()))
                .description("workers by state: alive (free or bound) and offline")
                .tag("state", state).register(registry);
    }

    /** The current values in the Prometheus text format. */
    public String scrape() {
        return registry.scrape();
    }
}
