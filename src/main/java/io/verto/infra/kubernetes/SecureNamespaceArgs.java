package io.verto.infra.kubernetes;

import io.verto.infra.types.Cpu;
import io.verto.infra.types.Memory;
import io.verto.infra.types.Resources;

import java.util.Map;
import java.util.Objects;

/** Arguments of {@link SecureNamespace}. */
public final class SecureNamespaceArgs {
    private final String name;
    private final String environment;
    private final String partOf;
    private final String podSecurityLevel;
    private final NamespaceQuota quota;
    private final Resources containerDefaults;
    private final Cpu containerMinCpu;
    private final Memory containerMinMemory;
    private final Cpu containerMaxCpu;
    private final Memory containerMaxMemory;
    private final boolean protect;

    private SecureNamespaceArgs(Builder b) {
        this.name = Objects.requireNonNull(b.name, "SecureNamespaceArgs.name is required");
        this.environment = Objects.requireNonNull(b.environment, "SecureNamespaceArgs.environment is required");
        this.partOf = b.partOf;
        this.podSecurityLevel = b.podSecurityLevel;
        this.quota = b.quota;
        this.containerDefaults = b.containerDefaults;
        this.containerMinCpu = b.containerMinCpu;
        this.containerMinMemory = b.containerMinMemory;
        this.containerMaxCpu = b.containerMaxCpu;
        this.containerMaxMemory = b.containerMaxMemory;
        this.protect = b.protect;
        if (!Map.of("restricted", 1, "baseline", 1, "privileged", 1).containsKey(podSecurityLevel)) {
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
    public Resources containerDefaults() { return containerDefaults; }
    public Cpu containerMinCpu() { return containerMinCpu; }
    public Memory containerMinMemory() { return containerMinMemory; }
    public Cpu containerMaxCpu() { return containerMaxCpu; }
    public Memory containerMaxMemory() { return containerMaxMemory; }
    public boolean protect() { return protect; }

    public static final class Builder {
        private String name;
        private String environment;
        private String partOf = "verto";
        private String podSecurityLevel = "restricted";
        private NamespaceQuota quota = NamespaceQuota.designDefault();
        private Resources containerDefaults = new Resources(Cpu.millis(100), Memory.mebibytes(256), Cpu.millis(500), Memory.gibibytes(1));
        private Cpu containerMinCpu = Cpu.millis(50);
        private Memory containerMinMemory = Memory.mebibytes(128);
        private Cpu containerMaxCpu = Cpu.cores(2);
        private Memory containerMaxMemory = Memory.gibibytes(4);
        private boolean protect;

        /** The namespace name. Required. */
        public Builder name(String name) { this.name = name; return this; }

        /** The {@code environment} label value, e.g. {@code production}. Required. */
        public Builder environment(String environment) { this.environment = environment; return this; }

        /** The {@code app.kubernetes.io/part-of} label. Default {@code verto}. */
        public Builder partOf(String partOf) { this.partOf = partOf; return this; }

        /**
         * The Pod Security Admission level enforced (replaces the design's PodSecurityPolicy, removed in
         * Kubernetes 1.25). Default {@code restricted}; anything weaker is a visible, explicit choice.
         */
        public Builder podSecurityLevel(String level) { this.podSecurityLevel = level; return this; }

        /** The ResourceQuota. Default {@link NamespaceQuota#designDefault()} (design 11.1). */
        public Builder quota(NamespaceQuota quota) { this.quota = quota; return this; }

        /**
         * LimitRange defaults for containers that set no resources of their own.
         * Default requests 100m / 256Mi, limits 500m / 1Gi (design 11.1).
         */
        public Builder containerDefaults(Resources defaults) { this.containerDefaults = defaults; return this; }

        /** LimitRange minimum per container. Default 50m / 128Mi (design 11.1). */
        public Builder containerMin(Cpu cpu, Memory memory) { this.containerMinCpu = cpu; this.containerMinMemory = memory; return this; }

        /** LimitRange maximum per container. Default 2 CPU / 4Gi (design 11.1). */
        public Builder containerMax(Cpu cpu, Memory memory) { this.containerMaxCpu = cpu; this.containerMaxMemory = memory; return this; }

        /**
         * Protects the Namespace from deletion by Pulumi (deleting it deletes everything in it).
         * Default false; the Verto platform sets it in production.
         */
        public Builder protect(boolean protect) { this.protect = protect; return this; }

        public SecureNamespaceArgs build() {
            return new SecureNamespaceArgs(this);
        }
    }
}
