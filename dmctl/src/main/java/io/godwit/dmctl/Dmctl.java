package io.godwit.dmctl;

import io.godwit.core.config.PasswordCipher;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * `dmctl`, DM's client: its commands, flags and JSON output, against the master's REST API
 * ({@code --master-addr}). A failure is one line on stderr ({@code dmctl: ...}) and exit code 1; a
 * command dmctl does not have yet is an unknown command (exit 2), never a silent no-op.
 */
@Command(name = "dmctl", mixinStandardHelpOptions = true, version = "dmctl (godwit)",
        description = "The DM-compatible client of Godwit.",
        subcommands = {Dmctl.Encrypt.class, Dmctl.Decrypt.class, BinlogCommands.Binlog.class,
                BinlogCommands.BinlogSchema.class, OperateSourceCommand.class, TaskCommands.Start.class,
                TaskCommands.Stop.class, TaskCommands.Pause.class, TaskCommands.Resume.class, QueryStatusCommand.class,
                MemberCommands.ListMember.class, MemberCommands.TransferSource.class, CheckTaskCommand.class,
                ConfigCommand.class, ShardDdlLockCommand.class})
public final class Dmctl implements Runnable {
    @Option(names = "--master-addr", defaultValue = "127.0.0.1:8261", description = "the master's address (default: ${DEFAULT-VALUE})")
    String masterAddr;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** dmctl with its error handling: a {@link DmctlException} or a config error is one line and exit 1. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Dmctl());
        cl.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (e instanceof DmctlException || e instanceof io.godwit.core.config.ConfigException
                    || e instanceof io.godwit.core.error.GodwitException) {
                commandLine.getErr().println("dmctl: " + e.getMessage());
                commandLine.getErr().flush();
                return 1;
            }
            throw e;
        });
        return cl;
    }

    @Command(name = "encrypt", description = "Encrypt a password for task.yaml/source.yaml, as DM's dmctl does.")
    static final class Encrypt implements Callable<Integer> {
        @Parameters(paramLabel = "password") String password;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override public Integer call() {
            spec.commandLine().getOut().println(PasswordCipher.encryptDm(password, PasswordCipher.DM_BUILT_IN_KEY));
            return 0;
        }
    }

    @Command(name = "decrypt", description = "Decrypt a password that dmctl encrypt produced.")
    static final class Decrypt implements Callable<Integer> {
        @Parameters(paramLabel = "encrypted") String encrypted;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override public Integer call() {
            String plain = PasswordCipher.dmBuiltInKey().decrypt(encrypted);
            if (plain.equals(encrypted)) {
                spec.commandLine().getErr().println("dmctl: not an encrypted password: " + encrypted);
                return 1;
            }
            spec.commandLine().getOut().println(plain);
            return 0;
        }
    }
}
