package io.verto.infra.types;

import java.util.Optional;

/**
 * A namespace's LimitRange for containers (design 11.1): what a container that sets no resources gets,
 * and the smallest and largest a container may ask for.
 *
 * @param defaults  requests and limits of a container that sets none
 * @param minCpu    smallest CPU request a container may make
 * @param minMemory smallest memory request a container may make
 * @param maxCpu    largest CPU limit a container may set
 * @param maxMemory largest memory limit a container may set
 */
public record ContainerLimits(Resources defaults, Cpu minCpu, Memory minMemory, Cpu maxCpu, Memory maxMemory) {

    /**
     * The design's LimitRange (11.1) with a lower minimum: defaults 100m / 256Mi requested, 500m / 1Gi
     * limits; max 2 CPU / 4Gi; min 10m / 64Mi instead of the design's 50m / 128Mi, which rejects
     * cert-manager's HTTP-01 solver pods (they request 10m / 64Mi) and so every certificate.
     */
    public static ContainerLimits designDefault() {
        return new ContainerLimits(new Resources(Cpu.millis(100), Memory.mebibytes(256), Cpu.millis(500), Memory.gibibytes(1)),
                Cpu.millis(10), Memory.mebibytes(64), Cpu.cores(2), Memory.gibibytes(4));
    }

    /** These limits with another maximum. */
    public ContainerLimits withMax(Cpu cpu, Memory memory) {
        return new ContainerLimits(defaults, minCpu, minMemory, cpu, memory);
    }

    /** The value of a container's resources that a LimitRange bound concerns. */
    public enum Bound { CPU_LIMIT, MEMORY_LIMIT, CPU_REQUEST, MEMORY_REQUEST }

    /**
     * Why this LimitRange would refuse a container.
     *
     * @param bound  which of the container's values is out of range
     * @param fits   the nearest value the LimitRange admits
     * @param reason what is wrong, in words
     */
    public record Refusal(Bound bound, String fits, String reason) { }

    /** Why a container of {@code resources} would be refused by this LimitRange, if it would (the first reason found). */
    public Optional<Refusal> refusal(Resources resources) {
        if (resources.cpuLimit().compareTo(maxCpu) > 0) {
            return Optional.of(new Refusal(Bound.CPU_LIMIT, maxCpu.toString(),
                    "its CPU limit " + resources.cpuLimit() + " is above the LimitRange maximum " + maxCpu));
        }
        if (resources.memoryLimit().compareTo(maxMemory) > 0) {
            return Optional.of(new Refusal(Bound.MEMORY_LIMIT, maxMemory.toString(),
                    "its memory limit " + resources.memoryLimit() + " is above the LimitRange maximum " + maxMemory));
        }
        if (resources.cpuRequest().compareTo(minCpu) < 0) {
            return Optional.of(new Refusal(Bound.CPU_REQUEST, minCpu.toString(),
                    "its CPU request " + resources.cpuRequest() + " is below the LimitRange minimum " + minCpu));
        }
        if (resources.memoryRequest().compareTo(minMemory) < 0) {
            return Optional.of(new Refusal(Bound.MEMORY_REQUEST, minMemory.toString(),
                    "its memory request " + resources.memoryRequest() + " is below the LimitRange minimum " + minMemory));
        }
        return Optional.empty();
    }
}
