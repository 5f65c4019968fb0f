package io.godwit.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged `godwit` command as a child JVM, the way a DBA runs bin/godwit, so that
 * exit codes, output and kill -9 are real.
 */
final class GodwitProcess {
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private GodwitProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    static GodwitProcess start(String... args) throws IOException {
        return startMain("io.godwit.dist.Godwit", args);
    }

    /** Runs {@code dmctl} to completion (at most {@code timeoutSeconds}). */
    static Result dmctl(long timeoutSeconds, String... args) throws Exception {
        return await(startMain("io.godwit.dmctl.Dmctl", args), timeoutSeconds, "dmctl", args);
    }

    private static GodwitProcess startMain(String mainClass, String... args) throws IOException {
        Path dist = Path.of(System.getProperty("user.dir"));
        Path jar = dist.resolve("target/godwit.jar");
        Path lib = dist.resolve("target/lib");
        if (!Files.exists(jar) || !Files.isDirectory(lib)) {
            throw new IllegalStateException("the distribution is not built: " + jar + " (run mvn verify)");
        }
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", jar + File.pathSeparator + lib + "/*", mainClass));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("godwit-out-", ".txt");
        Path err = Files.createTempFile("godwit-err-", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new GodwitProcess(p, out, err);
    }

    /** Runs to completion (at most {@code timeoutSeconds}) and returns the exit code. */
    static Result run(long timeoutSeconds, String... args) throws Exception {
        return await(start(args), timeoutSeconds, "godwit", args);
    }

    private static Result await(GodwitProcess p, long timeoutSeconds, String command, String... args) throws Exception {
        if (!p.process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.process.destroyForcibly().waitFor();
            throw new AssertionError(command + " " + String.join(" ", args) + " did not finish in " + timeoutSeconds
                    + " s; stderr:\n" + p.stderr());
        }
        return new Result(p.process.exitValue(), p.stdout(), p.stderr());
    }

    /** SIGKILL: the JVM gets no chance to clean up, as in a crash. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: the clean stop a service manager sends; returns the exit code, or -1 if still running after the wait. */
    int terminate(long timeoutSeconds) throws InterruptedException {
        process.destroy();
        return process.waitFor(timeoutSeconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    boolean isAlive() { return process.isAlive(); }

    /** The exit code of a finished process; on Linux 128 + the signal's number for a killed one (137 for SIGKILL). */
    int exitCode() { return process.exitValue(); }

    String stdout() throws IOException { return Files.readString(stdout, StandardCharsets.UTF_8); }
    String stderr() throws IOException { return Files.readString(stderr, StandardCharsets.UTF_8); }

    record Result(int exitCode, String stdout, String stderr) {
        /** The non-blank lines of stderr that are not log lines. */
        List<String> errorLines() {
            return stderr.lines().filter(l -> !l.isBlank()).filter(l -> !l.matches("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} .*"))
                    .toList();
        }

        @Override public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }
}
