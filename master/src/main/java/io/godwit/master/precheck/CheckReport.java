package io.godwit.master.precheck;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The prechecks of one task: passed when nothing failed (warnings do not stop a task, as in DM). */
public record CheckReport(List<CheckResult> results) {
    public CheckReport {
        results = List.copyOf(results);
    }

    public boolean passed() {
        return failures().isEmpty();
    }

    public List<CheckResult> failures() {
        return results.stream().filter(r -> r.state() == CheckResult.State.FAILURE).toList();
    }

    public List<CheckResult> warnings() {
        return results.stream().filter(r -> r.state() == CheckResult.State.WARNING).toList();
    }

    /** DM's check-task shape: {@code results} (failures and warnings) and a {@code summary}. */
    public Map<String, Object> toJson() {
        List<Map<String, Object>> shown = new ArrayList<>();
        int id = 0;
        for (CheckResult r : results) {
            id++;
            if (r.state() == CheckResult.State.SUCCESS) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("name", r.item().dmName());
            m.put("desc", r.item().description());
            m.put("state", r.state() == CheckResult.State.FAILURE ? "fail" : "warn");
            m.put("errors", List.of(Map.of("severity", r.state() == CheckResult.State.FAILURE ? "fail" : "warn",
                    "short_error", r.message())));
            m.put("instruction", r.instruction());
            m.put("extra", r.where());
            shown.add(m);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("passed", passed());
        summary.put("total", results.size());
        summary.put("successful", results.size() - failures().size() - warnings().size());
        summary.put("failed", failures().size());
        summary.put("warning", warnings().size());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("results", shown);
        out.put("summary", summary);
        return out;
    }
}
