package io.verto.infra.types;

import java.util.regex.Pattern;

/**
 * A Prometheus duration such as {@code 5m} or {@code 1h30m}, as alert rules use for {@code for:} and range
 * selectors. Checked when made: {@code 5 min} or {@code 300} never reaches a rule.
 *
 * @param text the duration in Prometheus syntax
 */
public record AlertDuration(String text) {
    private static final Pattern FORMAT = Pattern.compile("^((\\d+)y)?((\\d+)w)?((\\d+)d)?((\\d+)h)?((\\d+)m)?((\\d+)s)?((\\d+)ms)?$");

    public AlertDuration {
        if (text == null || text.isEmpty() || !FORMAT.matcher(text).matches() || text.chars().allMatch(c -> c == '0')) {
            throw new IllegalArgumentException("'" + text + "' is not a Prometheus duration; use e.g. 30s, 5m, 1h");
        }
    }

    public static AlertDuration minutes(int minutes) {
        return new AlertDuration(minutes + "m");
    }

    public static AlertDuration parse(String text) {
        return new AlertDuration(text.trim());
    }

    @Override
    public String toString() {
        return text;
    }
}
