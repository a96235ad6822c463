package io.verto.infra.types;

/**
 * How long objects are kept, in whole days (at least 1): an S3 lifecycle expiration.
 *
 * @param days the number of days
 */
public record Retention(int days) {
    /** The design's backup retention (8.1): 7 days. */
    public static final Retention WEEK = new Retention(7);

    public Retention {
        if (days < 1) {
            throw new IllegalArgumentException("a retention must be at least 1 day, got " + days);
        }
    }

    public static Retention days(int days) {
        return new Retention(days);
    }

    /**
     * @throws IllegalArgumentException when the text is not a whole number of at least 1
     */
    public static Retention parse(String text) {
        try {
            return new Retention(Integer.parseInt(text.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number of days");
        }
    }

    @Override
    public String toString() {
        return days + (days == 1 ? " day" : " days");
    }
}
