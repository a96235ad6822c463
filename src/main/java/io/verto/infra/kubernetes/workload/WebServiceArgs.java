package io.verto.infra.kubernetes.workload;

import com.pulumi.core.Output;
import io.verto.infra.kubernetes.network.NetworkRule;
import io.verto.infra.types.Scaling;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Arguments of {@link WebService}. Required: namespace, name, component, partOf, environment, and a
 * container with a port and both probes.
 */
public final class WebServiceArgs {
    private final Output<String> namespace;
    private final String name;
    private final String component;
    private final String partOf;
    private final String environment;
    private final SecureContainer container;
    private final int servicePort;
    private final Scaling scaling;
    private final long runAsUser;
    private final Optional<String> imagePullSecret;
    private final boolean spreadAcrossZones;
    private final List<NetworkRule> ingress;
    private final List<NetworkRule> egress;
    private final int maxUnavailableDuringDisruption;
    private final boolean skipAwait;

    private WebServiceArgs(Builder b) {
        this.namespace = require(b.namespace, "namespace");
        this.name = require(b.name, "name");
        this.component = require(b.component, "component");
        this.partOf = require(b.partOf, "partOf");
        this.environment = require(b.environment, "environment");
        this.container = require(b.container, "container");
        if (container.port().isEmpty() || container.livenessProbe().isEmpty() || container.readinessProbe().isEmpty()) {
            throw new IllegalArgumentException("WebServiceArgs(" + name + ").container needs a port, a liveness and a readiness probe: "
                    + "the Service routes to the port, the probes restart it and keep it out of the Service while it is not ready");
        }
        this.servicePort = b.servicePort;
        this.scaling = require(b.scaling, "scaling");
        this.runAsUser = b.runAsUser;
        this.imagePullSecret = b.imagePullSecret;
        this.spreadAcrossZones = b.spreadAcrossZones;
        this.ingress = List.copyOf(b.ingress);
        this.egress = List.copyOf(b.egress);
        this.maxUnavailableDuringDisruption = b.maxUnavailableDuringDisruption;
        this.skipAwait = b.skipAwait;
        SecurePodSpec.checkRunAsUser(runAsUser);
    }

    private <T> T require(T value, String field) {
        return Objects.requireNonNull(value, () -> "WebServiceArgs." + field + " is required");
    }

    public static Builder builder() {
        return new Builder();
    }

    public Output<String> namespace() { return namespace; }
    public String name() { return name; }
    public String component() { return component; }
    public String partOf() { return partOf; }
    public String environment() { return environment; }
    public SecureContainer container() { return container; }
    public int servicePort() { return servicePort; }
    public Scaling scaling() { return scaling; }
    public long runAsUser() { return runAsUser; }
    public Optional<String> imagePullSecret() { return imagePullSecret; }
    public boolean spreadAcrossZones() { return spreadAcrossZones; }
    public List<NetworkRule> ingress() { return ingress; }
    public List<NetworkRule> egress() { return egress; }
    public int maxUnavailableDuringDisruption() { return maxUnavailableDuringDisruption; }
    public boolean skipAwait() { return skipAwait; }

    /** The Service's name, as the design names it: {@code <name>-service}. */
    public String serviceName() {
        return name + "-service";
    }

    public static final class Builder {
        private Output<String> namespace;
        private String name;
        private String component;
        private String partOf;
        private String environment;
        private SecureContainer container;
        private int servicePort = 80;
        private Scaling scaling = Scaling.fixed(1);
        private long runAsUser = 1001;
        private Optional<String> imagePullSecret = Optional.empty();
        private boolean spreadAcrossZones;
        private final List<NetworkRule> ingress = new ArrayList<>();
        private final List<NetworkRule> egress = new ArrayList<>();
        private int maxUnavailableDuringDisruption = 1;
        private boolean skipAwait;

        /** Namespace of every object. Required. */
        public Builder namespace(Output<String> namespace) { this.namespace = namespace; return this; }

        /** Deployment and label name, e.g. {@code verto-frontend}. Required. */
        public Builder name(String name) { this.name = name; return this; }

        /** {@code app.kubernetes.io/component}, e.g. {@code frontend}. Required. */
        public Builder component(String component) { this.component = component; return this; }

        /** {@code app.kubernetes.io/part-of}: the application the service belongs to. Required. */
        public Builder partOf(String partOf) { this.partOf = partOf; return this; }

        /** The {@code environment} label. Required. */
        public Builder environment(String environment) { this.environment = environment; return this; }

        /**
         * The service's one container (see {@link SecureContainer}, which holds its image, ports, resources,
         * probes and environment). It must serve a port and have a liveness and a readiness probe. Required.
         */
        public Builder container(SecureContainer container) { this.container = container; return this; }

        /** The ClusterIP Service's port. Default 80 (design 5.4). */
        public Builder servicePort(int servicePort) { this.servicePort = servicePort; return this; }

        /** Pod count, fixed or autoscaled; autoscaling adds a HorizontalPodAutoscaler. Default {@code Scaling.fixed(1)}. */
        public Builder scaling(Scaling scaling) { this.scaling = scaling; return this; }

        /** The uid the container runs as. Default 1001, the user the design's Dockerfiles create. */
        public Builder runAsUser(long uid) { this.runAsUser = uid; return this; }

        /** Name of the registry pull secret, when the images are private. Default none. */
        public Builder imagePullSecret(Optional<String> secret) { this.imagePullSecret = secret; return this; }

        /** Spread pods evenly across availability zones (required, not best effort). Default false. */
        public Builder spreadAcrossZones(boolean spread) { this.spreadAcrossZones = spread; return this; }

        /** Allows traffic in; everything else stays denied by the namespace's default-deny. Default none. */
        public Builder allowIngress(List<NetworkRule> rules) { ingress.addAll(rules); return this; }

        /** Allows traffic in; everything else stays denied by the namespace's default-deny. Default none. */
        public Builder allowIngress(NetworkRule... rules) { return allowIngress(List.of(rules)); }

        /** Allows traffic out; DNS to the cluster resolver is always allowed. Default DNS only. */
        public Builder allowEgress(List<NetworkRule> rules) { egress.addAll(rules); return this; }

        /** Allows traffic out; DNS to the cluster resolver is always allowed. Default DNS only. */
        public Builder allowEgress(NetworkRule... rules) { return allowEgress(List.of(rules)); }

        /** PodDisruptionBudget's maxUnavailable. Default 1: drains proceed one pod at a time, even with one replica. */
        public Builder maxUnavailableDuringDisruption(int pods) { this.maxUnavailableDuringDisruption = pods; return this; }

        /**
         * Don't wait for the rollout and the Service's endpoints in {@code pulumi up}
         * ({@code pulumi.com/skipAwait}). Default false: an up fails when pods never become ready. Only
         * for API servers without nodes.
         */
        public Builder skipAwait(boolean skip) { this.skipAwait = skip; return this; }

        public WebServiceArgs build() {
            return new WebServiceArgs(this);
        }
    }
}
