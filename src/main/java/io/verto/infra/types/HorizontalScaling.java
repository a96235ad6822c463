package io.verto.infra.types;

/**
 * Bounds and targets of a HorizontalPodAutoscaler (design 5.7).
 *
 * @param minReplicas         lower bound, at least 1
 * @param maxReplicas         upper bound, at least minReplicas
 * @param targetCpuPercent    average CPU utilisation aimed for; default {@link #DEFAULT_CPU_TARGET}
 * @param targetMemoryPercent average memory utilisation aimed for; default {@link #DEFAULT_MEMORY_TARGET}
 */
public record HorizontalScaling(int minReplicas, int maxReplicas, Percent targetCpuPercent, Percent targetMemoryPercent) {
    /** The design's CPU target (5.7): 70 %. */
    public static final Percent DEFAULT_CPU_TARGET = Percent.of(70);
    /** The design's memory target (5.7): 80 %. */
    public static final Percent DEFAULT_MEMORY_TARGET = Percent.of(80);

    public HorizontalScaling {
        Scaling.checkReplicas(minReplicas, "minReplicas");
        checkBounds(minReplicas, maxReplicas);
        if (targetCpuPercent == null || targetMemoryPercent == null) {
            throw new IllegalArgumentException("autoscaling needs both utilisation targets");
        }
    }

    /** Bounds at the design's targets (CPU 70 %, memory 80 %). */
    public static HorizontalScaling between(int minReplicas, int maxReplicas) {
        return new HorizontalScaling(minReplicas, maxReplicas, DEFAULT_CPU_TARGET, DEFAULT_MEMORY_TARGET);
    }

    /**
     * @throws IllegalArgumentException when minReplicas is above maxReplicas
     */
    public static void checkBounds(int minReplicas, int maxReplicas) {
        if (minReplicas > maxReplicas) {
            throw new IllegalArgumentException("minReplicas " + minReplicas + " is above maxReplicas " + maxReplicas);
        }
    }
}
