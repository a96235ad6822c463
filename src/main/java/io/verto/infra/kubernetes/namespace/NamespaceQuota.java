package io.verto.infra.kubernetes.namespace;

import io.verto.infra.types.Capacity;
import io.verto.infra.types.Cpu;
import io.verto.infra.types.Memory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hard limits of a namespace's ResourceQuota (design 11.1).
 *
 * @param requestsCpu            sum of all CPU requests
 * @param requestsMemory         sum of all memory requests
 * @param limitsCpu              sum of all CPU limits
 * @param limitsMemory           sum of all memory limits
 * @param persistentVolumeClaims number of PVCs
 * @param services               number of Services
 * @param secrets                number of Secrets
 * @param configMaps             number of ConfigMaps
 */
public record NamespaceQuota(Cpu requestsCpu, Memory requestsMemory, Cpu limitsCpu, Memory limitsMemory,
                             int persistentVolumeClaims, int services, int secrets, int configMaps) {

    /** The design's quota (11.1): 4 CPU / 8Gi requested, 8 CPU / 16Gi limits, 10 PVCs, 10 Services, 20 Secrets, 20 ConfigMaps. */
    public static NamespaceQuota designDefault() {
        return forBudget(Cpu.cores(4), Memory.gibibytes(8));
    }

    /**
     * The design's quota shape (11.1) for another budget: requests up to the budget, limits up to twice
     * it (the design pairs 4 CPU / 8Gi with 8 / 16Gi), and the design's object counts.
     */
    public static NamespaceQuota forBudget(Cpu cpu, Memory memory) {
        return new NamespaceQuota(cpu, memory, cpu.times(2), memory.times(2), 10, 10, 20, 20);
    }

    /**
     * This quota raised, where needed, to hold {@code needed} (rounded up to whole cores and gibibytes),
     * object counts unchanged. Size {@code needed} for every workload at its highest replica count plus
     * its rolling-update surge: a quota below that silently blocks the HPA and stalls deployments.
     */
    public NamespaceQuota fitting(Capacity needed) {
        return new NamespaceQuota(
                Cpu.max(requestsCpu, needed.cpuRequests().roundUpToCores()),
                Memory.max(requestsMemory, needed.memoryRequests().roundUpToGibibytes()),
                Cpu.max(limitsCpu, needed.cpuLimits().roundUpToCores()),
                Memory.max(limitsMemory, needed.memoryLimits().roundUpToGibibytes()),
                persistentVolumeClaims, services, secrets, configMaps);
    }

    Map<String, String> hard() {
        Map<String, String> hard = new LinkedHashMap<>();
        hard.put("requests.cpu", requestsCpu.toString());
        hard.put("requests.memory", requestsMemory.toString());
        hard.put("limits.cpu", limitsCpu.toString());
        hard.put("limits.memory", limitsMemory.toString());
        hard.put("persistentvolumeclaims", String.valueOf(persistentVolumeClaims));
        hard.put("services", String.valueOf(services));
        hard.put("secrets", String.valueOf(secrets));
        hard.put("configmaps", String.valueOf(configMaps));
        return hard;
    }
}
