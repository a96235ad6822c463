package io.verto.infra.config;

import io.verto.infra.types.Cpu;
import io.verto.infra.types.HorizontalScaling;
import io.verto.infra.types.Memory;
import io.verto.infra.types.Percent;
import io.verto.infra.types.Resources;
import io.verto.infra.types.Scaling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How big each service's containers are, how many pods each service runs, and the compute the
 * environment is budgeted for.
 *
 * @param budget        the environment's compute (design 2.2): the floor of the namespace quota's requests
 * @param containers    requests and limits of each service's container, by service name
 * @param containerMax  the LimitRange's per-container maximum, when the stack raises it
 * @param quotaHeadroom room the quota leaves above what the services need at their peak
 * @param scaling       the pod count of each service, fixed or autoscaled
 */
public record WorkloadSettings(Budget budget, Map<String, Resources> containers, ContainerMax containerMax,
                               Percent quotaHeadroom, Scaling scaling) {

    /**
     * The environment's compute budget.
     *
     * @param cpu    CPU
     * @param memory memory
     */
    public record Budget(Cpu cpu, Memory memory) { }

    /**
     * A raised LimitRange maximum; empty fields keep the LimitRange's own (design 11.1).
     *
     * @param cpu    largest CPU limit a container may set
     * @param memory largest memory limit a container may set
     */
    public record ContainerMax(Optional<Cpu> cpu, Optional<Memory> memory) { }

    /** Each service's container size from the design (5.4, 5.5): limits, with requests at half of them. */
    private static final Map<String, String[]> DESIGN_SIZES = designSizes();

    private static Map<String, String[]> designSizes() {
        Map<String, String[]> sizes = new LinkedHashMap<>();
        sizes.put("frontend", new String[] {"500m", "1Gi", "5.4"});
        sizes.put("backend", new String[] {"1", "2Gi", "5.5"});
        return sizes;
    }

    static final Setting BUDGET_CPU = Setting.required("resources.cpu", "\"1\"",
            "the environment's CPU budget (design 2.2): the least CPU the namespace quota lets pods request");
    static final Setting BUDGET_MEMORY = Setting.required("resources.memory", "2Gi",
            "the environment's memory budget (design 2.2): the least memory the namespace quota lets pods request");
    static final Setting CONTAINER_MAX_CPU = Setting.optional("containerMax.cpu", "\"4\"", "the LimitRange's 2 (design 11.1)",
            "largest CPU limit a container may set; raise it only for a service that needs it");
    static final Setting CONTAINER_MAX_MEMORY = Setting.optional("containerMax.memory", "8Gi", "the LimitRange's 4Gi (design 11.1)",
            "largest memory limit a container may set");
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

    /** The four size settings of one service: limits (design defaults) and requests (half the limits). */
    private record SizeSettings(String service, Setting cpu, Setting memory, Setting cpuRequest, Setting memoryRequest) {
        static SizeSettings of(String service, String[] design) {
            String prefix = "containers." + service + ".";
            return new SizeSettings(service,
                    Setting.defaulting(prefix + "cpu", design[0], service + " container's CPU limit (design " + design[2] + ")"),
                    Setting.defaulting(prefix + "memory", design[1], service + " container's memory limit (design " + design[2] + ")"),
                    Setting.optional(prefix + "cpuRequest", "250m", "half the CPU limit", service + " container's CPU request"),
                    Setting.optional(prefix + "memoryRequest", "512Mi", "half the memory limit", service + " container's memory request"));
        }

        List<Setting> all() {
            return List.of(cpu, memory, cpuRequest, memoryRequest);
        }
    }

    private static final List<SizeSettings> SIZES = DESIGN_SIZES.entrySet().stream()
            .map(e -> SizeSettings.of(e.getKey(), e.getValue())).toList();

    /** The settings this section reads, in the order the reference lists them. */
    public static final List<Setting> SETTINGS = settings();

    private static List<Setting> settings() {
        List<Setting> all = new ArrayList<>(List.of(BUDGET_CPU, BUDGET_MEMORY));
        SIZES.forEach(size -> all.addAll(size.all()));
        all.addAll(List.of(CONTAINER_MAX_CPU, CONTAINER_MAX_MEMORY, QUOTA_HEADROOM, REPLICAS, AUTOSCALING_ENABLED,
                MIN_REPLICAS, MAX_REPLICAS, TARGET_CPU, TARGET_MEMORY));
        return List.copyOf(all);
    }

    /** The full key of one of a service's size settings ({@code cpu}, {@code memory}, {@code cpuRequest}, {@code memoryRequest}). */
    public static String containerKey(String service, String field) {
        return StackSettingsLoader.NAMESPACE + ":containers." + service + "." + field;
    }

    /** The full key of a LimitRange maximum setting ({@code cpu} or {@code memory}). */
    public static String containerMaxKey(String field) {
        return StackSettingsLoader.NAMESPACE + ":containerMax." + field;
    }

    /** The services whose sizes this section reads, in order. */
    public static List<String> services() {
        return List.copyOf(DESIGN_SIZES.keySet());
    }

    static Optional<WorkloadSettings> read(ConfigReader r) {
        Optional<Cpu> budgetCpu = r.read(BUDGET_CPU, Cpu::parse);
        Optional<Memory> budgetMemory = r.read(BUDGET_MEMORY, Memory::parse);
        Map<String, Resources> containers = new LinkedHashMap<>();
        boolean sizesOk = true;
        for (SizeSettings size : SIZES) {
            Optional<Resources> resources = resources(r, size);
            resources.ifPresent(res -> containers.put(size.service(), res));
            sizesOk &= resources.isPresent();
        }
        var max = new ContainerMax(r.read(CONTAINER_MAX_CPU, Cpu::parse), r.read(CONTAINER_MAX_MEMORY, Memory::parse));
        Percent headroom = r.readOrDefault(QUOTA_HEADROOM, Percent::parse);
        Optional<Optional<HorizontalScaling>> autoscaling = autoscaling(r);
        Optional<Integer> replicas = replicas(r, autoscaling.flatMap(a -> a));
        if (budgetCpu.isEmpty() || budgetMemory.isEmpty() || !sizesOk || replicas.isEmpty() || autoscaling.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new WorkloadSettings(new Budget(budgetCpu.get(), budgetMemory.get()), Map.copyOf(containers), max,
                headroom, new Scaling(replicas.get(), autoscaling.get())));
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
            r.problem(REPLICAS, e.getMessage(), r.setCommand(REPLICAS, String.valueOf(autoscaling.map(HorizontalScaling::minReplicas).orElse(2))));
            return Optional.empty();
        }
        if (replicas.isEmpty()) {
            r.problem(REPLICAS, "is required but not set",
                    r.setCommand(REPLICAS, String.valueOf(autoscaling.map(HorizontalScaling::minReplicas).orElse(2))));
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
