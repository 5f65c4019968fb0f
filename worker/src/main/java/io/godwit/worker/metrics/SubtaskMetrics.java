package io.godwit.worker.metrics;

import io.godwit.worker.agent.SubtaskReport;
import io.godwit.worker.agent.SubtaskStage;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A worker's per-subtask metrics for {@code GET /metrics}, in the Prometheus text format, each with
 * the labels {@code task} and {@code source}:
 * <ul>
 *   <li>{@code godwit_worker_subtask_rows_applied}: rows applied to the target by the sync (DM's
 *       {@code total_rows_applied}); NaN before the sync runs;</li>
 *   <li>{@code godwit_worker_subtask_seconds_behind_master}: how far the target is behind the source
 *       (DM's {@code seconds_behind_master}); NaN while unknown;</li>
 *   <li>{@code godwit_worker_subtask_stage{stage="New|Running|Paused|Stopped|Finished"}}: 1 for the
 *       stage the subtask is in, 0 for the others, so an alert on {@code stage="Paused"} needs no
 *       absent() guard.</li>
 * </ul>
 * Values come from the subtask reports the worker sends in its keepalives, read at each scrape; the
 * series of a subtask the worker no longer runs are dropped at the next scrape.
 */
public final class SubtaskMetrics {
    /** The Prometheus text exposition format the scrape answers in. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Supplier<List<SubtaskReport>> reports;
    /** The reports of the current scrape, by subtask; the gauges read them. */
    private final Map<Key, SubtaskReport> current = new HashMap<>();
    private final Map<Key, List<Meter>> meters = new HashMap<>();

    private record Key(String task, String source) {
    }

    public SubtaskMetrics(Supplier<List<SubtaskReport>> reports) {
        this.reports = reports;
    }

    /**
     * Over the worker's status ({@code GET /api/v1/status}, whose {@code subtasks} entry holds the
     * reports), so the HTTP endpoint needs nothing but the status it already serves.
     */
    public static SubtaskMetrics ofStatus(Supplier<Map<String, Object>> status) {
        return new SubtaskMetrics(() -> {
            List<SubtaskReport> out = new ArrayList<>();
            if (status.get().get("subtasks") instanceof List<?> subtasks) {
                for (Object s : subtasks) {
                    if (s instanceof SubtaskReport r) {
                        out.add(r);
                    }
                }
            }
            return out;
        });
    }

    /** The current values in the Prometheus text format. */
    public synchronized String scrape() {
        current.clear();
        for (SubtaskReport r : reports.get()) {
            current.put(new Key(r.task(), r.source()), r);
        }
        meters.entrySet().removeIf(e -> {
            if (current.containsKey(e.getKey())) {
                return false;
            }
            e.getValue().forEach(registry::remove);
            return true;
        });
        current.keySet().forEach(key -> meters.computeIfAbsent(key, this::register));
        return registry.scrape();
    }

    private List<Meter> register(Key key) {
        Tags tags = Tags.of("task", key.task(), "source", key.source());
        List<Meter> made = new ArrayList<>();
        made.add(Gauge.builder("godwit.worker.subtask.rows.applied", this,
                        m -> m.syncNumber(key, "total_rows_applied"))
                .description("rows the sync applied to the target").tags(tags).strongReference(true)
                .register(registry));
        made.add(Gauge.builder("godwit.worker.subtask.seconds.behind.master", this,
                        m -> m.syncNumber(key, "seconds_behind_master"))
                .description("seconds the target is behind the source").tags(tags).strongReference(true)
                .register(registry));
        for (SubtaskStage stage : SubtaskStage.values()) {
            made.add(Gauge.builder("godwit.worker.subtask.stage", this,
                            m -> m.current.containsKey(key) && m.current.get(key).stage() == stage ? 1 : 0)
                    .description("1 for the stage the subtask is in").tags(tags.and("stage", stage.wireName()))
                    .strongReference(true).register(registry));
        }
        return made;
    }

    /**
     * A number of the subtask's {@code sync_status} (its status is DM's per-source entry); NaN when
     * absent or negative (DM's -1 for "not known yet").
     */
    private double syncNumber(Key key, String field) {
        SubtaskReport report = current.get(key);
        if (report != null && report.status().get("sync_status") instanceof Map<?, ?> sync
                && sync.get(field) instanceof Number n && n.doubleValue() >= 0) {
            return n.doubleValue();
        }
        return Double.NaN;
    }
}
