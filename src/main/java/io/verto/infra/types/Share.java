package io.verto.infra.types;

import java.math.BigDecimal;

/**
 * A share of a whole in percent, above 0 and at most 100, where fractions matter: an error-rate threshold of
 * {@code 0.5} percent is a real choice, which a whole {@link Percent} cannot hold.
 *
 * @param percent the share in percent
 */
public record Share(BigDecimal percent) {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public Share {
        if (percent == null || percent.signum() <= 0 || percent.compareTo(HUNDRED) > 0) {
            throw new IllegalArgumentException("a share must be above 0 and at most 100 percent, got " + percent);
        }
        percent = percent.stripTrailingZeros();
    }

    public static Share percent(String text) {
        try {
            return new Share(new BigDecimal(text.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a number of percent, such as 5 or 0.5");
        }
    }

    /** The share as a fraction of 1, as PromQL compares ratios: {@code 0.05} for 5 %. */
    public String fraction() {
        return percent.movePointLeft(2).stripTrailingZeros().toPlainString();
    }

    @Override
    public String toString() {
        return percent.toPlainString() + " %";
    }
}
