package io.verto.infra.types;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A CPU quantity in millicores, written the way Kubernetes writes it ({@code "250m"}, {@code "2"}).
 *
 * <p>Parsing accepts exactly the CPU forms the API server accepts for requests and limits:
 * a non-negative decimal number of cores ({@code "0.5"}, {@code "2"}) or an integer number of
 * millicores ({@code "500m"}). Anything else ({@code "2Gb"}, {@code "-1"}, {@code "0.0001"}) is rejected
 * here rather than by the cluster at apply time.
 */
public final class Cpu implements Comparable<Cpu> {
    private static final Pattern MILLIS = Pattern.compile("[0-9]+m");
    private static final Pattern CORES = Pattern.compile("[0-9]+(\\.[0-9]+)?");

    private final long millis;

    private Cpu(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("CPU cannot be negative: " + millis + "m");
        }
        this.millis = millis;
    }

    public static Cpu millis(long millis) {
        return new Cpu(millis);
    }

    public static Cpu cores(double cores) {
        return new Cpu(BigDecimal.valueOf(cores).movePointRight(3).setScale(0, RoundingMode.UNNECESSARY).longValueExact());
    }

    /**
     * @throws IllegalArgumentException with a message saying which forms are valid
     */
    public static Cpu parse(String text) {
        String value = text == null ? "" : text.trim();
        if (MILLIS.matcher(value).matches()) {
            return new Cpu(Long.parseLong(value.substring(0, value.length() - 1)));
        }
        if (CORES.matcher(value).matches()) {
            BigDecimal millis = new BigDecimal(value).movePointRight(3);
            if (millis.stripTrailingZeros().scale() > 0) {
                throw new IllegalArgumentException("'" + text + "' is finer than one millicore; use e.g. \"250m\"");
            }
            return new Cpu(millis.longValueExact());
        }
        throw new IllegalArgumentException(
                "'" + text + "' is not a Kubernetes CPU quantity; use cores like \"0.5\" or \"2\", or millicores like \"500m\"");
    }

    public long millis() {
        return millis;
    }

    public Cpu plus(Cpu other) {
        return new Cpu(Math.addExact(millis, other.millis));
    }

    public Cpu times(long factor) {
        return new Cpu(Math.multiplyExact(millis, factor));
    }

    /** Rounds up to whole cores: quotas read better that way. */
    public Cpu roundUpToCores() {
        return new Cpu((millis + 999) / 1000 * 1000);
    }

    public static Cpu max(Cpu a, Cpu b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** The canonical Kubernetes form: whole cores as {@code "2"}, anything else as {@code "250m"}. */
    @Override
    public String toString() {
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : millis + "m";
    }

    @Override
    public int compareTo(Cpu other) {
        return Long.compare(millis, other.millis);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cpu && ((Cpu) o).millis == millis;
    }

    @Override
    public int hashCode() {
        return Objects.hash(millis);
    }
}
