package io.verto.infra.platform;

import com.pulumi.kubernetes.core.v1.inputs.EnvVarArgs;
import io.verto.infra.config.ServiceSize;
import io.verto.infra.kubernetes.workload.Probe;
import io.verto.infra.types.Cpu;
import io.verto.infra.types.Memory;
import io.verto.infra.types.Percent;
import io.verto.infra.types.Port;
import io.verto.infra.types.ResourceBounds;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One service of a {@link ServiceCatalogue}: everything that is true of it whatever the stack. Its
 * container (image, port, probes, environment, writable paths), its size, its VPA bounds, the ingress
 * paths it serves, its metrics, and who it reaches and is reached by. The stack adds the rest (image tag,
 * replicas, any size override, addresses) in {@link StackPlan}. Required: name, port, probes, size.
 */
public final class ServiceEntry {
    private static final Pattern NAME = Pattern.compile("[a-z]([-a-z0-9]{0,38}[a-z0-9])?");

    /**
     * Where a service serves Prometheus metrics, and what it exposes there.
     *
     * @param port  the metrics port, named {@code metrics} in the pod
     * @param path  the metrics path, e.g. {@code /metrics}
     * @param names the metric names the alert rules and dashboards may read
     */
    public record Metrics(Port port, String path, List<String> names) {
        public Metrics {
            Objects.requireNonNull(port, "port");
            if (path == null || !path.startsWith("/")) {
                throw new IllegalArgumentException("a metrics path must start with '/': " + path);
            }
            names = List.copyOf(names);
        }
    }

    private final String name;
    private final String image;
    private final Port port;
    private final Optional<Metrics> metrics;
    private final Probe liveness;
    private final Probe readiness;
    private final List<EnvVarArgs> env;
    private final List<String> envFromConfigMaps;
    private final Optional<List<String>> writablePaths;
    private final Optional<Percent> nodeHeap;
    private final ServiceSize size;
    private final Optional<ResourceBounds> vpa;
    private final List<String> paths;
    private final List<Reach> reaches;
    private final List<String> reachableFrom;

    private ServiceEntry(Builder b) {
        this.name = b.name;
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("service name '" + name + "' must be a lower-case DNS label of at most 40 characters");
        }
        this.image = b.image == null ? name : b.image;
        this.port = Objects.requireNonNull(b.port, () -> "service " + name + ": port is required");
        this.liveness = Objects.requireNonNull(b.liveness, () -> "service " + name + ": probes are required");
        this.readiness = Objects.requireNonNull(b.readiness, () -> "service " + name + ": probes are required");
        this.size = Objects.requireNonNull(b.size, () -> "service " + name + ": size is required");
        this.metrics = Optional.ofNullable(b.metrics);
        this.env = List.copyOf(b.env);
        this.envFromConfigMaps = List.copyOf(b.envFromConfigMaps);
        this.writablePaths = Optional.ofNullable(b.writablePaths);
        this.nodeHeap = Optional.ofNullable(b.nodeHeap);
        this.vpa = Optional.ofNullable(b.vpa);
        this.paths = List.copyOf(b.paths);
        this.reaches = List.copyOf(b.reaches);
        this.reachableFrom = List.copyOf(b.reachableFrom);
        paths.forEach(p -> {
            if (!p.startsWith("/")) {
                throw new IllegalArgumentException("service " + name + ": an ingress path must start with '/': " + p);
            }
        });
    }

    public static Builder builder(String name) {
        return new Builder(Objects.requireNonNull(name, "name"));
    }

    /** The service's name: its container's and its {@code app.kubernetes.io/component} label's. */
    public String name() { return name; }
    /** The image's repository under the stack's {@code imageRegistry}. */
    public String image() { return image; }
    public Port port() { return port; }
    public Optional<Metrics> metrics() { return metrics; }
    public Probe liveness() { return liveness; }
    public Probe readiness() { return readiness; }
    public List<EnvVarArgs> env() { return env; }
    public List<String> envFromConfigMaps() { return envFromConfigMaps; }
    public Optional<List<String>> writablePaths() { return writablePaths; }
    public Optional<Percent> nodeHeap() { return nodeHeap; }
    public ServiceSize size() { return size; }
    public Optional<ResourceBounds> vpa() { return vpa; }
    public List<String> paths() { return paths; }
    public List<Reach> reaches() { return reaches; }
    public List<String> reachableFrom() { return reachableFrom; }

    public static final class Builder {
        private final String name;
        private String image;
        private Port port;
        private Metrics metrics;
        private Probe liveness;
        private Probe readiness;
        private final List<EnvVarArgs> env = new ArrayList<>();
        private final List<String> envFromConfigMaps = new ArrayList<>();
        private List<String> writablePaths;
        private Percent nodeHeap;
        private ServiceSize size;
        private ResourceBounds vpa;
        private final List<String> paths = new ArrayList<>();
        private final List<Reach> reaches = new ArrayList<>();
        private final List<String> reachableFrom = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        /** The image's repository under the stack's {@code imageRegistry}. Default the service's name. */
        public Builder image(String repository) { this.image = repository; return this; }

        /** The port the container serves HTTP on (its Service's target). Required. */
        public Builder port(Port port) { this.port = port; return this; }

        /** Liveness (restarts the container) and readiness (takes the pod out of its Service). Required. */
        public Builder probes(Probe liveness, Probe readiness) { this.liveness = liveness; this.readiness = readiness; return this; }

        /** Where Prometheus reads its metrics. Default none: not scraped, no metrics port. */
        public Builder metrics(Port port, String path, List<String> names) { this.metrics = new Metrics(port, path, names); return this; }

        /** Adds environment variables (see {@code EnvVars}); never secret values. Default none. */
        public Builder env(EnvVarArgs... vars) { env.addAll(List.of(vars)); return this; }

        /** Imports every key of these ConfigMaps as variables. Default none. */
        public Builder envFromConfigMaps(String... names) { envFromConfigMaps.addAll(List.of(names)); return this; }

        /** Paths that get a writable emptyDir (the root filesystem is read-only). Default {@code SecureContainer}'s: {@code /tmp}. */
        public Builder writablePaths(String... paths) { this.writablePaths = List.of(paths); return this; }

        /** Caps a Node.js heap ({@code NODE_OPTIONS}) at this share of the container's memory limit. Default none. */
        public Builder nodeHeap(Percent share) { this.nodeHeap = share; return this; }

        /** The container's limits in every stack (requests half of them), and where they come from. Required. */
        public Builder size(Cpu cpu, Memory memory, String source) { this.size = new ServiceSize(name, cpu, memory, source); return this; }

        /** The range its VerticalPodAutoscaler recommends within. Default none: no VPA for this service. */
        public Builder vpa(ResourceBounds bounds) { this.vpa = bounds; return this; }

        /** Ingress path prefixes routed to it; the ingress controller may then reach its port. Default none. */
        public Builder path(String... prefixes) { paths.addAll(List.of(prefixes)); return this; }

        /** What it connects to (DNS is always allowed); a service it reaches lets it in on its port. Default none. */
        public Builder reaches(Reach... targets) { reaches.addAll(List.of(targets)); return this; }

        /** Services that connect to it, on its port (the same as their {@code reaches} this one). Default none. */
        public Builder reachableFrom(String... services) { reachableFrom.addAll(List.of(services)); return this; }

        public ServiceEntry build() {
            return new ServiceEntry(this);
        }
    }
}
