package io.verto.infra.kubernetes.namespace;

import io.verto.infra.types.ContainerLimits;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Arguments of {@link SecureNamespace}. Required: name, environment, partOf. */
public final class SecureNamespaceArgs {
    private static final Set<String> POD_SECURITY_LEVELS = Set.of("restricted", "baseline", "privileged");

    private final String name;
    private final String environment;
    private final String partOf;
    private final String podSecurityLevel;
    private final NamespaceQuota quota;
    private final ContainerLimits containerLimits;
    private final boolean protect;
    private final Optional<String> acmeHttp01SolverFrom;

    private SecureNamespaceArgs(Builder b) {
        this.name = Objects.requireNonNull(b.name, "SecureNamespaceArgs.name is required");
        this.environment = Objects.requireNonNull(b.environment, "SecureNamespaceArgs.environment is required");
        this.partOf = Objects.requireNonNull(b.partOf, "SecureNamespaceArgs.partOf is required");
        this.podSecurityLevel = b.podSecurityLevel;
        this.quota = b.quota;
        this.containerLimits = b.containerLimits;
        this.protect = b.protect;
        this.acmeHttp01SolverFrom = b.acmeHttp01SolverFrom;
        if (!POD_SECURITY_LEVELS.contains(podSecurityLevel)) {
            throw new IllegalArgumentException("podSecurityLevel must be restricted, baseline or privileged: " + podSecurityLevel);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public String name() { return name; }
    public String environment() { return environment; }
    public String partOf() { return partOf; }
    public String podSecurityLevel() { return podSecurityLevel; }
    public NamespaceQuota quota() { return quota; }
    public ContainerLimits containerLimits() { return containerLimits; }
    public boolean protect() { return protect; }
    public Optional<String> acmeHttp01SolverFrom() { return acmeHttp01SolverFrom; }

    public static final class Builder {
        private String name;
        private String environment;
        private String partOf;
        private String podSecurityLevel = "restricted";
        private NamespaceQuota quota = NamespaceQuota.designDefault();
        private ContainerLimits containerLimits = ContainerLimits.designDefault();
        private boolean protect;
        private Optional<String> acmeHttp01SolverFrom = Optional.empty();

        /** The namespace name. Required. */
        public Builder name(String name) { this.name = name; return this; }

        /** The {@code environment} label value, e.g. {@code production}. Required. */
        public Builder environment(String environment) { this.environment = environment; return this; }

        /** The {@code app.kubernetes.io/part-of} label: the application the namespace holds. Required. */
        public Builder partOf(String partOf) { this.partOf = partOf; return this; }

        /**
         * The Pod Security Admission level enforced (replaces the design's PodSecurityPolicy, removed in
         * Kubernetes 1.25). Default {@code restricted}; anything weaker is a visible, explicit choice.
         */
        public Builder podSecurityLevel(String level) { this.podSecurityLevel = level; return this; }

        /** The ResourceQuota. Default {@link NamespaceQuota#designDefault()}. */
        public Builder quota(NamespaceQuota quota) { this.quota = quota; return this; }

        /** The LimitRange for containers. Default {@link ContainerLimits#designDefault()}. */
        public Builder containerLimits(ContainerLimits limits) { this.containerLimits = limits; return this; }

        /**
         * Protects the Namespace from deletion by Pulumi (deleting it deletes everything in it).
         * Default false.
         */
        public Builder protect(boolean protect) { this.protect = protect; return this; }

        /**
         * Lets cert-manager's HTTP-01 solver pods in this namespace be reached from the ingress
         * controller's namespace (port 8089, nothing else), so certificates can be issued through the
         * default-deny. Default: not allowed (DNS-01 or certificates issued elsewhere).
         */
        public Builder acmeHttp01SolverFrom(String ingressControllerNamespace) {
            this.acmeHttp01SolverFrom = Optional.of(ingressControllerNamespace);
            return this;
        }

        public SecureNamespaceArgs build() {
            return new SecureNamespaceArgs(this);
        }
    }
}
