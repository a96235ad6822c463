package io.verto.infra.kubernetes.workload;

import com.pulumi.kubernetes.core.v1.inputs.ProbeArgs;
import com.pulumi.kubernetes.core.v1.inputs.TCPSocketActionArgs;

/**
 * A TCP connect to the container's port: alive as long as the process accepts connections. The right
 * liveness probe when the only HTTP health endpoint also checks dependencies (a database blip must take
 * pods out of rotation, not restart them all).
 *
 * @param initialDelaySeconds wait after start before the first probe
 * @param periodSeconds       how often to probe
 * @param timeoutSeconds      how long one probe may take
 * @param failureThreshold    failures in a row before acting
 */
public record TcpProbe(int initialDelaySeconds, int periodSeconds, int timeoutSeconds, int failureThreshold) implements Probe {
    public TcpProbe {
        if (initialDelaySeconds < 0 || periodSeconds < 1 || timeoutSeconds < 1 || failureThreshold < 1) {
            throw new IllegalArgumentException("probe timings must be positive");
        }
    }

    /** A probe with the default timeout (3 s) and failure threshold (3), as {@link HttpProbe#of}. */
    public static TcpProbe of(int initialDelaySeconds, int periodSeconds) {
        return new TcpProbe(initialDelaySeconds, periodSeconds, 3, 3);
    }

    @Override
    public ProbeArgs toArgs(int port) {
        return ProbeArgs.builder()
                .tcpSocket(TCPSocketActionArgs.builder().port(port).build())
                .initialDelaySeconds(initialDelaySeconds)
                .periodSeconds(periodSeconds)
                .timeoutSeconds(timeoutSeconds)
                .failureThreshold(failureThreshold)
                .build();
    }
}
