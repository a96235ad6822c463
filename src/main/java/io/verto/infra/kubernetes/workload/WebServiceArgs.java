package io.verto.infra.kubernetes.workload;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarArgs;
import io.verto.infra.kubernetes.network.NetworkRule;
import io.verto.infra.types.ImageRef;
import io.verto.infra.types.Port;
import io.verto.infra.types.Resources;
import io.verto.infra.types.Scaling;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Arguments of {@link WebService}. Required: namespace, name, component, partOf, environment, image,
 * port, resources, both probes.
 */
public final class WebServiceArgs {
    private final Output<String> namespace;
    private final String name;
    private final String component;
    private final String partOf;
    private final String environment;
    private final ImageRef image;
    private final Port port;
    private final Optional<Port> metricsPort;
    private final int servicePort;
    private final Scaling scaling;
    private final Resources resources;
    private final Probe livenessProbe;
    private final Probe readinessProbe;
    private final List<EnvVarArgs> env;
    private final List<String> envFromConfigMaps;
    private final List<String> writablePaths;
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
        this.image = require(b.image, "image");
        this.port = require(b.port, "port");
        this.metricsPort = b.metricsPort;
        this.servicePort = b.servicePort;
        this.scaling = require(b.scaling, "scaling");
        this.resources = require(b.resources, "resources");
        this.livenessProbe = require(b.livenessProbe, "livenessProbe");
        this.readinessProbe = require(b.readinessProbe, "readinessProbe");
        this.env = List.copyOf(b.env);
        this.envFromConfigMaps = List.copyOf(b.envFromConfigMaps);
        this.writablePaths = List.copyOf(b.writablePaths);
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
    public ImageRef image() { return image; }
    public Port port() { return port; }
    public Optional<Port> metricsPort() { return metricsPort; }
    public int servicePort() { return servicePort; }
    public Scaling scaling() { return scaling; }
    public Resources resources() { return resources; }
    public Probe livenessProbe() { return livenessProbe; }
    public Probe readinessProbe() { return readinessProbe; }
    public List<EnvVarArgs> env() { return env; }
    public List<String> envFromConfigMaps() { return envFromConfigMaps; }
    public List<String> writablePaths() { return writablePaths; }
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

    /** The service's one container, restricted (see {@link SecureContainer}). */
    public SecureContainer container() {
        return SecureContainer.builder()
                .name(component)
                .image(image)
                .port(port)
                .metricsPort(metricsPort.orElse(null))
                .resources(resources)
                .livenessProbe(livenessProbe)
                .readinessProbe(readinessProbe)
                .env(env)
                .envFromConfigMaps(envFromConfigMaps)
                .writablePaths(writablePaths)
                .build();
    }

    public static final class Builder {
        private Output<String> namespace;
        private String name;
        private String component;
        private String partOf;
        private String environment;
        private ImageRef image;
        private Port port;
        private Optional<Port> metricsPort = Optional.empty();
        private int servicePort = 80;
        private Scaling scaling = Scaling.fixed(1);
        private Resources resources;
        private Probe livenessProbe;
        private Probe readinessProbe;
        private final List<EnvVarArgs> env = new ArrayList<>();
        private final List<String> envFromConfigMaps = new ArrayList<>();
        private List<String> writablePaths = List.of("/tmp");
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

        /** {@code app.kubernetes.io/component}, e.g. {@code frontend}; also the container's name. Required. */
        public Builder component(String component) { this.component = component; return this; }

        /** {@code app.kubernetes.io/part-of}: the application the service belongs to. Required. */
        public Builder partOf(String partOf) { this.partOf = partOf; return this; }

        /** The {@code environment} label. Required. */
        public Builder environment(String environment) { this.environment = environment; return this; }

        /** The pinned image. Required. */
        public Builder image(ImageRef image) { this.image = image; return this; }

        /** The container's HTTP port; probes and the Service target it. Required. */
        public Builder port(Port port) { this.port = port; return this; }

        /** The container's metrics port, named {@code metrics} on the container and the Service. Default none. */
        public Builder metricsPort(Optional<Port> port) { this.metricsPort = port; return this; }

        /** The ClusterIP Service's port. Default 80 (design 5.4). */
        public Builder servicePort(int servicePort) { this.servicePort = servicePort; return this; }

        /** Pod count, fixed or autoscaled; autoscaling adds a HorizontalPodAutoscaler. Default {@code Scaling.fixed(1)}. */
        public Builder scaling(Scaling scaling) { this.scaling = scaling; return this; }

        /** Requests and limits of the container. Required: there is no unbounded default. */
        public Builder resources(Resources resources) { this.resources = resources; return this; }

        /** Restarts the container when it fails. Required. */
        public Builder livenessProbe(Probe probe) { this.livenessProbe = probe; return this; }

        /** Takes the pod out of the Service while it fails. Required. */
        public Builder readinessProbe(Probe probe) { this.readinessProbe = probe; return this; }

        /** Adds environment variables (see {@link EnvVars}). Default none. */
        public Builder env(List<EnvVarArgs> vars) { env.addAll(vars); return this; }

        /** Adds environment variables (see {@link EnvVars}). Default none. */
        public Builder env(EnvVarArgs... vars) { return env(List.of(vars)); }

        /** Imports every key of these ConfigMaps as variables. Default none. */
        public Builder envFromConfigMaps(String... names) { envFromConfigMaps.addAll(List.of(names)); return this; }

        /** Paths that get a writable emptyDir, since the root filesystem is read-only. Default {@code /tmp}. */
        public Builder writablePaths(String... paths) { this.writablePaths = List.of(paths); return this; }

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
