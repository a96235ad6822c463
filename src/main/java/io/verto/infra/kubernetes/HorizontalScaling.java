package io.verto.infra.kubernetes;

/**
 * Bounds and targets of a HorizontalPodAutoscaler (design 5.7).
 *
 * @param minReplicas         lower bound, at least 1
 * @param maxReplicas         upper bound, at least minReplicas
 * @param targetCpuPercent    average CPU utilisation aimed for; the design's 70
 * @param targetMemoryPercent average memory utilisation aimed for; the design's 80
 */
public record HorizontalScaling(int minReplicas, int maxReplicas, int targetCpuPercent, int targetMemoryPercent) {
    public HorizontalScaling {
        if (minReplicas < 1 || maxReplicas < minReplicas) {
            throw new IllegalArgumentException("autoscaling needs 1 <= minReplicas <= maxReplicas, got " + minReplicas + ".." + maxReplicas);
        }
        if (targetCpuPercent < 1 || targetCpuPercent > 100 || targetMemoryPercent < 1 || targetMemoryPercent > 100) {
            throw new IllegalArgumentException("utilisation targets must be 1..100 percent");
        }
    }

    /** The design's targets: CPU 70 %, memory 80 %. */
    public static HorizontalScaling between(int minReplicas, int maxReplicas) {
        return new HorizontalScaling(minReplicas, maxReplicas, 70, 80);
    }
}
