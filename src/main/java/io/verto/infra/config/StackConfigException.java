package io.verto.infra.config;

import com.pulumi.exceptions.RunException;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown before any resource is registered when a stack's configuration has problems; lists all of them.
 * A Pulumi {@link RunException}, so the engine shows the message alone, without a stack trace.
 */
public final class StackConfigException extends RunException {
    private final String stack;
    private final List<ConfigProblem> problems;

    public StackConfigException(String stack, List<ConfigProblem> problems) {
        super(format(stack, problems));
        this.stack = stack;
        this.problems = List.copyOf(problems);
    }

    public String stack() {
        return stack;
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String format(String stack, List<ConfigProblem> problems) {
        return "stack '" + stack + "' has " + problems.size() + " configuration problem" + (problems.size() == 1 ? "" : "s")
                + "; nothing was registered:\n"
                + problems.stream().map(p -> "  - " + p.describe(stack)).collect(Collectors.joining("\n"));
    }
}
