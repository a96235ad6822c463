package io.verto.infra.monitoring;

import com.pulumi.core.Output;
import io.verto.infra.types.HorizontalScaling;
import io.verto.infra.types.ImageRef;
import io.verto.infra.types.Port;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Arguments of {@link MysqlExporter}. Required: namespace, partOf, environment, host, user, password, databaseCidrs
 * (empty: any address).
 */
public final class MysqlExporterArgs {
    /**
     * The exporter's image: the release whose metric names scripts/backup-test proves (Debian ships the same, 0.14.0),
     * from the Prometheus project's own registry, pinned by the index digest other public projects pin it by.
     */
    public static final ImageRef IMAGE = ImageRef.pinned("quay.io/prometheus/mysqld-exporter", "v0.14.0",
            "sha256:eb6fe170738bf9181c51f5bc89f93adb26672ec49ffdcb22f55c24834003b45d");

    private final Output<String> namespace;
    private final String partOf;
    private final String environment;
    private final String host;
    private final Port port;
    private final String user;
    private final Output<String> password;
    private final List<String> databaseCidrs;
    private final String monitoringNamespace;
    private final int replicas;
    private final Optional<HorizontalScaling> autoscaling;
    private final Optional<String> imagePullSecret;
    private final boolean skipAwait;

    private MysqlExporterArgs(Builder b) {
        this.namespace = Objects.requireNonNull(b.namespace, "MysqlExporterArgs.namespace is required");
        this.partOf = Objects.requireNonNull(b.partOf, "MysqlExporterArgs.partOf is required");
        this.environment = Objects.requireNonNull(b.environment, "MysqlExporterArgs.environment is required");
        this.host = Objects.requireNonNull(b.host, "MysqlExporterArgs.host is required");
        this.port = b.port;
        this.user = Objects.requireNonNull(b.user, "MysqlExporterArgs.user is required");
        this.password = Objects.requireNonNull(b.password, "MysqlExporterArgs.password is required");
        this.databaseCidrs = List.copyOf(Objects.requireNonNull(b.databaseCidrs, "MysqlExporterArgs.databaseCidrs is required"));
        this.monitoringNamespace = b.monitoringNamespace;
        this.replicas = b.replicas;
        this.autoscaling = b.autoscaling;
        this.imagePullSecret = b.imagePullSecret;
        this.skipAwait = b.skipAwait;
        if (replicas < 1 || autoscaling.map(a -> a.minReplicas() > replicas || a.maxReplicas() < replicas).orElse(false)) {
            throw new IllegalArgumentException("MysqlExporterArgs: replicas " + replicas + " must be at least 1 and within the autoscaling range");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Output<String> namespace() { return namespace; }
    public String partOf() { return partOf; }
    public String environment() { return environment; }
    public String host() { return host; }
    public Port port() { return port; }
    public String user() { return user; }
    public Output<String> password() { return password; }
    public List<String> databaseCidrs() { return databaseCidrs; }
    public String monitoringNamespace() { return monitoringNamespace; }
    public int replicas() { return replicas; }
    public Optional<HorizontalScaling> autoscaling() { return autoscaling; }
    public Optional<String> imagePullSecret() { return imagePullSecret; }
    public boolean skipAwait() { return skipAwait; }

    public static final class Builder {
        private Output<String> namespace;
        private String partOf;
        private String environment;
        private String host;
        private Port port = Port.tcp(3306);
        private String user;
        private Output<String> password;
        private List<String> databaseCidrs;
        private String monitoringNamespace = "monitoring";
        private int replicas = 1;
        private Optional<HorizontalScaling> autoscaling = Optional.empty();
        private Optional<String> imagePullSecret = Optional.empty();
        private boolean skipAwait;

        /** The namespace it runs in (the application's: the alert matches its namespace). Required. */
        public Builder namespace(Output<String> namespace) { this.namespace = namespace; return this; }

        /** {@code app.kubernetes.io/part-of}. Required. */
        public Builder partOf(String partOf) { this.partOf = partOf; return this; }

        /** The environment label. Required. */
        public Builder environment(String environment) { this.environment = environment; return this; }

        /** MySQL's host. Required. */
        public Builder host(String host) { this.host = host; return this; }

        /** MySQL's port. Default 3306. */
        public Builder port(Port port) { this.port = port; return this; }

        /** The exporter's own MySQL user (PROCESS and REPLICATION CLIENT only). Required. */
        public Builder user(String user) { this.user = user; return this; }

        /** That user's password, a secret output: it reaches the pod only through a Secret. Required. */
        public Builder password(Output<String> password) { this.password = password; return this; }

        /** Every range MySQL can be in (each failover subnet); the only egress besides DNS. Required; empty: any address. */
        public Builder databaseCidrs(List<String> cidrs) { this.databaseCidrs = cidrs; return this; }

        /** Namespace of Prometheus, the only one that may reach the metrics port. Default {@code monitoring}. */
        public Builder monitoringNamespace(String namespace) { this.monitoringNamespace = namespace; return this; }

        /** Pods. Default 1; alerts aggregate over them, so more only add availability. */
        public Builder replicas(int replicas) { this.replicas = replicas; return this; }

        /** A HorizontalPodAutoscaler on CPU within this range. Default none. */
        public Builder autoscaling(Optional<HorizontalScaling> range) { this.autoscaling = range; return this; }

        /** Pull secret for the image, when a mirror needs one. Default none (public image). */
        public Builder imagePullSecret(Optional<String> secret) { this.imagePullSecret = secret; return this; }

        /** Don't wait for the rollout and the Service's endpoints ({@code pulumi.com/skipAwait}). Default false; only for API servers without nodes. */
        public Builder skipAwait(boolean skip) { this.skipAwait = skip; return this; }

        public MysqlExporterArgs build() {
            return new MysqlExporterArgs(this);
        }
    }
}
