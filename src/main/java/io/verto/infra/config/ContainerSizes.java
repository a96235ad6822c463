package io.verto.infra.config;

import io.verto.infra.types.ContainerLimits;
import io.verto.infra.types.Cpu;
import io.verto.infra.types.Memory;
import io.verto.infra.types.Resources;

import java.util.List;
import java.util.Optional;

/**
 * The four size settings of one catalogue service ({@code containers.<service>.cpu}, {@code .memory},
 * {@code .cpuRequest}, {@code .memoryRequest}): limits default to its catalogue size, requests to half of them.
 * Read with the checks a container's size needs: no zero limit, no request above its limit, and nothing the
 * namespace's LimitRange would refuse.
 *
 * @param service       the service's name
 * @param cpu           its CPU limit setting
 * @param memory        its memory limit setting
 * @param cpuRequest    its CPU request setting
 * @param memoryRequest its memory request setting
 */
record ContainerSizes(String service, Setting cpu, Setting memory, Setting cpuRequest, Setting memoryRequest) {
    static ContainerSizes of(ServiceSize size) {
        String prefix = "containers." + size.service() + ".";
        String name = size.service() + " container's ";
        Resources half = size.resources();
        Setting cpu = Setting.of(prefix + "cpu", Kind.CPU).defaultsTo(size.cpu().toString())
                .describe(name + "CPU limit (" + size.source() + ")");
        Setting memory = Setting.of(prefix + "memory", Kind.MEMORY).defaultsTo(size.memory().toString())
                .describe(name + "memory limit (" + size.source() + ")");
        return new ContainerSizes(size.service(), cpu, memory,
                Setting.of(prefix + "cpuRequest", Kind.CPU).example(half.cpuRequest().toString())
                        .defaultsTo("half the CPU limit", c -> Cpu.millis(((Cpu) c.parsed().apply(cpu).orElse(size.cpu())).millis() / 2).toString())
                        .describe(name + "CPU request"),
                Setting.of(prefix + "memoryRequest", Kind.MEMORY).example(half.memoryRequest().toString())
                        .defaultsTo("half the memory limit", c -> Memory.bytes(((Memory) c.parsed().apply(memory).orElse(size.memory())).bytes() / 2).toString())
                        .describe(name + "memory request"));
    }

    List<Setting> all() {
        return List.of(cpu, memory, cpuRequest, memoryRequest);
    }

    /** Requests and limits of the service's container, or empty when a problem was recorded. */
    Optional<Resources> read(ConfigReader r, ContainerLimits limits) {
        Cpu cpuLimit = r.readOrDefault(cpu, Cpu::parse);
        Memory memoryLimit = r.readOrDefault(memory, Checks::memory);
        if (cpuLimit.millis() == 0 || memoryLimit.bytes() == 0) {
            Setting zero = cpuLimit.millis() == 0 ? cpu : memory;
            r.problem(zero, "a zero limit would stop the container", r.rm(zero));
            return Optional.empty();
        }
        Cpu cpuReq = r.readOrDefault(cpuRequest, Cpu::parse);
        Memory memReq = r.readOrDefault(memoryRequest, Checks::memory);
        boolean ok = true;
        if (cpuReq.compareTo(cpuLimit) > 0) {
            r.problem(cpuRequest, "the request " + cpuReq + " is above the limit " + cpuLimit + " (" + cpu.key()
                    + "); Kubernetes rejects such a pod", r.set(cpuRequest, cpuLimit.toString()));
            ok = false;
        }
        if (memReq.compareTo(memoryLimit) > 0) {
            r.problem(memoryRequest, "the request " + memReq + " is above the limit " + memoryLimit + " (" + memory.key()
                    + "); Kubernetes rejects such a pod", r.set(memoryRequest, memoryLimit.toString()));
            ok = false;
        }
        return ok ? admitted(r, new Resources(cpuReq, memReq, cpuLimit, memoryLimit), limits) : Optional.empty();
    }

    /**
     * The resources, or empty (with a problem) when the LimitRange would refuse the container: the fix sets the
     * value that fits, or (for a limit above the maximum) raises the maximum instead.
     */
    private Optional<Resources> admitted(ConfigReader r, Resources resources, ContainerLimits limits) {
        var refusal = limits.refusal(resources);
        if (refusal.isEmpty()) {
            return Optional.of(resources);
        }
        Setting key = switch (refusal.get().bound()) {
            case CPU_LIMIT -> cpu;
            case MEMORY_LIMIT -> memory;
            case CPU_REQUEST -> cpuRequest;
            case MEMORY_REQUEST -> memoryRequest;
        };
        Fix fix = r.set(key, refusal.get().fits());
        if (refusal.get().bound() == ContainerLimits.Bound.CPU_LIMIT) {
            fix = fix.or(r.set(WorkloadSettings.CONTAINER_MAX_CPU, resources.cpuLimit().toString()));
        } else if (refusal.get().bound() == ContainerLimits.Bound.MEMORY_LIMIT) {
            fix = fix.or(r.set(WorkloadSettings.CONTAINER_MAX_MEMORY, resources.memoryLimit().toString()));
        }
        r.problem(key, "the " + service + " container would be refused: " + refusal.get().reason(), fix);
        return Optional.empty();
    }
}
