package io.verto.infra.config;

import io.verto.infra.types.Cpu;
import io.verto.infra.types.HorizontalScaling;
import io.verto.infra.types.Memory;
import io.verto.infra.types.Percent;
import io.verto.infra.types.Resources;
import io.verto.infra.types.Scaling;

import java.util.List;
import java.util.Optional;

/**
 * How big each service's containers are and how many pods each service runs.
 *
 * @param containerResources requests and limits of each application container
 * @param scaling            the pod count of each service, fixed or autoscaled
 */
public record WorkloadSettings(Resources containerResources, Scaling scaling) {

    static final Setting CPU = Setting.required("resources.cpu", "\"1\"", "CPU limit of each container (`\"0.5\"`, `\"2\"`, `\"500m\"`)");
    static final Setting MEMORY = Setting.required("resources.memory", "2Gi", "memory limit of each container (`1Gi`, `512Mi`)");
    static final Setting CPU_REQUEST = Setting.optional("resources.cpuRequest", "500m", "half the limit", "CPU request of each container");
    static final Setting MEMORY_REQUEST = Setting.optional("resources.memoryRequest", "1Gi", "half the limit", "memory request of each container");
    static final Setting REPLICAS = Setting.required("replicas", "2", "pods per service; with autoscaling, the starting count");
    static final Setting AUTOSCALING_ENABLED = Setting.optional("autoscaling.enabled", "true", "true when `autoscaling` is given",
            "add a HorizontalPodAutoscaler per service");
    static final Setting MIN_REPLICAS = Setting.required("autoscaling.minReplicas", "3", "HPA lower bound (when autoscaling)");
    static final Setting MAX_REPLICAS = Setting.required("autoscaling.maxReplicas", "10", "HPA upper bound (when autoscaling)");
    static final Setting TARGET_CPU = Setting.defaulting("autoscaling.targetCPUUtilization",
            String.valueOf(HorizontalScaling.DEFAULT_CPU_TARGET.value()), "average CPU utilisation the HPA aims for, in percent");
    static final Setting TARGET_MEMORY = Setting.defaulting("autoscaling.targetMemoryUtilization",
            String.valueOf(HorizontalScaling.DEFAULT_MEMORY_TARGET.value()), "average memory utilisation the HPA aims for, in percent");

    /** The settings this section reads, in the order the reference lists them. */
    public static final List<Setting> SETTINGS = List.of(CPU, MEMORY, CPU_REQUEST, MEMORY_REQUEST, REPLICAS,
            AUTOSCALING_ENABLED, MIN_REPLICAS, MAX_REPLICAS, TARGET_CPU, TARGET_MEMORY);

    static Optional<WorkloadSettings> read(ConfigReader r) {
        Optional<Resources> resources = resources(r);
        Optional<Integer> replicas = r.read(REPLICAS, v -> replicaCount(v, "replicas"));
        Optional<Optional<HorizontalScaling>> autoscaling = autoscaling(r, replicas);
        if (resources.isEmpty() || replicas.isEmpty() || autoscaling.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new WorkloadSettings(resources.get(), new Scaling(replicas.get(), autoscaling.get())));
    }

    private static Optional<Resources> resources(ConfigReader r) {
        Optional<Cpu> cpu = r.read(CPU, Cpu::parse);
        Optional<Memory> memory = r.read(MEMORY, Memory::parse);
        Optional<Cpu> cpuRequest = r.read(CPU_REQUEST, Cpu::parse);
        Optional<Memory> memoryRequest = r.read(MEMORY_REQUEST, Memory::parse);
        if (cpu.isEmpty() || memory.isEmpty()) {
            return Optional.empty();
        }
        if (cpu.get().millis() == 0 || memory.get().bytes() == 0) {
            Setting zero = cpu.get().millis() == 0 ? CPU : MEMORY;
            r.problem(zero, "a zero limit would stop every container", r.setCommand(zero, zero.example()));
            return Optional.empty();
        }
        Resources half = Resources.halfRequested(cpu.get(), memory.get());
        Cpu cpuReq = cpuRequest.orElse(half.cpuRequest());
        Memory memReq = memoryRequest.orElse(half.memoryRequest());
        boolean ok = true;
        if (cpuReq.compareTo(cpu.get()) > 0) {
            r.problem(CPU_REQUEST, "the request " + cpuReq + " is above the limit " + cpu.get()
                    + " (resources.cpu); Kubernetes rejects such a pod", r.setCommand(CPU_REQUEST, cpu.get().toString()));
            ok = false;
        }
        if (memReq.compareTo(memory.get()) > 0) {
            r.problem(MEMORY_REQUEST, "the request " + memReq + " is above the limit " + memory.get()
                    + " (resources.memory); Kubernetes rejects such a pod", r.setCommand(MEMORY_REQUEST, memory.get().toString()));
            ok = false;
        }
        return ok ? Optional.of(new Resources(cpuReq, memReq, cpu.get(), memory.get())) : Optional.empty();
    }

    /** Empty when a problem was recorded; otherwise the HPA settings, or none when autoscaling is off. */
    private static Optional<Optional<HorizontalScaling>> autoscaling(ConfigReader r, Optional<Integer> replicas) {
        boolean given = r.present(AUTOSCALING_ENABLED.topLevel());
        if (!given || !r.read(AUTOSCALING_ENABLED, Checks::bool).orElse(true)) {
            return Optional.of(Optional.empty());
        }
        Optional<Integer> min = r.read(MIN_REPLICAS, v -> replicaCount(v, "minReplicas"));
        Optional<Integer> max = r.read(MAX_REPLICAS, v -> replicaCount(v, "maxReplicas"));
        Percent cpu = r.readOrDefault(TARGET_CPU, Percent::parse);
        Percent memory = r.readOrDefault(TARGET_MEMORY, Percent::parse);
        if (min.isEmpty() || max.isEmpty()) {
            return Optional.empty();
        }
        try {
            HorizontalScaling.checkBounds(min.get(), max.get());
        } catch (IllegalArgumentException e) {
            r.problem(MIN_REPLICAS, e.getMessage(), r.setCommand(MIN_REPLICAS, String.valueOf(max.get())) + " (or raise maxReplicas)");
            return Optional.empty();
        }
        var scaling = new HorizontalScaling(min.get(), max.get(), cpu, memory);
        if (replicas.isPresent()) {
            try {
                Scaling.checkWithin(replicas.get(), scaling);
            } catch (IllegalArgumentException e) {
                r.problem(REPLICAS, e.getMessage(),
                        r.setCommand(REPLICAS, String.valueOf(Math.max(min.get(), Math.min(max.get(), replicas.get())))));
                return Optional.empty();
            }
        }
        return Optional.of(Optional.of(scaling));
    }

    private static int replicaCount(String text, String what) {
        int count = Checks.integer(text);
        Scaling.checkReplicas(count, what);
        return count;
    }
}
