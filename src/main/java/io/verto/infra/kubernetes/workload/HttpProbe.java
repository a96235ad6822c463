package io.verto.infra.kubernetes.workload;

import com.pulumi.kubernetes.core.v1.inputs.HTTPGetActionArgs;
import com.pulumi.kubernetes.core.v1.inputs.ProbeArgs;

/**
 * An HTTP GET probe against the container's port.
 *
 * @param path                where to probe, e.g. {@code /health}
 * @param initialDelaySeconds wait after start before the first probe
 * @param periodSeconds       how often to probe
 * @param timeoutSeconds      how long one probe may take; default 3 (Kubernetes' own default of 1 s flaps under load)
 * @param failureThreshold    failures in a row before acting; default 3
 */
public record HttpProbe(String path, int initialDelaySeconds, int periodSeconds, int timeoutSeconds, int failureThreshold) implements Probe {
    public HttpProbe {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("a probe path must start with '/': " + path);
        }
        if (initialDelaySeconds < 0 || periodSeconds < 1 || timeoutSeconds < 1 || failureThreshold < 1) {
            throw new IllegalArgumentException("probe timings must be positive: " + path);
        }
    }

    /** A probe with the default timeout (3 s) and failure threshold (3). */
    public static HttpProbe of(String path, int initialDelaySeconds, int periodSeconds) {
        return new HttpProbe(path, initialDelaySeconds, periodSeconds, 3, 3);
    }

    @Override
    public ProbeArgs toArgs(int port) {
        return ProbeArgs.builder()
                .httpGet(HTTPGetActionArgs.builder().path(path).port(port).build())
                .initialDelaySeconds(initialDelaySeconds)
                .periodSeconds(periodSeconds)
                .timeoutSeconds(timeoutSeconds)
                .failureThreshold(failureThreshold)
                .build();
    }
}
