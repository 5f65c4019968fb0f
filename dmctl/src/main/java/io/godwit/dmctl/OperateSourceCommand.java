package io.godwit.dmctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.godwit.core.config.ConfigLoader;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code operate-source create|update|stop|show}: DM's source management. */
@Command(name = "operate-source", description = "create/update/stop/show upstream MySQL/MariaDB sources",
        subcommands = {OperateSourceCommand.Create.class, OperateSourceCommand.Update.class,
                OperateSourceCommand.Stop.class, OperateSourceCommand.Show.class})
final class OperateSourceCommand {

    @Command(name = "create", description = "add sources from source.yaml files")
    static final class Create implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "source.yaml") List<Path> files;
        @Spec picocli.CommandLine.Model.CommandSpec spec;

        @Override public Integer call() {
            return eachSource(spec, files, (api, f, body) -> {
                String name = DmctlOutput.text(api.post("/api/v1/sources", body), "source_name");
                return sourceLine(name, DmctlOutput.text(api.get("/api/v1/sources/" + encode(name)), "worker_name"));
            });
        }
    }

    @Command(name = "update", description = "replace sources' source.yaml (every task using a source must be stopped)")
    static final class Update implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "source.yaml") List<Path> files;
        @Spec picocli.CommandLine.Model.CommandSpec spec;

        @Override public Integer call() {
            return eachSource(spec, files, (api, f, body) -> {
                // the source-id names the source to replace; the master checks that it stays the same
                String id = ConfigLoader.parseSource(body.get("source_yaml").asText(), f.toString(),
                        ConfigLoader.DEFAULT_CIPHER).sourceId();
                JsonNode updated = api.put("/api/v1/sources/" + encode(id), body);
                return sourceLine(id, DmctlOutput.text(updated, "worker_name"));
            });
        }
    }

    @Command(name = "stop", description = "remove sources, given by source.yaml or source-id")
    static final class Stop implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "source.yaml|source-id") List<String> sources;
        @Spec picocli.CommandLine.Model.CommandSpec spec;

        @Override public Integer call() {
            MasterApi api = MasterCall.api(spec);
            ObjectNode out = DmctlOutput.ok();
            ArrayNode lines = out.putArray("sources");
            for (String s : sources) {
                String id = sourceId(s);
                JsonNode before = api.get("/api/v1/sources/" + encode(id));
                api.delete("/api/v1/sources/" + encode(id));
                lines.add(sourceLine(id, DmctlOutput.text(before, "worker_name")));
            }
            return DmctlOutput.print(spec.commandLine().getOut(), out);
        }
    }

    @Command(name = "show", description = "list the sources and the workers they are bound to")
    static final class Show implements Callable<Integer> {
        @Option(names = {"-s", "--source"}, paramLabel = "source-id", description = "only these sources") List<String> only;
        @Spec picocli.CommandLine.Model.CommandSpec spec;

        @Override public Integer call() {
            JsonNode list = MasterCall.api(spec).get("/api/v1/sources");
            ObjectNode out = DmctlOutput.ok();
            ArrayNode lines = out.putArray("sources");
            for (JsonNode s : list.path("data")) {
                String name = DmctlOutput.text(s, "source_name");
                if (only == null || only.contains(name)) {
                    lines.add(sourceLine(name, DmctlOutput.text(s, "worker_name")));
                }
            }
            if (only != null) {
                for (String wanted : only) {
                    if (lines.findValues("source").stream().noneMatch(v -> v.asText().equals(wanted))) {
                        throw new DmctlException("source " + wanted + " does not exist");
                    }
                }
            }
            return DmctlOutput.print(spec.commandLine().getOut(), out);
        }
    }

    /** What create and update do with one source.yaml: the request body holds its text as {@code source_yaml}. */
    @FunctionalInterface
    private interface SourceFileCall {
        ObjectNode send(MasterApi api, Path file, ObjectNode body);
    }

    /** Sends each file's text and prints DM's {@code sources} lines. */
    private static int eachSource(picocli.CommandLine.Model.CommandSpec spec, List<Path> files, SourceFileCall call) {
        MasterApi api = MasterCall.api(spec);
        ObjectNode out = DmctlOutput.ok();
        ArrayNode sources = out.putArray("sources");
        for (Path f : files) {
            ObjectNode body = MasterApi.object();
            body.put("source_yaml", read(f));
            sources.add(call.send(api, f, body));
        }
        return DmctlOutput.print(spec.commandLine().getOut(), out);
    }

    static ObjectNode sourceLine(String source, String worker) {
        ObjectNode line = DmctlOutput.ok();
        line.put("source", source);
        line.put("worker", worker);
        return line;
    }

    static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new DmctlException("cannot read " + f + ": " + e.getMessage());
        }
    }

    /** A source-id, or the source-id inside an existing source.yaml. */
    private static String sourceId(String arg) {
        Path p = Path.of(arg);
        if (!Files.isRegularFile(p)) {
            return arg;
        }
        return ConfigLoader.parseSource(read(p), p.toString(), ConfigLoader.DEFAULT_CIPHER).sourceId();
    }
}
