package io.godwit.dist;

import io.godwit.core.error.GodwitException;
import io.godwit.worker.check.DataCheckTask;
import io.godwit.worker.check.TableCheckResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Compares every table the task migrates with the source by chunked checksums. Exit 0 when all
 * are equal, 1 listing what differs, 2 when the comparison itself failed.
 */
@Command(name = "check-data", mixinStandardHelpOptions = true,
        description = "Compare source and target of a task by chunked checksums: exit 0 equal, 1 different, 2 error.")
final class CheckDataCommand implements Callable<Integer> {
    @Mixin TaskFilesOptions files;
    @Option(names = "--threads", defaultValue = "4", description = "chunks compared at once (default: ${DEFAULT-VALUE})")
    int threads;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<TableCheckResult> results;
        try {
            TaskFilesOptions.Loaded loaded = files.load();
            results = new DataCheckTask(loaded.task(), loaded.sources(), threads).run();
        } catch (GodwitException e) {
            spec.commandLine().getErr().println(Godwit.oneLine(e));
            return 2;
        }
        long different = 0;
        for (TableCheckResult r : results) {
            if (r.equal()) {
                out.printf(Locale.ROOT, "equal      %s  %,d rows, %d chunks%n", r.target(), r.targetRows(), r.chunks());
                continue;
            }
            different++;
            if (r.problem() != null) {
                out.printf(Locale.ROOT, "DIFFERENT  %s  %s (source %,d rows)%n", r.target(), r.problem(), r.sourceRows());
                continue;
            }
            out.printf(Locale.ROOT, "DIFFERENT  %s  source %,d rows, target %,d rows%n", r.target(), r.sourceRows(), r.targetRows());
            r.differences().forEach(d -> out.printf(Locale.ROOT, "           chunk %d where %s: source %,d rows, target %,d rows%n",
                    d.index(), d.predicate(), d.sourceRows(), d.targetRows()));
        }
        out.printf(Locale.ROOT, "check-data: %d table(s) compared, %d equal, %d different%n",
                results.size(), results.size() - different, different);
        return different == 0 ? 0 : 1;
    }
}
