package io.godwit.dmctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code check-task task.yaml}: the master runs DM's prechecks of the task against its sources and
 * target; the result is true when nothing failed (warnings are listed but do not fail it).
 */
@Command(name = "check-task", description = "run the prechecks of a task without starting it")
final class CheckTaskCommand implements Callable<Integer> {
    @Parameters(paramLabel = "task.yaml") Path file;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override public Integer call() {
        String yaml;
        try {
            yaml = Files.readString(file);
        } catch (IOException e) {
            throw new DmctlException("cannot read " + file + ": " + e.getMessage());
        }
        ObjectNode body = MasterApi.object();
        body.put("task_yaml", yaml);
        JsonNode report = MasterCall.api(spec).post("/api/v1/tasks/check", body);
        boolean passed = report.path("summary").path("passed").asBoolean(false);
        ObjectNode out = DmctlOutput.ok();
        out.put("result", passed);
        List<String> failures = new ArrayList<>();
        for (JsonNode r : report.path("results")) {
            if ("fail".equals(DmctlOutput.text(r, "state"))) {
                failures.add(DmctlOutput.text(r, "name") + " on " + DmctlOutput.text(r, "extra") + ": "
                        + r.path("errors").path(0).path("short_error").asText(""));
            }
        }
        out.put("msg", passed ? "check pass!!!" : String.join("; ", failures));
        out.set("checkResult", report);
        return DmctlOutput.print(spec.commandLine().getOut(), out);
    }
}
