package io.verto.infra.kubernetes.ingress;

import com.pulumi.core.Output;
import io.verto.infra.kubernetes.workload.WebService;

/**
 * One path of an ingress, routed by prefix to a Service.
 *
 * @param path        URL path prefix, e.g. {@code /api}
 * @param serviceName the target Service
 * @param servicePort the Service's port
 */
public record IngressRoute(String path, Output<String> serviceName, int servicePort) {
    public IngressRoute {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("an ingress path must start with '/': " + path);
        }
    }

    /** Routes a prefix to a {@link WebService}. */
    public static IngressRoute to(String path, WebService service) {
        return new IngressRoute(path, service.serviceName(), service.servicePort());
    }
}
