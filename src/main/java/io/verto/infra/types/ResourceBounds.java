package io.verto.infra.types;

import java.util.Objects;

/**
 * The least and most a container may be given, e.g. the range a VerticalPodAutoscaler recommends within
 * (design 11.2). Checked when made: the minimum is never above the maximum.
 *
 * @param minCpu    the smallest CPU request
 * @param minMemory the smallest memory request
 * @param maxCpu    the largest CPU request
 * @param maxMemory the largest memory request
 */
public record ResourceBounds(Cpu minCpu, Memory minMemory, Cpu maxCpu, Memory maxMemory) {
    public ResourceBounds {
        Objects.requireNonNull(minCpu, "minCpu");
        Objects.requireNonNull(minMemory, "minMemory");
        Objects.requireNonNull(maxCpu, "maxCpu");
        Objects.requireNonNull(maxMemory, "maxMemory");
        if (minCpu.compareTo(maxCpu) > 0 || minMemory.compareTo(maxMemory) > 0) {
            throw new IllegalArgumentException("the minimum " + minCpu + " / " + minMemory + " is above the maximum "
                    + maxCpu + " / " + maxMemory);
        }
    }
}
