package io.verto.infra.config;

import io.verto.infra.types.ContainerLimits;
import io.verto.infra.types.Cpu;
import io.verto.infra.types.HorizontalScaling;
import io.verto.infra.types.Memory;
import io.verto.infra.types.Percent;
import io.verto.infra.types.Resources;
import io.verto.infra.types.Scaling;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How big each service's containers are, how many pods each service runs, the LimitRange that bounds
 * every container, and the compute the environment is budgeted for. The services come from the
 * application's catalogue ({@link ServiceSize}): each gets its four {@code containers.<service>.*} settings.
 *
 * @param budget        the environment's compute (design 2.2): the floor of the namespace quota's requests
 * @param containers    requests and limits of each service's container, by service name, in catalogue order
 * @param limits        the namespace's LimitRange (design 11.1), with the stack's maximum
 * @param quotaHeadroom room the quota leaves above what the services need at their peak
 * @param scaling       the pod count of each service, fixed or autoscaled
 */
public record WorkloadSettings(Budget budget, Map<String, Resources> containers, ContainerLimits limits,
                               Percent quotaHeadroom, Scaling scaling) {

    /**
     * The environment's compute budget.
     *
     * @param cpu    CPU
     * @param memory memory
     */
    public record Budget(Cpu cpu, Memory memory) { }

    private static final ContainerLimits DESIGN_LIMITS = ContainerLimits.designDefault();

    static final Setting BUDGET_CPU = Setting.required("resources.cpu", "\"1\"",
            "the environment's CPU budget (design 2.2): the least CPU the namespace quota lets pods request");
    static final Setting BUDGET_MEMORY = Setting.required("resources.memory", "2Gi",
            "the environment's memory budget (design 2.2): the least memory the namespace quota lets pods request");
    static final Setting CONTAINER_MAX_CPU = Setting.defaulting("containerMax.cpu", DESIGN_LIMITS.maxCpu().toString(),
            "largest CPU limit a container may set (the LimitRange's maximum, design 11.1); raise it only for a service that needs it");
    static final Setting CONTAINER_MAX_MEMORY = Setting.defaulting("containerMax.memory", DESIGN_LIMITS.maxMemory().toString(),
            "largest memory limit a container may set (the LimitRange's maximum, design 11.1)");
    static final Setting QUOTA_HEADROOM = Setting.defaulting("quotaHeadroom", "25",
            "percent the namespace quota adds above every service at its peak (highest replicas plus a rolling-update pod), "
                    + "for certificate solvers, debug pods and pods still terminating");
    static final Setting REPLICAS = Setting.required("replicas", "2", "pods per service; with autoscaling, the starting count");
    static final Setting AUTOSCALING_ENABLED = Setting.optional("autoscaling.enabled", "true", "true when `autoscaling` is given",
            "add a HorizontalPodAutoscaler per service");
    static final Setting MIN_REPLICAS = Setting.required("autoscaling.minReplicas", "3", "HPA lower bound (when autoscaling)");
    static final Setting MAX_REPLICAS = Setting.required("autoscaling.maxReplicas", "10", "HPA upper bound (when autoscaling)");
    static final Setting TARGET_CPU = Setting.defaulting("autoscaling.targetCPUUtilization",
            String.valueOf(HorizontalScaling.DEFAULT_CPU_TARGET.value()), "average CPU utilisation the HPA aims for, in percent");
    static final Setting TARGET_MEMORY = Setting.defaulting("autoscaling.targetMemoryUtilization",
            String.valueOf(HorizontalScaling.DEFAULT_MEMORY_TARGET.value()), "average memory utilisation the HPA aims for, in percent");

    /** The four size settings of one service: limits (its catalogue size) and requests (half the limits). */
    private record SizeSettings(String service, Setting cpu, Setting memory, Setting cpuRequest, Setting memoryRequest) {
        static SizeSettings of(ServiceSize size) {
            String prefix = "containers." + size.service() + ".";
            String name = size.service() + " container's ";
            Resources half = size.resources();
            return new SizeSettings(size.service(),
                    Setting.defaulting(prefix + "cpu", size.cpu().toString(), name + "CPU limit (" + size.source() + ")"),
                    Setting.defaulting(prefix + "memory", size.memory().toString(), name + "memory limit (" + size.source() + ")"),
                    Setting.optional(prefix + "cpuRequest", half.cpuRequest().toString(), "half the CPU limit", name + "CPU request"),
                    Setting.optional(prefix + "memoryRequest", half.memoryRequest().toString(), "half the memory limit", name + "memory request"));
        }

        List<Setting> all() {
            return List.of(cpu, memory, cpuRequest, memoryRequest);
        }
    }

    /** The settings this section reads for these services, in the order the reference lists them. */
    static List<Setting> settings(List<ServiceSize> services) {
        List<Setting> all = new ArrayList<>(List.of(BUDGET_CPU, BUDGET_MEMORY));
        services.forEach(size -> all.addAll(SizeSettings.of(size).all()));
        all.addAll(List.of(CONTAINER_MAX_CPU, CONTAINER_MAX_MEMORY, QUOTA_HEADROOM, REPLICAS, AUTOSCALING_ENABLED,
                MIN_REPLICAS, MAX_REPLICAS, TARGET_CPU, TARGET_MEMORY));
        return List.copyOf(all);
    }

    /** The full key of one of a service's size settings ({@code cpu}, {@code memory}, {@code cpuRequest}, {@code memoryRequest}). */
    public static String containerKey(String service, String field) {
        return StackSettingsLoader.NAMESPACE + ":containers." + service + "." + field;
    }

    static Optional<WorkloadSettings> read(ConfigReader r, List<ServiceSize> services) {
        Optional<Cpu> budgetCpu = r.read(BUDGET_CPU, Cpu::parse);
        Optional<Memory> budgetMemory = r.read(BUDGET_MEMORY, Memory::parse);
        ContainerLimits limits = DESIGN_LIMITS.withMax(r.readOrDefault(CONTAINER_MAX_CPU, Cpu::parse),
                r.readOrDefault(CONTAINER_MAX_MEMORY, Memory::parse));
        Map<String, Resources> containers = new LinkedHashMap<>();
        boolean sizesOk = true;
        for (ServiceSize service : services) {
            SizeSettings size = SizeSettings.of(service);
            Optional<Resources> resources = resources(r, size).filter(res -> admitted(r, size, res, limits));
            resources.ifPresent(res -> containers.put(size.service(), res));
            sizesOk &= resources.isPresent();
        }
        Percent headroom = r.readOrDefault(QUOTA_HEADROOM, Percent::parse);
        Optional<Optional<HorizontalScaling>> autoscaling = autoscaling(r);
        Optional<Integer> replicas = replicas(r, autoscaling.flatMap(a -> a));
        if (budgetCpu.isEmpty() || budgetMemory.isEmpty() || !sizesOk || replicas.isEmpty() || autoscaling.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new WorkloadSettings(new Budget(budgetCpu.get(), budgetMemory.get()), Collections.unmodifiableMap(containers),
                limits, headroom, new Scaling(replicas.get(), autoscaling.get())));
    }

    /** The size setting behind each LimitRange bound. */
    private static Setting setting(SizeSettings size, ContainerLimits.Bound bound) {
        return switch (bound) {
            case CPU_LIMIT -> size.cpu();
            case MEMORY_LIMIT -> size.memory();
            case CPU_REQUEST -> size.cpuRequest();
            case MEMORY_REQUEST -> size.memoryRequest();
        };
    }

    /**
     * False, with a problem, when the LimitRange would refuse the service's container: the fix sets the value
     * that fits, or (for a limit above the maximum) raises the maximum instead.
     */
    private static boolean admitted(ConfigReader r, SizeSettings size, Resources resources, ContainerLimits limits) {
        return limits.refusal(resources).map(refusal -> {
            Setting key = setting(size, refusal.bound());
            String fix = r.setCommand(key, refusal.fits());
            if (refusal.bound() == ContainerLimits.Bound.CPU_LIMIT) {
                fix += ", or raise the maximum: " + r.setCommand(CONTAINER_MAX_CPU, resources.cpuLimit().toString());
            } else if (refusal.bound() == ContainerLimits.Bound.MEMORY_LIMIT) {
                fix += ", or raise the maximum: " + r.setCommand(CONTAINER_MAX_MEMORY, resources.memoryLimit().toString());
            }
            r.problem(key, "the " + size.service() + " container would be refused: " + refusal.reason(), fix);
            return false;
        }).orElse(true);
    }

    /** Requests and limits of one service; zero limits and requests above limits are problems. */
    private static Optional<Resources> resources(ConfigReader r, SizeSettings size) {
        Cpu cpu = r.readOrDefault(size.cpu(), Cpu::parse);
        Memory memory = r.readOrDefault(size.memory(), Memory::parse);
        Optional<Cpu> cpuRequest = r.read(size.cpuRequest(), Cpu::parse);
        Optional<Memory> memoryRequest = r.read(size.memoryRequest(), Memory::parse);
        if (cpu.millis() == 0 || memory.bytes() == 0) {
            Setting zero = cpu.millis() == 0 ? size.cpu() : size.memory();
            r.problem(zero, "a zero limit would stop the container", r.setCommand(zero, zero.example()));
            return Optional.empty();
        }
        Resources half = Resources.halfRequested(cpu, memory);
        Cpu cpuReq = cpuRequest.orElse(half.cpuRequest());
        Memory memReq = memoryRequest.orElse(half.memoryRequest());
        boolean ok = true;
        if (cpuReq.compareTo(cpu) > 0) {
            r.problem(size.cpuRequest(), "the request " + cpuReq + " is above the limit " + cpu + " (" + size.cpu().key()
                    + "); Kubernetes rejects such a pod", r.setCommand(size.cpuRequest(), cpu.toString()));
            ok = false;
        }
        if (memReq.compareTo(memory) > 0) {
            r.problem(size.memoryRequest(), "the request " + memReq + " is above the limit " + memory + " (" + size.memory().key()
                    + "); Kubernetes rejects such a pod", r.setCommand(size.memoryRequest(), memory.toString()));
            ok = false;
        }
        return ok ? Optional.of(new Resources(cpuReq, memReq, cpu, memory)) : Optional.empty();
    }

    /**
     * The replica count, which must lie within the HPA's bounds when the stack autoscales; the fix for
     * either problem is a count inside the bounds, so following it passes.
     */
    private static Optional<Integer> replicas(ConfigReader r, Optional<HorizontalScaling> autoscaling) {
        Optional<String> text = r.text(REPLICAS);
        Optional<Integer> replicas;
        try {
            replicas = text.map(v -> replicaCount(v.trim(), "replicas"));
        } catch (IllegalArgumentException e) {
            r.problem(REPLICAS, e.getMessage(), r.setCommand(REPLICAS, suggestedReplicas(autoscaling)));
            return Optional.empty();
        }
        if (replicas.isEmpty()) {
            r.problem(REPLICAS, "is required but not set", r.setCommand(REPLICAS, suggestedReplicas(autoscaling)));
            return Optional.empty();
        }
        if (autoscaling.isPresent()) {
            HorizontalScaling a = autoscaling.get();
            try {
                Scaling.checkWithin(replicas.get(), a);
            } catch (IllegalArgumentException e) {
                r.problem(REPLICAS, e.getMessage(),
                        r.setCommand(REPLICAS, String.valueOf(Math.max(a.minReplicas(), Math.min(a.maxReplicas(), replicas.get())))));
                return Optional.empty();
            }
        }
        return replicas;
    }

    /** The count a replicas fix suggests: the HPA's lower bound, or the setting's example. */
    private static String suggestedReplicas(Optional<HorizontalScaling> autoscaling) {
        return autoscaling.map(a -> String.valueOf(a.minReplicas())).orElse(REPLICAS.example());
    }

    /** Empty when a problem was recorded; otherwise the HPA settings, or none when autoscaling is off. */
    private static Optional<Optional<HorizontalScaling>> autoscaling(ConfigReader r) {
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
            // Most likely swapped: the fix swaps them, which keeps both of the stack's own numbers.
            r.problem(MIN_REPLICAS, e.getMessage(), r.setCommand(MIN_REPLICAS, String.valueOf(max.get()))
                    + " && " + r.setCommand(MAX_REPLICAS, String.valueOf(min.get())));
            return Optional.empty();
        }
        return Optional.of(Optional.of(new HorizontalScaling(min.get(), max.get(), cpu, memory)));
    }

    private static int replicaCount(String text, String what) {
        int count = Checks.integer(text);
        Scaling.checkReplicas(count, what);
        return count;
    }
}
