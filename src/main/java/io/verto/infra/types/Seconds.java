package io.verto.infra.types;

/**
 * A positive number of seconds with millisecond precision, such as a latency threshold ({@code 1}, {@code 0.5}).
 *
 * @param millis the duration in milliseconds, at least 1
 */
public record Seconds(long millis) {
    public Seconds {
        if (millis < 1) {
            throw new IllegalArgumentException("a duration in seconds must be above 0");
        }
    }

    public static Seconds of(double seconds) {
        return new Seconds(Math.round(seconds * 1000));
    }

    /** @throws IllegalArgumentException when the text is not a positive number of seconds */
    public static Seconds parse(String text) {
        try {
            return of(Double.parseDouble(text.trim().replaceFirst("s$", "")));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a number of seconds, such as 1 or 0.5");
        }
    }

    /** The value as PromQL writes it: {@code 1}, {@code 0.5}. */
    public String promql() {
        return millis % 1000 == 0 ? String.valueOf(millis / 1000) : String.valueOf(millis / 1000.0);
    }

    @Override
    public String toString() {
        return promql() + "s";
    }
}
