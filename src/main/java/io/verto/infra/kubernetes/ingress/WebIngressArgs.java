package io.verto.infra.kubernetes.ingress;

import com.pulumi.core.Output;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Arguments of {@link WebIngress}. Required: namespace, at least one host, clusterIssuer, partOf, at least one route. */
public final class WebIngressArgs {
    private final Output<String> namespace;
    private final String name;
    private final List<String> hosts;
    private final String ingressClassName;
    private final String clusterIssuer;
    private final String tlsSecretName;
    private final String maxBodySize;
    private final int requestsPerMinute;
    private final String partOf;
    private final List<IngressRoute> routes;
    private final boolean skipAwait;

    private WebIngressArgs(Builder b) {
        this.namespace = Objects.requireNonNull(b.namespace, "WebIngressArgs.namespace is required");
        this.hosts = List.copyOf(new java.util.LinkedHashSet<>(b.hosts));
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("WebIngressArgs needs at least one host");
        }
        this.name = b.name;
        this.ingressClassName = b.ingressClassName;
        this.clusterIssuer = Objects.requireNonNull(b.clusterIssuer, "WebIngressArgs.clusterIssuer is required");
        this.tlsSecretName = b.tlsSecretName;
        this.maxBodySize = b.maxBodySize;
        this.requestsPerMinute = b.requestsPerMinute;
        this.skipAwait = b.skipAwait;
        this.partOf = Objects.requireNonNull(b.partOf, "WebIngressArgs.partOf is required");
        // Longest prefix first, so /api is not shadowed by / in controllers that match in order.
        List<IngressRoute> sorted = new ArrayList<>(b.routes);
        sorted.sort((x, y) -> Integer.compare(y.path().length(), x.path().length()));
        this.routes = List.copyOf(sorted);
        if (routes.isEmpty()) {
            throw new IllegalArgumentException("WebIngressArgs needs at least one route");
        }
        if (requestsPerMinute < 1) {
            throw new IllegalArgumentException("WebIngressArgs.requestsPerMinute must be at least 1");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Output<String> namespace() { return namespace; }
    public String name() { return name; }
    /** The host names served, the first being the site's own (its URL). */
    public List<String> hosts() { return hosts; }
    public String ingressClassName() { return ingressClassName; }
    public String clusterIssuer() { return clusterIssuer; }
    public String tlsSecretName() { return tlsSecretName; }
    public String maxBodySize() { return maxBodySize; }
    public int requestsPerMinute() { return requestsPerMinute; }
    public String partOf() { return partOf; }
    public List<IngressRoute> routes() { return routes; }
    public boolean skipAwait() { return skipAwait; }

    public static final class Builder {
        private Output<String> namespace;
        private String name = "verto-ingress";
        private final List<String> hosts = new ArrayList<>();
        private String ingressClassName = "nginx";
        private String clusterIssuer;
        private String tlsSecretName = "verto-tls";
        private String maxBodySize = "50m";
        private int requestsPerMinute = 100;
        private String partOf;
        private final List<IngressRoute> routes = new ArrayList<>();
        private boolean skipAwait;

        /** Namespace of the Ingress. Required. */
        public Builder namespace(Output<String> namespace) { this.namespace = namespace; return this; }

        /** The Ingress object's name. Default {@code verto-ingress} (design 5.6). */
        public Builder name(String name) { this.name = name; return this; }

        /**
         * Adds a public host name: each gets the same routes, and the certificate covers every one (a CDN in front
         * forwards its viewers' Host, so each of its aliases must be served here). At least one; the first is the
         * site's URL.
         */
        public Builder host(String host) { this.hosts.add(Objects.requireNonNull(host, "host")); return this; }

        /** spec.ingressClassName. Default {@code nginx} (the annotation the design uses is deprecated). */
        public Builder ingressClassName(String className) { this.ingressClassName = className; return this; }

        /** cert-manager ClusterIssuer that signs the host's certificate. Required. */
        public Builder clusterIssuer(String issuer) { this.clusterIssuer = issuer; return this; }

        /** Secret cert-manager writes the certificate to. Default {@code verto-tls}. */
        public Builder tlsSecretName(String name) { this.tlsSecretName = name; return this; }

        /** Largest request body. Default {@code 50m} (design 5.6). */
        public Builder maxBodySize(String size) { this.maxBodySize = size; return this; }

        /** Requests per minute per client address. Default 100 (design 5.6: 100 per 1m window). */
        public Builder requestsPerMinute(int rpm) { this.requestsPerMinute = rpm; return this; }

        /** {@code app.kubernetes.io/part-of}: the application served. Required. */
        public Builder partOf(String partOf) { this.partOf = partOf; return this; }

        /** Adds a path route. At least one is required. */
        public Builder route(IngressRoute route) { routes.add(route); return this; }

        /**
         * Don't wait for the Ingress to get an address in {@code pulumi up} ({@code pulumi.com/skipAwait}).
         * Default false. Only for clusters without an ingress controller.
         */
        public Builder skipAwait(boolean skip) { this.skipAwait = skip; return this; }

        public WebIngressArgs build() {
            return new WebIngressArgs(this);
        }
    }
}
