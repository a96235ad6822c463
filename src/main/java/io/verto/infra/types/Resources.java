package io.verto.infra.types;

import java.util.Map;

/**
 * Requests and limits of one container. Building it checks that no request exceeds its limit,
 * the mistake that otherwise surfaces only as a rejected Deployment.
 *
 * @param cpuRequest    CPU the scheduler reserves
 * @param memoryRequest memory the scheduler reserves
 * @param cpuLimit      CPU the container is throttled at
 * @param memoryLimit   memory the container is killed at
 */
public record Resources(Cpu cpuRequest, Memory memoryRequest, Cpu cpuLimit, Memory memoryLimit) {
    public Resources {
        if (cpuRequest == null || memoryRequest == null || cpuLimit == null || memoryLimit == null) {
            throw new IllegalArgumentException("requests and limits for both cpu and memory are required");
        }
        if (cpuRequest.compareTo(cpuLimit) > 0) {
            throw new IllegalArgumentException("cpu request " + cpuRequest + " is above its limit " + cpuLimit);
        }
        if (memoryRequest.compareTo(memoryLimit) > 0) {
            throw new IllegalArgumentException("memory request " + memoryRequest + " is above its limit " + memoryLimit);
        }
    }

    /** Requests at half the limits: the ratio the design uses for both services (5.4, 5.5). */
    public static Resources halfRequested(Cpu cpuLimit, Memory memoryLimit) {
        return new Resources(Cpu.millis(cpuLimit.millis() / 2), Memory.bytes(memoryLimit.bytes() / 2), cpuLimit, memoryLimit);
    }

    public Map<String, String> requestMap() {
        return Map.of("cpu", cpuRequest.toString(), "memory", memoryRequest.toString());
    }

    public Map<String, String> limitMap() {
        return Map.of("cpu", cpuLimit.toString(), "memory", memoryLimit.toString());
    }
}
