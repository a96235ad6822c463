package io.verto.infra.kubernetes.workload;

import com.pulumi.kubernetes.core.v1.inputs.CapabilitiesArgs;
import com.pulumi.kubernetes.core.v1.inputs.ConfigMapEnvSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerPortArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvFromSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarArgs;
import com.pulumi.kubernetes.core.v1.inputs.ResourceRequirementsArgs;
import com.pulumi.kubernetes.core.v1.inputs.SeccompProfileArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecurityContextArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeMountArgs;
import io.verto.infra.types.ImageRef;
import io.verto.infra.types.Port;
import io.verto.infra.types.Resources;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One container of a {@link SecurePodSpec}, restricted with nothing to switch on: non-root, no privilege
 * escalation, not privileged, all capabilities dropped, read-only root filesystem, seccomp
 * RuntimeDefault, pinned image, requests and limits. Long-running containers add probes; a Job's
 * container has none. Required: name, image, resources.
 */
public final class SecureContainer {
    /** The container port's name; Services and probes refer to it. */
    public static final String PORT_NAME = "http";
    /** The metrics port's name (the design's scrape config keeps endpoints whose port is named so, 6.1). */
    public static final String METRICS_PORT_NAME = "metrics";

    private final String name;
    private final ImageRef image;
    private final Resources resources;
    private final Optional<Port> port;
    private final Optional<Port> metricsPort;
    private final Optional<Probe> livenessProbe;
    private final Optional<Probe> readinessProbe;
    private final List<EnvVarArgs> env;
    private final List<String> envFromConfigMaps;
    private final List<String> writablePaths;
    private final List<String> command;

    private SecureContainer(Builder b) {
        this.name = Objects.requireNonNull(b.name, "SecureContainer.name is required");
        this.image = Objects.requireNonNull(b.image, "SecureContainer.image is required");
        this.resources = Objects.requireNonNull(b.resources, () -> "SecureContainer(" + name + ").resources is required: there is no unbounded default");
        this.port = Optional.ofNullable(b.port);
        this.metricsPort = Optional.ofNullable(b.metricsPort);
        this.livenessProbe = Optional.ofNullable(b.livenessProbe);
        this.readinessProbe = Optional.ofNullable(b.readinessProbe);
        this.env = List.copyOf(b.env);
        this.envFromConfigMaps = List.copyOf(b.envFromConfigMaps);
        this.writablePaths = List.copyOf(b.writablePaths);
        this.command = List.copyOf(b.command);
        if ((livenessProbe.isPresent() || readinessProbe.isPresent()) && port.isEmpty()) {
            throw new IllegalArgumentException("SecureContainer(" + name + "): probes need a port");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public String name() { return name; }
    public ImageRef image() { return image; }
    public Resources resources() { return resources; }
    public Optional<Port> port() { return port; }
    public Optional<Port> metricsPort() { return metricsPort; }
    public Optional<Probe> livenessProbe() { return livenessProbe; }
    public Optional<Probe> readinessProbe() { return readinessProbe; }
    public List<String> writablePaths() { return writablePaths; }

    /** The container, mounting {@code mounts} (the pod spec names the writable volumes). */
    ContainerArgs toArgs(long runAsUser, List<VolumeMountArgs> mounts) {
        var container = ContainerArgs.builder()
                .name(name)
                .image(image.toString())
                .imagePullPolicy("IfNotPresent");
        if (!command.isEmpty()) {
            container.command(command);
        }
        List<ContainerPortArgs> ports = new ArrayList<>();
        port.ifPresent(p -> ports.add(ContainerPortArgs.builder().name(PORT_NAME).containerPort(p.number())
                .protocol(p.protocol().name()).build()));
        metricsPort.ifPresent(p -> ports.add(ContainerPortArgs.builder().name(METRICS_PORT_NAME).containerPort(p.number())
                .protocol(p.protocol().name()).build()));
        if (!ports.isEmpty()) {
            container.ports(ports);
        }
        container.env(env)
                .envFrom(envFromConfigMaps.stream()
                        .map(cm -> EnvFromSourceArgs.builder().configMapRef(ConfigMapEnvSourceArgs.builder().name(cm).build()).build())
                        .toList())
                .resources(ResourceRequirementsArgs.builder()
                        .requests(resources.requestMap())
                        .limits(resources.limitMap())
                        .build());
        livenessProbe.ifPresent(probe -> container.livenessProbe(probe.toArgs(port.orElseThrow().number())));
        readinessProbe.ifPresent(probe -> container.readinessProbe(probe.toArgs(port.orElseThrow().number())));
        return container
                .securityContext(SecurityContextArgs.builder()
                        .runAsNonRoot(true)
                        .runAsUser((int) runAsUser)
                        .allowPrivilegeEscalation(false)
                        .privileged(false)
                        .readOnlyRootFilesystem(true)
                        .capabilities(CapabilitiesArgs.builder().drop("ALL").build())
                        .seccompProfile(SeccompProfileArgs.builder().type("RuntimeDefault").build())
                        .build())
                .volumeMounts(mounts)
                .build();
    }

    public static final class Builder {
        private String name;
        private ImageRef image;
        private Resources resources;
        private Port port;
        private Port metricsPort;
        private Probe livenessProbe;
        private Probe readinessProbe;
        private final List<EnvVarArgs> env = new ArrayList<>();
        private final List<String> envFromConfigMaps = new ArrayList<>();
        private List<String> writablePaths = List.of("/tmp");
        private List<String> command = List.of();

        /** The container's name. Required. */
        public Builder name(String name) { this.name = name; return this; }

        /** The pinned image. Required. */
        public Builder image(ImageRef image) { this.image = image; return this; }

        /** Requests and limits. Required: there is no unbounded default. */
        public Builder resources(Resources resources) { this.resources = resources; return this; }

        /** The port it serves on, named {@value #PORT_NAME}. Default none (a batch container). */
        public Builder port(Port port) { this.port = port; return this; }

        /** A second port, named {@value #METRICS_PORT_NAME}, where Prometheus reads the metrics. Default none. */
        public Builder metricsPort(Port port) { this.metricsPort = port; return this; }

        /** Restarts the container when it fails. Default none; services must set one. */
        public Builder livenessProbe(Probe probe) { this.livenessProbe = probe; return this; }

        /** Takes the pod out of its Service while it fails. Default none; services must set one. */
        public Builder readinessProbe(Probe probe) { this.readinessProbe = probe; return this; }

        /** Adds environment variables (see {@link EnvVars}). Default none. */
        public Builder env(List<EnvVarArgs> vars) { env.addAll(vars); return this; }

        /** Imports every key of these ConfigMaps as variables. Default none. */
        public Builder envFromConfigMaps(List<String> names) { envFromConfigMaps.addAll(names); return this; }

        /** Paths that get a writable emptyDir, since the root filesystem is read-only. Default {@code /tmp}. */
        public Builder writablePaths(List<String> paths) { this.writablePaths = List.copyOf(paths); return this; }

        /** The command, replacing the image's entrypoint. Default the image's. */
        public Builder command(List<String> command) { this.command = List.copyOf(command); return this; }

        public SecureContainer build() {
            return new SecureContainer(this);
        }
    }
}
