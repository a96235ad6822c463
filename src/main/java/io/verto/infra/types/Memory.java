package io.verto.infra.types;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A memory quantity in bytes, written the way Kubernetes writes it ({@code "512Mi"}, {@code "2Gi"}).
 *
 * <p>Accepts the binary suffixes Ki, Mi, Gi, Ti, the decimal suffixes k, M, G, T, or a plain byte
 * count. Typos that Kubernetes would reject ({@code "2Gb"}, {@code "1GiB"}, {@code "-1"}) fail here
 * with a message that shows the valid forms.
 */
public final class Memory implements Comparable<Memory> {
    private static final Pattern FORM = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?");
    private static final Map<String, Long> FACTORS = Map.of(
            "Ki", 1L << 10, "Mi", 1L << 20, "Gi", 1L << 30, "Ti", 1L << 40,
            "k", 1_000L, "M", 1_000_000L, "G", 1_000_000_000L, "T", 1_000_000_000_000L);
    private static final long MI = 1L << 20;
    private static final long GI = 1L << 30;

    private final long bytes;

    private Memory(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("memory cannot be negative: " + bytes);
        }
        this.bytes = bytes;
    }

    public static Memory bytes(long bytes) {
        return new Memory(bytes);
    }

    public static Memory mebibytes(long mebibytes) {
        return new Memory(Math.multiplyExact(mebibytes, MI));
    }

    public static Memory gibibytes(long gibibytes) {
        return new Memory(Math.multiplyExact(gibibytes, GI));
    }

    /**
     * @throws IllegalArgumentException with a message saying which forms are valid
     */
    public static Memory parse(String text) {
        String value = text == null ? "" : text.trim();
        Matcher m = FORM.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text
                    + "' is not a Kubernetes memory quantity; use e.g. \"512Mi\", \"2Gi\" or \"1G\" (suffixes Ki Mi Gi Ti k M G T)");
        }
        long factor = m.group(2) == null ? 1 : FACTORS.get(m.group(2));
        BigDecimal exact = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(factor));
        if (exact.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number of bytes; use e.g. \"1536Mi\"");
        }
        return new Memory(exact.longValueExact());
    }

    public long bytes() {
        return bytes;
    }

    public long mebibytes() {
        return bytes / MI;
    }

    public Memory plus(Memory other) {
        return new Memory(Math.addExact(bytes, other.bytes));
    }

    public Memory times(long factor) {
        return new Memory(Math.multiplyExact(bytes, factor));
    }

    /** Scales by a percentage, rounded down to whole mebibytes (for heap sizes and the like). */
    public Memory percent(int percent) {
        return mebibytes(bytes / MI * percent / 100);
    }

    public Memory roundUpToGibibytes() {
        return new Memory((bytes + GI - 1) / GI * GI);
    }

    public static Memory max(Memory a, Memory b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** The canonical Kubernetes form: the largest binary suffix that divides exactly, e.g. {@code "1536Mi"}. */
    @Override
    public String toString() {
        for (String unit : new String[] {"Ti", "Gi", "Mi", "Ki"}) {
            long factor = FACTORS.get(unit);
            if (bytes != 0 && bytes % factor == 0) {
                return bytes / factor + unit;
            }
        }
        return Long.toString(bytes);
    }

    @Override
    public int compareTo(Memory other) {
        return Long.compare(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Memory && ((Memory) o).bytes == bytes;
    }

    @Override
    public int hashCode() {
        return Objects.hash(bytes);
    }
}
