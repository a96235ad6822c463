package io.verto.infra.monitoring;

import io.verto.infra.kubernetes.custom.CustomKind;
import io.verto.infra.kubernetes.custom.CustomSpec;
import io.verto.infra.types.Cpu;
import io.verto.infra.types.Memory;
import io.verto.infra.types.VpaUpdateMode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The spec of a {@code autoscaling.k8s.io/v1} VerticalPodAutoscaler for one Deployment's container, as
 * design 11.2 writes it: the update mode and the container's bounds on CPU and memory.
 *
 * @param deployment the Deployment it sizes
 * @param container  the container it sizes
 * @param mode       what it may do with its recommendations
 * @param minCpu     the smallest CPU request it recommends
 * @param minMemory  the smallest memory request it recommends
 * @param maxCpu     the largest CPU request it recommends
 * @param maxMemory  the largest memory request it recommends
 */
public record VerticalPodAutoscalerSpec(String deployment, String container, VpaUpdateMode mode, Cpu minCpu, Memory minMemory,
                                        Cpu maxCpu, Memory maxMemory) implements CustomSpec {
    public VerticalPodAutoscalerSpec {
        Objects.requireNonNull(deployment, "deployment");
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(mode, "mode");
        if (minCpu.compareTo(maxCpu) > 0 || minMemory.compareTo(maxMemory) > 0) {
            throw new IllegalArgumentException("VPA bounds of " + deployment + ": the minimum " + minCpu + "/" + minMemory
                    + " is above the maximum " + maxCpu + "/" + maxMemory);
        }
    }

    @Override
    public CustomKind kind() {
        return CustomKind.VERTICAL_POD_AUTOSCALER;
    }

    @Override
    public Map<String, Object> toValue() {
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("containerName", container);
        policy.put("minAllowed", Map.of("cpu", minCpu.toString(), "memory", minMemory.toString()));
        policy.put("maxAllowed", Map.of("cpu", maxCpu.toString(), "memory", maxMemory.toString()));
        policy.put("controlledResources", List.of("cpu", "memory"));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("targetRef", Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name", deployment));
        spec.put("updatePolicy", Map.of("updateMode", mode.name()));
        spec.put("resourcePolicy", Map.of("containerPolicies", List.of(policy)));
        return spec;
    }
}
