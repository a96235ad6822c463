package io.verto.infra.monitoring;

import com.pulumi.core.Output;
import io.verto.infra.types.Percent;
import io.verto.infra.types.Share;
import io.verto.infra.types.Seconds;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Arguments of {@link AlertRules}. Required: namespace (name and output), partOf, at least one job. Every
 * threshold defaults to design 6.2's.
 */
public final class AlertRulesArgs {
    private static final Pattern JOB = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private final Output<String> namespace;
    private final String namespaceName;
    private final String partOf;
    private final List<String> jobs;
    private final Share errorRate;
    private final Seconds latencyP95;
    private final Percent cpu;
    private final Percent memory;
    private final Percent diskFree;
    private final Percent mysqlConnections;
    private final String runbookBase;
    private final Optional<BackupAlerts> backup;
    private final java.util.Map<String, String> labels;

    private AlertRulesArgs(Builder b) {
        this.namespace = Objects.requireNonNull(b.namespace, "AlertRulesArgs.namespace is required");
        this.namespaceName = Objects.requireNonNull(b.namespaceName, "AlertRulesArgs.namespaceName is required");
        this.partOf = Objects.requireNonNull(b.partOf, "AlertRulesArgs.partOf is required");
        if (b.jobs.isEmpty()) {
            throw new IllegalArgumentException("AlertRulesArgs: at least one job is required");
        }
        b.jobs.forEach(job -> {
            if (!JOB.matcher(job).matches()) {
                throw new IllegalArgumentException("AlertRulesArgs: '" + job + "' is not a job name (lower-case letters, digits, '-')");
            }
        });
        this.jobs = List.copyOf(b.jobs);
        this.errorRate = Objects.requireNonNull(b.errorRate, "AlertRulesArgs.errorRate is required");
        this.latencyP95 = Objects.requireNonNull(b.latencyP95, "AlertRulesArgs.latencyP95 is required");
        this.cpu = Objects.requireNonNull(b.cpu, "AlertRulesArgs.cpu is required");
        this.memory = Objects.requireNonNull(b.memory, "AlertRulesArgs.memory is required");
        this.diskFree = Objects.requireNonNull(b.diskFree, "AlertRulesArgs.diskFree is required");
        this.mysqlConnections = Objects.requireNonNull(b.mysqlConnections, "AlertRulesArgs.mysqlConnections is required");
        this.runbookBase = b.runbookBase;
        this.backup = b.backup;
        this.labels = java.util.Map.copyOf(b.labels);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Output<String> namespace() { return namespace; }
    public String namespaceName() { return namespaceName; }
    public String partOf() { return partOf; }
    public List<String> jobs() { return jobs; }
    public Share errorRate() { return errorRate; }
    public Seconds latencyP95() { return latencyP95; }
    public Percent cpu() { return cpu; }
    public Percent memory() { return memory; }
    public Percent diskFree() { return diskFree; }
    public Percent mysqlConnections() { return mysqlConnections; }
    public String runbookBase() { return runbookBase; }
    public Optional<BackupAlerts> backup() { return backup; }
    public java.util.Map<String, String> labels() { return labels; }

    public static final class Builder {
        private Output<String> namespace;
        private String namespaceName;
        private String partOf;
        private final List<String> jobs = new ArrayList<>();
        private Share errorRate;
        private Seconds latencyP95;
        private Percent cpu;
        private Percent memory;
        private Percent diskFree;
        private Percent mysqlConnections;
        private String runbookBase = "README.md";
        private Optional<BackupAlerts> backup = Optional.empty();
        private java.util.Map<String, String> labels = java.util.Map.of();

        /** Namespace of the PrometheusRule, as the output that orders it after the namespace. Required. */
        public Builder namespace(Output<String> namespace) { this.namespace = namespace; return this; }

        /** The namespace the rules watch: every expression matches {@code namespace="<name>"}. Required. */
        public Builder namespaceName(String name) { this.namespaceName = name; return this; }

        /** {@code app.kubernetes.io/part-of}: prometheus-operator's ruleSelector can match it. Required. */
        public Builder partOf(String partOf) { this.partOf = partOf; return this; }

        /** Adds a job (a scraped service, e.g. {@code verto-backend}); its pods are named {@code <job>-...}. */
        public Builder job(String job) { this.jobs.add(job); return this; }

        /** VertoHighErrorRate's threshold: share of 5xx answers. Required (design 6.2: 5 %). */
        public Builder errorRate(Share share) { this.errorRate = share; return this; }

        /** VertoHighLatency's threshold: 95th percentile latency. Required (design 6.2: 1 second). */
        public Builder latencyP95(Seconds seconds) { this.latencyP95 = seconds; return this; }

        /** VertoHighCPUUsage's threshold: percent of the pod's CPU limit. Required (design 6.2: 80). */
        public Builder cpu(Percent percent) { this.cpu = percent; return this; }

        /** VertoHighMemoryUsage's threshold: percent of the pod's memory limit. Required (design 6.2: 85). */
        public Builder memory(Percent percent) { this.memory = percent; return this; }

        /** VertoDiskSpaceLow's threshold: percent of free space on a node's root filesystem. Required (design 6.2: 10). */
        public Builder diskFree(Percent percent) { this.diskFree = percent; return this; }

        /**
         * VertoDatabaseConnectionHigh's threshold: connected threads as a percent of the server's {@code max_connections}
         * (design 10.2 sets 200). Required (design 6.2's fixed 80 connections was below 5 pods times a pool of 20).
         */
        public Builder mysqlConnections(Percent percent) { this.mysqlConnections = percent; return this; }

        /**
         * Labels added to the PrometheusRule: what the cluster's Prometheus selects rules by (kube-prometheus-stack:
         * {@code release: <its Helm release>}). Default none: only {@code part-of} and {@code managed-by}.
         */
        public Builder labels(java.util.Map<String, String> labels) { this.labels = labels; return this; }

        /** Where the runbooks are; each alert links {@code <base>#<alert name in lower case>}. Default {@code README.md}. */
        public Builder runbookBase(String base) { this.runbookBase = base; return this; }

        /** The backups' alerts, for a stack with backups. Default none. */
        public Builder backup(Optional<BackupAlerts> alerts) { this.backup = alerts; return this; }

        public AlertRulesArgs build() {
            return new AlertRulesArgs(this);
        }
    }
}
