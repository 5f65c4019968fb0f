package io.godwit.core.config;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Every problem found in one or more config files, thrown once after validation has seen them all.
 * The message lists the problems one per line. The code is CONFIG_NOT_SUPPORTED when every problem is
 * a key Godwit does not implement yet, CONFIG_INVALID otherwise.
 */
public final class ConfigException extends GodwitException {
    private static final long serialVersionUID = 1L;
    private final transient List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(codeOf(problems), render(problems, "\n"));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() { return problems; }

    /** All problems on one line, for a status field. */
    @Override public String oneLine() {
        return "[code=" + code().code() + ':' + code().errorClass().name().toLowerCase() + "] " + render(problems, "; ");
    }

    private static ErrorCode codeOf(List<ConfigProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        return problems.stream().allMatch(ConfigProblem::isNotSupported) ? ErrorCode.CONFIG_NOT_SUPPORTED : ErrorCode.CONFIG_INVALID;
    }

    private static String render(List<ConfigProblem> problems, String separator) {
        return problems.stream().map(ConfigProblem::toString).collect(Collectors.joining(separator));
    }
}
