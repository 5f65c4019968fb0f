package io.godwit.core.config;

import io.godwit.core.config.internal.SourceSchema;
import io.godwit.core.config.internal.TaskSchema;
import io.godwit.core.config.internal.Walk;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import org.yaml.snakeyaml.nodes.Node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Reads DM {@code task.yaml} and {@code source.yaml} files into validated records. Every problem of a
 * file is collected before anything is thrown: one {@link ConfigException} lists them all, each with
 * its file, line and key path. Passwords come back decrypted (see {@link PasswordCipher}).
 */
public final class ConfigLoader {
    private ConfigLoader() {}

    /** With DM's built-in key, so that files encrypted by dmctl load unchanged; plain passwords work too. */
    public static final PasswordCipher DEFAULT_CIPHER = PasswordCipher.dmBuiltInKey();

    /**
     * @throws ConfigException listing every problem of the file
     * @throws GodwitException CONFIG_UNREADABLE when the file cannot be read
     */
    public static TaskConfig loadTask(Path file) {
        return loadTask(file, DEFAULT_CIPHER);
    }

    public static TaskConfig loadTask(Path file, PasswordCipher cipher) {
        return parseTask(read(file), file.toString(), cipher);
    }

    public static SourceConfig loadSource(Path file) {
        return loadSource(file, DEFAULT_CIPHER);
    }

    public static SourceConfig loadSource(Path file, PasswordCipher cipher) {
        return parseSource(read(file), file.toString(), cipher);
    }

    /** A task.yaml given as text (REST, dmctl); {@code fileName} names it in problems. */
    public static TaskConfig parseTask(String yaml, String fileName, PasswordCipher cipher) {
        Parsed<TaskConfig> p = readTask(yaml, fileName);
        p.throwIfProblems();
        DatabaseConfig target = p.value().targetDatabase();
        return p.value().withTargetDatabase(target.withPassword(cipher.decrypt(target.password())));
    }

    public static SourceConfig parseSource(String yaml, String fileName, PasswordCipher cipher) {
        Parsed<SourceConfig> p = readSource(yaml, fileName);
        p.throwIfProblems();
        DatabaseConfig from = p.value().from();
        return p.value().withFrom(from.withPassword(cipher.decrypt(from.password())));
    }

    /** A parse result with its problems and the lines of its keys, for {@link ConfigChecker}. */
    record Parsed<T>(T value, Walk walk) {
        List<ConfigProblem> problems() { return walk.problems(); }

        void throwIfProblems() {
            if (value == null || !problems().isEmpty()) {
                throw new ConfigException(problems());
            }
        }
    }

    static Parsed<TaskConfig> readTask(String yaml, String fileName) {
        return parse(yaml, fileName, TaskSchema::read);
    }

    static Parsed<SourceConfig> readSource(String yaml, String fileName) {
        return parse(yaml, fileName, SourceSchema::read);
    }

    private static <T> Parsed<T> parse(String yaml, String fileName, BiFunction<Node, Walk, T> schema) {
        Walk walk = new Walk(fileName);
        Node root = walk.compose(yaml);
        return new Parsed<>(root == null ? null : schema.apply(root, walk), walk);
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new GodwitException(ErrorCode.CONFIG_UNREADABLE, "cannot read " + file + ": " + e, e);
        }
    }
}
