package io.godwit.dist;

import io.godwit.core.error.GodwitException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The `godwit` command. Every subcommand reports failure as ONE line on stderr
 * ({@code godwit: [code=...] what is wrong and where — fix: ...}) and a non-zero exit code;
 * stack traces go to the log at DEBUG only.
 */
@Command(name = "godwit", mixinStandardHelpOptions = true, versionProvider = GodwitVersion.class,
        description = "Migrates MySQL/MariaDB into TiDB from DM task files.",
        subcommands = {StandaloneCommand.class, CheckDataCommand.class, CheckConfigCommand.class,
                QuickstartCommand.class, EmbeddedMariaDbCommand.class, MasterCommand.class, WorkerCommand.class})
public final class Godwit implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new Godwit())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println(oneLine(e));
                    org.slf4j.LoggerFactory.getLogger(Godwit.class).debug("failure", e);
                    return 1;
                });
    }

    /** The single line a DBA sees for an error. */
    static String oneLine(Throwable e) {
        if (e instanceof GodwitException g) {
            return "godwit: " + g.oneLine().replace('\n', ' ') + " — fix: " + g.workaround();
        }
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return "godwit: [code=29001:internal] " + msg.replace('\n', ' ') + " — fix: this is a bug; rerun with"
                + " -Dgodwit.log.level=DEBUG and report the log";
    }
}
