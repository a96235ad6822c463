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
 * application's catalogue ({@link ServiceSize}): each gets its four {@code containers.<service>.*} settings
 * ({@link ContainerSizes}).
 *
 * @param budget        the environment's compute (design 2.2): the floor of the namespace quota's requests
 * @param containers    requests and limits of each service's container, by service name, in catalogue order
 * @param limits        the namespace's LimitRange (design 11.1), with the stack's maximum
 * @param quotaHeadroom percent the quota leaves above what the services need at their peak
 * @param scaling       the pod count of each service, fixed or autoscaled
 */
public record WorkloadSettings(Budget budget, Map<String, Resources> containers, ContainerLimits limits,
                               int quotaHeadroom, Scaling scaling) {

    /**
     * The environment's compute budget.
     *
     * @param cpu    CPU
     * @param memory memory
     */
    public record Budget(Cpu cpu, Memory memory) { }

    private static final ContainerLimits DESIGN_LIMITS = ContainerLimits.designDefault();

    static final Setting BUDGET_CPU = Setting.of("resources.cpu", Kind.CPU).required().example("2")
            .describe("the environment's CPU budget (design 2.2): the least CPU the namespace quota lets pods request");
    static final Setting BUDGET_MEMORY = Setting.of("resources.memory", Kind.MEMORY).required().example("4Gi")
            .describe("the environment's memory budget (design 2.2): the least memory the namespace quota lets pods request");
    static final Setting CONTAINER_MAX_CPU = Setting.of("containerMax.cpu", Kind.CPU).defaultsTo(DESIGN_LIMITS.maxCpu().toString())
            .describe("largest CPU limit a container may set (the LimitRange's maximum, design 11.1); raise it only for a service that needs it");
    static final Setting CONTAINER_MAX_MEMORY = Setting.of("containerMax.memory", Kind.MEMORY).defaultsTo(DESIGN_LIMITS.maxMemory().toString())
            .describe("largest memory limit a container may set (the LimitRange's maximum, design 11.1)");
    static final Setting QUOTA_HEADROOM = Setting.of("quotaHeadroom", Kind.PERCENT).defaultsTo("25")
            .describe("percent (0..400) the namespace quota adds above every service at its peak (highest replicas plus a rolling-update "
                    + "pod), for certificate solvers, debug pods and pods still terminating");
    static final Setting REPLICAS = Setting.of("replicas", Kind.COUNT).required().example("3")
            .describe("pods per service; with autoscaling, the starting count");
    static final Setting AUTOSCALING_ENABLED = Setting.of("autoscaling.enabled", Kind.BOOL)
            .defaultsTo("`true` when `autoscaling` is given", c -> "true").example("true")
            .describe("add a HorizontalPodAutoscaler per service (production needs one: at least 2 pods, room to grow)");
    static final Setting MIN_REPLICAS = Setting.of("autoscaling.minReplicas", Kind.COUNT).required().example("3")
            .describe("HPA lower bound (when autoscaling)");
    static final Setting MAX_REPLICAS = Setting.of("autoscaling.maxReplicas", Kind.COUNT).required().example("10")
            .describe("HPA upper bound (when autoscaling)");
    static final Setting TARGET_CPU = Setting.of("autoscaling.targetCPUUtilization", Kind.PERCENT)
            .defaultsTo(String.valueOf(HorizontalScaling.DEFAULT_CPU_TARGET.value())).describe("average CPU utilisation the HPA aims for, in percent");
    static final Setting TARGET_MEMORY = Setting.of("autoscaling.targetMemoryUtilization", Kind.PERCENT)
            .defaultsTo(String.valueOf(HorizontalScaling.DEFAULT_MEMORY_TARGET.value())).describe("average memory utilisation the HPA aims for, in percent");

    /** The settings this section reads for these services, in the order the reference lists them. */
    static List<Setting> settings(List<ServiceSize> services) {
        List<Setting> all = new ArrayList<>(List.of(BUDGET_CPU, BUDGET_MEMORY));
        services.forEach(size -> all.addAll(ContainerSizes.of(size).all()));
        all.addAll(List.of(CONTAINER_MAX_CPU, CONTAINER_MAX_MEMORY, QUOTA_HEADROOM, REPLICAS, AUTOSCALING_ENABLED,
                MIN_REPLICAS, MAX_REPLICAS, TARGET_CPU, TARGET_MEMORY));
        return List.copyOf(all);
    }

    /** The full key of one of a service's size settings ({@code cpu}, {@code memory}, {@code cpuRequest}, {@code memoryRequest}). */
    public static String containerKey(String service, String field) {
        return StackSettingsLoader.NAMESPACE + ":containers." + service + "." + field;
    }

    static Optional<WorkloadSettings> read(ConfigReader r, List<ServiceSize> services, Optional<Environment> environment) {
        Optional<Cpu> budgetCpu = r.read(BUDGET_CPU, Cpu::parse);
        Optional<Memory> budgetMemory = r.read(BUDGET_MEMORY, Checks::memory);
        ContainerLimits limits = DESIGN_LIMITS.withMax(r.readOrDefault(CONTAINER_MAX_CPU, Cpu::parse),
                r.readOrDefault(CONTAINER_MAX_MEMORY, Checks::memory));
        Map<String, Resources> containers = new LinkedHashMap<>();
        boolean sizesOk = true;
        for (ServiceSize service : services) {
            Optional<Resources> resources = ContainerSizes.of(service).read(r, limits);
            resources.ifPresent(res -> containers.put(service.service(), res));
            sizesOk &= resources.isPresent();
        }
        int headroom = r.readOrDefault(QUOTA_HEADROOM, v -> Checks.integer(v, 0, 400, "a headroom"));
        Optional<Optional<HorizontalScaling>> autoscaling = autoscaling(r, production(r, environment));
        Optional<Integer> replicas = replicas(r, autoscaling.flatMap(a -> a));
        if (budgetCpu.isEmpty() || budgetMemory.isEmpty() || !sizesOk || replicas.isEmpty() || autoscaling.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new WorkloadSettings(new Budget(budgetCpu.get(), budgetMemory.get()), Collections.unmodifiableMap(containers),
                limits, headroom, new Scaling(replicas.get(), autoscaling.get())));
    }

    /**
     * Whether production's availability rules apply: the production environment, or a stack named production
     * whatever it claims (the policy pack judges stacks by name; the two must agree).
     */
    private static boolean production(ConfigReader r, Optional<Environment> environment) {
        return environment.orElse(null) == Environment.PRODUCTION || r.stack().equals(Environment.PRODUCTION.id());
    }

    /** Whether the stack asks for an HPA, read leniently (for checks in other sections, whatever else is wrong). */
    static boolean autoscales(ConfigReader r) {
        return r.present(AUTOSCALING_ENABLED.topLevel()) && !r.text(AUTOSCALING_ENABLED).map(String::strip).equals(Optional.of("false"));
    }

    /**
     * The replica count, which must lie within the HPA's bounds when the stack autoscales; the fix for either
     * problem is a count inside the bounds, so following it passes.
     */
    private static Optional<Integer> replicas(ConfigReader r, Optional<HorizontalScaling> autoscaling) {
        Optional<Integer> replicas = r.read(REPLICAS, v -> replicaCount(v, "replicas"));
        if (replicas.isPresent() && autoscaling.isPresent()) {
            HorizontalScaling a = autoscaling.get();
            try {
                Scaling.checkWithin(replicas.get(), a);
            } catch (IllegalArgumentException e) {
                r.problem(REPLICAS, e.getMessage(), r.set(REPLICAS, String.valueOf(Math.max(a.minReplicas(), Math.min(a.maxReplicas(), replicas.get())))));
                return Optional.empty();
            }
        }
        return replicas;
    }

    /**
     * Empty when a problem was recorded; otherwise the HPA settings, or none when autoscaling is off. Production
     * must autoscale with at least 2 pods and room to grow: the fix turns it on with bounds around the stack's own
     * replica count.
     */
    private static Optional<Optional<HorizontalScaling>> autoscaling(ConfigReader r, boolean production) {
        if (r.inMalformedObject(AUTOSCALING_ENABLED)) {
            return Optional.empty();   // the object's own problem covers it, and its fix turns autoscaling on
        }
        boolean enabled = r.present(AUTOSCALING_ENABLED.topLevel()) && r.readOrDefault(AUTOSCALING_ENABLED, Checks::bool);
        if (!enabled) {
            if (production) {
                int replicas = r.text(REPLICAS).map(String::strip).filter(t -> t.matches("\\d{1,4}")).map(Integer::parseInt).orElse(3);
                Fix fix = r.set(MIN_REPLICAS, String.valueOf(Math.max(2, Math.min(3, replicas))))
                        .then(r.set(MAX_REPLICAS, String.valueOf(Math.max(10, replicas))));
                if (r.text(AUTOSCALING_ENABLED).isPresent()) {
                    fix = r.rm(AUTOSCALING_ENABLED).then(fix);
                }
                r.problem(AUTOSCALING_ENABLED, "production must autoscale (the policy pack's k8s-production-hpa): a fixed pod count "
                        + "neither survives a load peak nor scales down", fix);
                return Optional.empty();
            }
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
            r.problem(MIN_REPLICAS, e.getMessage(), r.set(MIN_REPLICAS, String.valueOf(max.get())).then(r.set(MAX_REPLICAS, String.valueOf(min.get()))));
            return Optional.empty();
        }
        // Production's availability rules are reported beside any other problem; the bounds still check the replicas.
        if (production && min.get() < 2) {
            Fix fix = r.set(MIN_REPLICAS, "2");
            if (max.get() < 3) {
                fix = fix.then(r.set(MAX_REPLICAS, "3"));
            }
            r.problem(MIN_REPLICAS, "production keeps at least 2 pods (the policy pack's k8s-production-hpa): with 1, a node drain or a "
                    + "crash is an outage", fix);
        } else if (production && max.get().equals(min.get())) {
            r.problem(MAX_REPLICAS, "production needs room to scale (the policy pack's k8s-production-hpa): maxReplicas equals minReplicas "
                    + min.get(), r.set(MAX_REPLICAS, String.valueOf(Math.max(10, min.get() * 2))));
        }
        return Optional.of(Optional.of(new HorizontalScaling(min.get(), max.get(), cpu, memory)));
    }

    private static int replicaCount(String text, String what) {
        int count = Checks.integer(text);
        Scaling.checkReplicas(count, what);
        return count;
    }
}
