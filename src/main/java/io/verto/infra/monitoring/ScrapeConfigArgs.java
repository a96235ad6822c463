package io.verto.infra.monitoring;

import com.pulumi.core.Output;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Arguments of {@link ScrapeConfig}. Required: namespace (name and output), partOf, at least one target. */
public final class ScrapeConfigArgs {
    private final Output<String> namespace;
    private final String namespaceName;
    private final String partOf;
    private final String interval;
    private final List<ScrapeTarget> targets;
    private final List<RuleGroup> ruleGroups;

    private ScrapeConfigArgs(Builder b) {
        this.namespace = Objects.requireNonNull(b.namespace, "ScrapeConfigArgs.namespace is required");
        this.namespaceName = Objects.requireNonNull(b.namespaceName, "ScrapeConfigArgs.namespaceName is required");
        this.partOf = Objects.requireNonNull(b.partOf, "ScrapeConfigArgs.partOf is required");
        this.interval = b.interval;
        if (b.targets.isEmpty()) {
            throw new IllegalArgumentException("ScrapeConfigArgs: at least one target is required");
        }
        this.targets = List.copyOf(b.targets);
        this.ruleGroups = List.copyOf(b.ruleGroups);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Output<String> namespace() { return namespace; }
    public String namespaceName() { return namespaceName; }
    public String partOf() { return partOf; }
    public String interval() { return interval; }
    public List<ScrapeTarget> targets() { return targets; }
    public List<RuleGroup> ruleGroups() { return ruleGroups; }

    public static final class Builder {
        private Output<String> namespace;
        private String namespaceName;
        private String partOf;
        private String interval = "15s";
        private final List<ScrapeTarget> targets = new ArrayList<>();
        private final List<RuleGroup> ruleGroups = new ArrayList<>();

        /** Namespace of the ConfigMap (the services'), as the output that orders it after the namespace. Required. */
        public Builder namespace(Output<String> namespace) { this.namespace = namespace; return this; }

        /** The services' namespace name, the only one the scrape jobs discover. Required. */
        public Builder namespaceName(String name) { this.namespaceName = name; return this; }

        /** {@code app.kubernetes.io/part-of} of the ConfigMap. Required. */
        public Builder partOf(String partOf) { this.partOf = partOf; return this; }

        /** Scrape interval of each job. Default {@code 15s} (design 6.1). */
        public Builder interval(String interval) { this.interval = interval; return this; }

        /** Adds a service to scrape. */
        public Builder target(ScrapeTarget target) { this.targets.add(target); return this; }

        /** Rule groups written beside the scrape config as {@value ScrapeConfig#RULES_FILE}. Default none. */
        public Builder ruleGroups(List<RuleGroup> groups) { this.ruleGroups.addAll(groups); return this; }

        public ScrapeConfigArgs build() {
            return new ScrapeConfigArgs(this);
        }
    }
}
