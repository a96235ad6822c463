package io.verto.infra.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What to do about a {@link ConfigProblem}, as steps a person (or a test) follows literally: commands to run
 * as they are, and values only the user can look up, each with where to find it and the command that sets
 * it. A fix never invents an infrastructure value, never changes the environment and never removes a
 * setting other than the one it is about; {@link #otherwise} is another way, when there is one.
 *
 * @param steps     what to do, in order
 * @param otherwise another way to the same end, if any
 */
public record Fix(List<Step> steps, Optional<Fix> otherwise) {
    /** One step of a fix. */
    public sealed interface Step {
        /** Text of the step as the error message shows it. */
        String text();
    }

    /**
     * A command to run as it is.
     *
     * @param command e.g. {@code pulumi config set verto:replicas 3 --stack production}
     */
    public record Run(String command) implements Step {
        public String text() {
            return command;
        }
    }

    /**
     * A value only the user knows: what it is, where to look it up, and the command to run with it in place
     * of {@link #VALUE} (a {@code --secret} command without it prompts for the value, which keeps it out of the
     * shell's history).
     *
     * @param what    the value, e.g. {@code the subnet of the MySQL servers}
     * @param where   the command or console page that shows it
     * @param command the command to run with the value in place of {@link #VALUE}
     */
    public record Find(String what, String where, String command) implements Step {
        public Find {
            if (!command.contains(VALUE) && !command.contains("--secret")) {
                throw new IllegalArgumentException("a Find step's command must take " + VALUE + ": " + command);
            }
        }

        public String text() {
            return "look up " + what + " (" + where + "), then run: " + command;
        }
    }

    /** Where a {@link Find} step's command takes the looked-up value. */
    public static final String VALUE = "<value>";

    public Fix {
        steps = List.copyOf(steps);
        Objects.requireNonNull(otherwise, "otherwise");
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a fix needs a step");
        }
    }

    /** Commands run in order. */
    public static Fix run(String... commands) {
        return new Fix(List.of(commands).stream().<Step>map(Run::new).toList(), Optional.empty());
    }

    /** A value to look up and set. */
    public static Fix find(String what, String where, String command) {
        return new Fix(List.of(new Find(what, where, command)), Optional.empty());
    }

    /** This fix, then {@code next}'s steps. */
    public Fix then(Fix next) {
        List<Step> all = new ArrayList<>(steps);
        all.addAll(next.steps);
        return new Fix(all, otherwise);
    }

    /** This fix, or else {@code other}. */
    public Fix or(Fix other) {
        return new Fix(steps, Optional.of(other));
    }

    /** The fix as the error message shows it. */
    public String text() {
        String text = steps.stream().map(Step::text).collect(Collectors.joining(" && "));
        return otherwise.map(o -> text + "; or: " + o.text()).orElse(text);
    }

    @Override
    public String toString() {
        return text();
    }
}
