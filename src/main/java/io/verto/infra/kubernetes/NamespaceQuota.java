package io.verto.infra.kubernetes;

import io.verto.infra.types.Cpu;
import io.verto.infra.types.Memory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hard limits of a namespace's ResourceQuota (design 11.1).
 *
 * @param requestsCpu           sum of all CPU requests
 * @param requestsMemory        sum of all memory requests
 * @param limitsCpu             sum of all CPU limits
 * @param limitsMemory          sum of all memory limits
 * @param persistentVolumeClaims number of PVCs; design default 10
 * @param services              number of Services; design default 10
 * @param secrets               number of Secrets; design default 20
 * @param configMaps            number of ConfigMaps; design default 20
 */
public record NamespaceQuota(Cpu requestsCpu, Memory requestsMemory, Cpu limitsCpu, Memory limitsMemory,
                             int persistentVolumeClaims, int services, int secrets, int configMaps) {

    /** The design's quota (11.1): 4 CPU / 8Gi requested, 8 CPU / 16Gi limits. */
    public static NamespaceQuota designDefault() {
        return new NamespaceQuota(Cpu.cores(4), Memory.gibibytes(8), Cpu.cores(8), Memory.gibibytes(16), 10, 10, 20, 20);
    }

    /** The same object counts with compute sums raised to at least the given ones, rounded up. */
    public NamespaceQuota atLeast(Cpu cpuRequests, Memory memoryRequests, Cpu cpuLimits, Memory memoryLimits) {
        return new NamespaceQuota(
                Cpu.max(requestsCpu, cpuRequests.roundUpToCores()),
                Memory.max(requestsMemory, memoryRequests.roundUpToGibibytes()),
                Cpu.max(limitsCpu, cpuLimits.roundUpToCores()),
                Memory.max(limitsMemory, memoryLimits.roundUpToGibibytes()),
                persistentVolumeClaims, services, secrets, configMaps);
    }

    /**
     * This quota raised, where needed, so every workload fits at its highest replica count plus the
     * pods a rolling update adds: a quota below that silently blocks the HPA and stalls deployments.
     */
    public NamespaceQuota fitting(List<WebServiceArgs> workloads) {
        Cpu cpuRequests = Cpu.millis(0);
        Memory memoryRequests = Memory.bytes(0);
        Cpu cpuLimits = Cpu.millis(0);
        Memory memoryLimits = Memory.bytes(0);
        for (WebServiceArgs w : workloads) {
            int pods = w.maxReplicas() + WebService.MAX_SURGE;
            cpuRequests = cpuRequests.plus(w.resources().cpuRequest().times(pods));
            memoryRequests = memoryRequests.plus(w.resources().memoryRequest().times(pods));
            cpuLimits = cpuLimits.plus(w.resources().cpuLimit().times(pods));
            memoryLimits = memoryLimits.plus(w.resources().memoryLimit().times(pods));
        }
        return atLeast(cpuRequests, memoryRequests, cpuLimits, memoryLimits);
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
