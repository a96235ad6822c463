package io.verto.infra.types;

/**
 * A whole percentage from 1 to 100, such as an autoscaling utilisation target. Checked when made, so
 * a {@code 0} or {@code 170} never reaches a manifest.
 *
 * @param value the percentage
 */
public record Percent(int value) {
    public Percent {
        if (value < 1 || value > 100) {
            throw new IllegalArgumentException("a percentage must be 1..100, got " + value);
        }
    }

    public static Percent of(int value) {
        return new Percent(value);
    }

    /**
     * @throws IllegalArgumentException when the text is not a whole number from 1 to 100
     */
    public static Percent parse(String text) {
        try {
            return new Percent(Integer.parseInt(text.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole percentage (1..100)");
        }
    }

    @Override
    public String toString() {
        return value + " %";
    }
}
