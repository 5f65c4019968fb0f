package io.godwit.dmctl;

import io.godwit.core.config.PasswordCipher;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * `dmctl`, DM's client. The commands that talk to a master (start-task, query-status, ...) come
 * with the master; until then they are unknown commands here, never silent no-ops.
 */
@Command(name = "dmctl", mixinStandardHelpOptions = true, version = "dmctl (godwit)",
        description = "The DM-compatible client of Godwit.",
        subcommands = {Dmctl.Encrypt.class, Dmctl.Decrypt.class})
public final class Dmctl implements Runnable {
    @Option(names = "--master-addr", defaultValue = "127.0.0.1:8261", description = "the master's address (default: ${DEFAULT-VALUE})")
    String masterAddr;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Dmctl()).execute(args));
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
