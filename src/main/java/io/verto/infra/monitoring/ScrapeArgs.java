package io.verto.infra.monitoring;

import com.pulumi.core.Output;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to scrape: the services' namespace and the targets in it. The arguments of {@link ServiceMonitors},
 * and the scrape part of {@link ScrapeConfigArgs}: the two are renderings of the same plan, for clusters
 * with and without prometheus-operator. Required: namespace (name and output), partOf, at least one target.
 */
public final class ScrapeArgs {
    private final Output<String> namespace;
    private final String namespaceName;
    private final String partOf;
    private final String interval;
    private final List<ScrapeTarget> targets;
    private final Map<String, String> labels;

    private ScrapeArgs(Builder b) {
        this.namespace = Objects.requireNonNull(b.namespace, "ScrapeArgs.namespace is required");
        this.namespaceName = Objects.requireNonNull(b.namespaceName, "ScrapeArgs.namespaceName is required");
        this.partOf = Objects.requireNonNull(b.partOf, "ScrapeArgs.partOf is required");
        this.interval = b.interval;
        if (b.targets.isEmpty()) {
            throw new IllegalArgumentException("ScrapeArgs: at least one target is required");
        }
        this.targets = List.copyOf(b.targets);
        this.labels = Map.copyOf(b.labels);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Output<String> namespace() { return namespace; }
    public String namespaceName() { return namespaceName; }
    public String partOf() { return partOf; }
    public String interval() { return interval; }
    public List<ScrapeTarget> targets() { return targets; }
    public Map<String, String> labels() { return labels; }

    public static final class Builder {
        private Output<String> namespace;
        private String namespaceName;
        private String partOf;
        private String interval = "15s";
        private final List<ScrapeTarget> targets = new ArrayList<>();
        private Map<String, String> labels = Map.of();

        /** The services' namespace, as the output that orders the scrape objects after it. Required. */
        public Builder namespace(Output<String> namespace) { this.namespace = namespace; return this; }

        /** The services' namespace name: the only one the scrape objects select. Required. */
        public Builder namespaceName(String name) { this.namespaceName = name; return this; }

        /** {@code app.kubernetes.io/part-of} of the scrape objects (a serviceMonitorSelector can match it). Required. */
        public Builder partOf(String partOf) { this.partOf = partOf; return this; }

        /** Scrape interval. Default {@code 15s} (design 6.1). */
        public Builder interval(String interval) { this.interval = interval; return this; }

        /**
         * Labels added to the ServiceMonitors: what the cluster's Prometheus selects them by (kube-prometheus-stack:
         * {@code release: <its Helm release>}). Default none: only {@code part-of} and {@code managed-by}.
         */
        public Builder labels(Map<String, String> labels) { this.labels = labels; return this; }

        /** Adds a service to scrape. */
        public Builder target(ScrapeTarget target) { this.targets.add(target); return this; }

        public ScrapeArgs build() {
            return new ScrapeArgs(this);
        }
    }
}
