package io.godwit.dmctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.godwit.core.model.BinlogPos;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * DM's {@code binlog skip|replace} (the DDL a paused subtask stopped at) and {@code binlog-schema
 * list|update|delete} (its schema tracker), each for the sources given with {@code -s}, else for every
 * source of the task. {@code binlog skip|replace -b file:pos} acts only when the source's sync paused at
 * the DDL at that position (the worker refuses otherwise); as a position belongs to one source's binlog,
 * it needs the task to have one source or {@code -s} to name one. Output: DM's {@code {"result", "msg",
 * "sources": [{"result", "msg", "source", "worker"}]}}; a source the master or its worker refuses fails the
 * command with its one-line error.
 */
final class BinlogCommands {
    private static final String BINLOG_POS_DOC = "act only if the sync paused at the DDL at this position, like"
            + " mysql-bin.000001:1234";

    private BinlogCommands() {}

    @Command(name = "binlog", description = "skip or replace the DDL a paused subtask stopped at",
            subcommands = {Skip.class, Replace.class})
    static final class Binlog implements Runnable {
        @Spec CommandSpec spec;

        @Override public void run() {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "binlog needs skip or replace");
        }
    }

    /** What skip and replace share: the sources ({@code -s}), the DDL's position ({@code -b}) and the request. */
    static final class PausedDdl {
        @Option(names = {"-s", "--source"}, paramLabel = "source-id") List<String> sources;
        @Option(names = {"-b", "--binlog-pos"}, paramLabel = "file:pos", description = BINLOG_POS_DOC)
        String binlogPos;

        /** Checks {@code -b} before any request, puts it in the body as DM's {@code file:pos}, posts per source. */
        int post(CommandSpec spec, String task, String action, ObjectNode body) {
            if (binlogPos != null) {
                body.put("binlog_pos", BinlogPos.parse(binlogPos).toString());
            }
            return perSource(spec, task, sources, binlogPos != null, (api, source) ->
                    api.post(subtask(task, source) + "/binlog/" + action, body));
        }
    }

    @Command(name = "skip", description = "skip the DDL the paused subtask stopped at; the subtask resumes")
    static final class Skip implements Callable<Integer> {
        @Parameters(paramLabel = "task-name") String task;
        @Mixin PausedDdl ddl;
        @Spec CommandSpec spec;

        @Override public Integer call() {
            return ddl.post(spec, task, "skip", MasterApi.object());
        }
    }

    @Command(name = "replace", description = "run these statements instead of the DDL the paused subtask stopped"
            + " at; the subtask resumes")
    static final class Replace implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "task-name") String task;
        @Parameters(index = "1..*", arity = "1..*", paramLabel = "replace-sql",
                description = "statements separated by semicolons, schema-qualified") List<String> sql;
        @Mixin PausedDdl ddl;
        @Spec CommandSpec spec;

        @Override public Integer call() {
            List<String> statements = StatementSplitter.split(String.join(" ", sql));
            if (statements.isEmpty()) {
                throw new DmctlException("binlog replace needs at least one statement");
            }
            ObjectNode body = MasterApi.object();
            ArrayNode list = body.putArray("sqls");
            statements.forEach(list::add);
            return ddl.post(spec, task, "replace", body);
        }
    }

    @Command(name = "binlog-schema", description = "list, update or delete the table schemas a subtask's sync tracks",
            subcommands = {SchemaList.class, SchemaUpdate.class, SchemaDelete.class})
    static final class BinlogSchema implements Runnable {
        @Spec CommandSpec spec;

        @Override public void run() {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "binlog-schema needs list, update or delete");
        }
    }

    @Command(name = "list", description = "list the tables the subtask's schema tracker knows")
    static final class SchemaList implements Callable<Integer> {
        @Parameters(paramLabel = "task-name") String task;
        @Option(names = {"-s", "--source"}, paramLabel = "source-id") List<String> sources;
        @Spec CommandSpec spec;

        @Override public Integer call() {
            return perSource(spec, task, sources, (api, source) -> api.get(subtask(task, source) + "/binlog-schema"));
        }
    }

    @Command(name = "update", description = "set a table's tracked schema from a CREATE TABLE file (subtask paused)")
    static final class SchemaUpdate implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "task-name") String task;
        @Parameters(index = "1", paramLabel = "database") String database;
        @Parameters(index = "2", paramLabel = "table") String table;
        @Parameters(index = "3", paramLabel = "schema-file") Path file;
        @Option(names = {"-s", "--source"}, paramLabel = "source-id") List<String> sources;
        @Spec CommandSpec spec;

        @Override public Integer call() {
            ObjectNode body = MasterApi.object();
            body.put("sql", read(file));
            return perSource(spec, task, sources, (api, source) ->
                    api.put(table(task, source, database, table), body));
        }
    }

    @Command(name = "delete", description = "remove a table from the subtask's schema tracker (subtask paused)")
    static final class SchemaDelete implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "task-name") String task;
        @Parameters(index = "1", paramLabel = "database") String database;
        @Parameters(index = "2", paramLabel = "table") String table;
        @Option(names = {"-s", "--source"}, paramLabel = "source-id") List<String> sources;
        @Spec CommandSpec spec;

        @Override public Integer call() {
            return perSource(spec, task, sources, (api, source) -> api.delete(table(task, source, database, table)));
        }
    }

    /** Runs {@code call} for each chosen source and prints DM's per-source result lines. */
    private static int perSource(CommandSpec spec, String task, List<String> sources,
                                 BiFunction<MasterApi, String, JsonNode> call) {
        return perSource(spec, task, sources, false, call);
    }

    /**
     * @param oneSource the command names a binlog position: it must reach exactly one source, as the
     *                  position means nothing in another source's binlog
     */
    private static int perSource(CommandSpec spec, String task, List<String> sources, boolean oneSource,
                                 BiFunction<MasterApi, String, JsonNode> call) {
        MasterApi api = MasterCall.api(spec);
        List<String> chosen = sources == null || sources.isEmpty() ? sourcesOf(api, task) : sources;
        if (oneSource && chosen.size() != 1) {
            throw new DmctlException("-b names a position in one source's binlog, but the command would reach "
                    + chosen.size() + " sources " + chosen + "; give the source with -s");
        }
        ArrayNode lines = DmctlOutput.array();
        for (String source : chosen) {
            JsonNode answer = call.apply(api, source);
            ObjectNode line = OperateSourceCommand.sourceLine(source, DmctlOutput.text(answer, "worker_name"));
            line.put("msg", message(answer));
            lines.add(line);
        }
        ObjectNode out = DmctlOutput.ok();
        out.set("sources", lines);
        return DmctlOutput.print(spec.commandLine().getOut(), out);
    }

    /** What DM shows in a source's msg: the tables of a list, the DDL's position of a skip or replace. */
    private static String message(JsonNode answer) {
        if (answer.has("data")) {
            List<String> tables = new ArrayList<>();
            answer.path("data").forEach(t -> tables.add(DmctlOutput.text(t, "schema_name") + "."
                    + DmctlOutput.text(t, "table_name")));
            return tables.toString();
        }
        return answer.has("binlog_pos") ? "at " + DmctlOutput.text(answer, "binlog_pos") : "";
    }

    private static List<String> sourcesOf(MasterApi api, String task) {
        List<String> out = new ArrayList<>();
        api.get("/api/v1/tasks/" + OperateSourceCommand.encode(task) + "/status").path("data")
                .forEach(s -> out.add(DmctlOutput.text(s, "source_name")));
        return out;
    }

    private static String subtask(String task, String source) {
        return "/api/v1/tasks/" + OperateSourceCommand.encode(task) + "/sources/" + OperateSourceCommand.encode(source);
    }

    private static String table(String task, String source, String database, String table) {
        return subtask(task, source) + "/binlog-schema/" + OperateSourceCommand.encode(database) + "/"
                + OperateSourceCommand.encode(table);
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new DmctlException("cannot read " + f + ": " + e.getMessage());
        }
    }
}
