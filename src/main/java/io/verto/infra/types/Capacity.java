package io.verto.infra.types;

/**
 * Compute summed over many containers: what a namespace quota must hold.
 *
 * @param cpuRequests    sum of CPU requests
 * @param memoryRequests sum of memory requests
 * @param cpuLimits      sum of CPU limits
 * @param memoryLimits   sum of memory limits
 */
public record Capacity(Cpu cpuRequests, Memory memoryRequests, Cpu cpuLimits, Memory memoryLimits) {
    public static final Capacity NONE = new Capacity(Cpu.millis(0), Memory.bytes(0), Cpu.millis(0), Memory.bytes(0));

    /** What {@code count} containers of these resources need together. */
    public static Capacity of(Resources each, int count) {
        return new Capacity(each.cpuRequest().times(count), each.memoryRequest().times(count),
                each.cpuLimit().times(count), each.memoryLimit().times(count));
    }

    /** This capacity plus {@code headroom} percent of it (0 or more). */
    public Capacity withHeadroom(int headroom) {
        if (headroom < 0) {
            throw new IllegalArgumentException("a headroom cannot be negative: " + headroom);
        }
        int factor = 100 + headroom;
        return new Capacity(Cpu.millis(percentOf(cpuRequests.millis(), factor)), Memory.bytes(percentOf(memoryRequests.bytes(), factor)),
                Cpu.millis(percentOf(cpuLimits.millis(), factor)), Memory.bytes(percentOf(memoryLimits.bytes(), factor)));
    }

    /** {@code percent} % of {@code value}, rounded up. */
    private static long percentOf(long value, int percent) {
        return (Math.multiplyExact(value, percent) + 99) / 100;
    }

    public Capacity plus(Capacity other) {
        return new Capacity(cpuRequests.plus(other.cpuRequests), memoryRequests.plus(other.memoryRequests),
                cpuLimits.plus(other.cpuLimits), memoryLimits.plus(other.memoryLimits));
    }
}
