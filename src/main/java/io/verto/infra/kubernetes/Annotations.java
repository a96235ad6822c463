package io.verto.infra.kubernetes;

import java.util.Map;

/** Annotations that change how Pulumi's Kubernetes provider treats an object. */
public final class Annotations {
    /**
     * With {@code "true"}, {@code pulumi up} does not wait for the object to become ready (a Deployment's
     * rollout, a Service's endpoints, an Ingress's address). Only for API servers without nodes.
     */
    public static final String SKIP_AWAIT = "pulumi.com/skipAwait";

    private Annotations() { }

    /** The skip-await annotation when {@code skip} is true, else nothing. */
    public static Map<String, String> skipAwait(boolean skip) {
        return skip ? Map.of(SKIP_AWAIT, "true") : Map.of();
    }
}
