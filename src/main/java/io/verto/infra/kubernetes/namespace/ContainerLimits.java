package io.verto.infra.kubernetes.namespace;

import io.verto.infra.types.Cpu;
import io.verto.infra.types.Memory;
import io.verto.infra.types.Resources;

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

    /** The design's LimitRange (11.1): defaults 100m / 256Mi requested, 500m / 1Gi limits; min 50m / 128Mi; max 2 CPU / 4Gi. */
    public static ContainerLimits designDefault() {
        return new ContainerLimits(new Resources(Cpu.millis(100), Memory.mebibytes(256), Cpu.millis(500), Memory.gibibytes(1)),
                Cpu.millis(50), Memory.mebibytes(128), Cpu.cores(2), Memory.gibibytes(4));
    }

    /** These limits with the maximum raised, where needed, so a container of {@code resources} is admitted. */
    public ContainerLimits admitting(Resources resources) {
        return new ContainerLimits(defaults, minCpu, minMemory,
                Cpu.max(maxCpu, resources.cpuLimit()), Memory.max(maxMemory, resources.memoryLimit()));
    }
}
