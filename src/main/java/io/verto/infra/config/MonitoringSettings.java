package io.verto.infra.config;

import io.verto.infra.types.Percent;
import io.verto.infra.types.Scaling;
import io.verto.infra.types.Seconds;
import io.verto.infra.types.VpaUpdateMode;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How the stack is watched and right-sized (design 6, 11.2): how Prometheus finds the services, where
 * it runs, what the VerticalPodAutoscalers may do, and the alert thresholds.
 *
 * @param scrape    how Prometheus is told about the services
 * @param namespace the namespace Prometheus (and Grafana) run in: the only one allowed to scrape
 * @param vpa       what the VerticalPodAutoscalers may do with their recommendations; empty: no VPA
 * @param alerts    the alert rules' thresholds
 * @param labels    labels added to the ServiceMonitors and the PrometheusRule, for the cluster's Prometheus to select them
 * @param dashboard where the dashboard ConfigMap goes and how Grafana's sidecar finds it
 * @param mysqlExporter the mysqld-exporter the stack runs for MySQL's metrics, when it runs one
 */
public record MonitoringSettings(Scrape scrape, String namespace, Optional<VpaUpdateMode> vpa, AlertThresholds alerts,
                                 Map<String, String> labels, Dashboard dashboard, Optional<MysqlExporter> mysqlExporter) {

    /**
     * @param namespace  the namespace of the dashboard ConfigMap: Grafana's (its sidecar watches its own by default)
     * @param labelName  the label the sidecar loads dashboards by
     * @param labelValue that label's value
     */
    public record Dashboard(String namespace, String labelName, String labelValue) { }

    /**
     * @param user     the exporter's own MySQL user (least privilege: PROCESS, REPLICATION CLIENT, SELECT on performance_schema)
     * @param password its password, a Pulumi secret
     */
    public record MysqlExporter(String user, SecretValue password) { }

    /** How Prometheus finds the services' metrics endpoints. */
    public enum Scrape {
        /** prometheus-operator: a ServiceMonitor per service, rules as PrometheusRule objects. */
        SERVICE_MONITOR("serviceMonitor"),
        /** plain Prometheus: the design's scrape config (6.1) with the rules beside it in its ConfigMap (6.2); no operator CRD needed. */
        CONFIG_MAP("configMap"),
        /** no scrape objects (the metrics port and its NetworkPolicy rule stay). */
        NONE("none");

        private final String id;

        Scrape(String id) { this.id = id; }

        public String id() { return id; }

        static Scrape parse(String v) {
            for (Scrape s : values()) {
                if (s.id.equals(v)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("'" + v + "' is not one of [configMap, none, serviceMonitor]");
        }
    }

    /**
     * Thresholds of the design's alerts (6.2).
     *
     * @param errorRate        percent of 5xx answers above which a service alerts
     * @param latencyP95       95th percentile latency above which a service alerts
     * @param cpu              percent of its CPU limit above which a pod alerts
     * @param memory           percent of its memory limit above which a pod alerts
     * @param diskFree         percent of free node disk below which a node alerts
     * @param mysqlConnections percent of MySQL's max_connections in use above which the database alerts
     */
    public record AlertThresholds(Percent errorRate, Seconds latencyP95, Percent cpu, Percent memory, Percent diskFree,
                                  Percent mysqlConnections) { }

    static final Setting SCRAPE = Setting.defaulting("monitoring.scrape", "serviceMonitor",
            "how Prometheus finds the services: `serviceMonitor` (prometheus-operator), `configMap` (the design's plain scrape "
                    + "config and rules file in a ConfigMap, 6.1) or `none`");
    static final Setting NAMESPACE = Setting.defaulting("monitoring.namespace", "monitoring",
            "namespace of Prometheus and Grafana: the only one whose pods may reach the services' metrics port");
    static final Setting VPA_MODE = Setting.defaulting("monitoring.vpaMode", "Off",
            "VPA updateMode (design 11.2): `Off` (recommendations only), `Initial` or `Auto`; `Auto` is refused with autoscaling "
                    + "(the VPA and the HPA would fight over the same CPU and memory); `none` creates no VPA (clusters without its CRD)");
    static final Setting ERROR_RATE = Setting.defaulting("monitoring.alerts.errorRate", "5",
            "VertoHighErrorRate: percent of 5xx answers over 5 minutes");
    static final Setting LATENCY = Setting.defaulting("monitoring.alerts.latencyP95", "1",
            "VertoHighLatency: 95th percentile latency in seconds");
    static final Setting CPU = Setting.defaulting("monitoring.alerts.cpu", "80",
            "VertoHighCPUUsage: percent of the pod's CPU limit");
    static final Setting MEMORY = Setting.defaulting("monitoring.alerts.memory", "85",
            "VertoHighMemoryUsage: percent of the pod's memory limit");
    static final Setting DISK_FREE = Setting.defaulting("monitoring.alerts.diskFree", "10",
            "VertoDiskSpaceLow: percent of free space on a node's root filesystem");
    static final Setting MYSQL_CONNECTIONS = Setting.defaulting("monitoring.alerts.mysqlConnections", "80",
            "VertoDatabaseConnectionHigh: percent of MySQL's `max_connections` in use (design 10.2 sets 200; 5 pods times a "
                    + "pool of 20 already exceeds the design's fixed 80)");
    static final Setting LABELS = Setting.optional("monitoring.labels", "release=kube-prometheus-stack", "none",
            "labels `name=value,...` added to the ServiceMonitors and the PrometheusRule: what your Prometheus's "
                    + "`serviceMonitorSelector` and `ruleSelector` match. kube-prometheus-stack selects `release=<its Helm release "
                    + "name>` (`helm list -A` shows it); `scripts/preflight` prints what yours selects");
    static final Setting DASHBOARD_NAMESPACE = Setting.optional("monitoring.dashboardNamespace", "monitoring",
            "`monitoring.namespace`", "namespace of the dashboard ConfigMap: Grafana's, since its sidecar watches only its own "
                    + "namespace unless `sidecar.dashboards.searchNamespace` says otherwise");
    static final Setting DASHBOARD_LABEL = Setting.defaulting("monitoring.dashboardLabel", "grafana_dashboard=1",
            "label `name=value` Grafana's sidecar loads dashboards by (`sidecar.dashboards.label`/`labelValue`; "
                    + "kube-prometheus-stack: `grafana_dashboard=1`)");
    static final Setting MYSQL_EXPORTER = Setting.optional("monitoring.mysqlExporter", "true", "true outside development",
            "run a mysqld-exporter for MySQL's metrics (VertoDatabaseConnectionHigh needs them); `false` leaves it out");
    static final Setting MYSQL_EXPORTER_USER = Setting.defaulting("monitoring.mysqlExporterUser", "verto_exporter",
            "the exporter's own MySQL user (create it with the grants in README, Monitoring); its password is `mysqlExporterPassword`");
    static final Setting MYSQL_EXPORTER_PASSWORD = Setting.optionalSecret("mysqlExporterPassword", "required with the exporter",
            "password of `monitoring.mysqlExporterUser`");

    private static final Set<String> VPA_MODES = Set.of("Off", "Initial", "Auto", "none");

    /** The settings this section reads, in the order the reference lists them. */
    public static final List<Setting> SETTINGS = List.of(SCRAPE, NAMESPACE, VPA_MODE, ERROR_RATE, LATENCY, CPU, MEMORY,
            DISK_FREE, MYSQL_CONNECTIONS, LABELS, DASHBOARD_NAMESPACE, DASHBOARD_LABEL, MYSQL_EXPORTER, MYSQL_EXPORTER_USER,
            MYSQL_EXPORTER_PASSWORD);

    /** The full key of the VPA mode setting. */
    public static String vpaModeKey() {
        return StackSettingsLoader.NAMESPACE + ":" + VPA_MODE.key();
    }

    /**
     * Reads the section; {@code scaling} is the workloads' (when they read cleanly), for the one check
     * across sections: a VPA in Auto mode next to an HPA is refused.
     */
    static Optional<MonitoringSettings> read(ConfigReader r, Optional<Scaling> scaling, Optional<Environment> environment) {
        Scrape scrape = r.readOrDefault(SCRAPE, Scrape::parse);
        String namespace = r.readOrDefault(NAMESPACE, v -> Checks.matching(v, Checks.DNS_LABEL, "a Kubernetes namespace name"));
        Optional<Optional<VpaUpdateMode>> mode = r.read(VPA_MODE, MonitoringSettings::vpa);
        var alerts = new AlertThresholds(r.readOrDefault(ERROR_RATE, Percent::parse), r.readOrDefault(LATENCY, Seconds::parse),
                r.readOrDefault(CPU, Percent::parse), r.readOrDefault(MEMORY, Percent::parse),
                r.readOrDefault(DISK_FREE, Percent::parse), r.readOrDefault(MYSQL_CONNECTIONS, Percent::parse));
        Optional<Map<String, String>> labels = r.read(LABELS, MonitoringSettings::selectionLabels);
        String dashboardNamespace = r.read(DASHBOARD_NAMESPACE, v -> Checks.matching(v, Checks.DNS_LABEL, "a Kubernetes namespace name"))
                .orElse(namespace);
        Map.Entry<String, String> dashboardLabel = r.readOrDefault(DASHBOARD_LABEL, Checks::label);
        Optional<Optional<MysqlExporter>> exporter = mysqlExporter(r, environment);
        if (labels.isEmpty() && r.text(LABELS).isPresent() || exporter.isEmpty()) {
            return Optional.empty();
        }
        if (mode.isEmpty() && r.text(VPA_MODE).isPresent()) {
            return Optional.empty();
        }
        Optional<VpaUpdateMode> vpa = mode.orElse(Optional.of(VpaUpdateMode.Off));
        if (vpa.equals(Optional.of(VpaUpdateMode.Auto)) && scaling.flatMap(Scaling::autoscaling).isPresent()) {
            r.problem(VPA_MODE, "'Auto' lets the VPA evict pods to resize them while the HPA scales the same pods on CPU and "
                            + "memory: they fight. Keep the VPA's recommendations only (Off), or turn autoscaling off",
                    r.setCommand(VPA_MODE, "Off"));
            return Optional.empty();
        }
        return Optional.of(new MonitoringSettings(scrape, namespace, vpa, alerts, labels.orElse(Map.of()),
                new Dashboard(dashboardNamespace, dashboardLabel.getKey(), dashboardLabel.getValue()), exporter.get()));
    }

    /** A VPA mode, or {@code none}: no VPA. */
    private static Optional<VpaUpdateMode> vpa(String v) {
        return Checks.oneOf(v, VPA_MODES).equals("none") ? Optional.empty() : Optional.of(VpaUpdateMode.valueOf(v));
    }

    /** Labels for selection; the program's own {@code app.kubernetes.io/*} labels are not to be overridden. */
    private static Map<String, String> selectionLabels(String v) {
        Map<String, String> labels = Checks.labels(v);
        labels.keySet().stream().filter(k -> k.startsWith("app.kubernetes.io/")).findFirst().ifPresent(k -> {
            throw new IllegalArgumentException("'" + k + "' is one of the program's own labels; add a label of your Prometheus's selector");
        });
        return labels;
    }

    /** Empty when it could not be read (problems recorded); else the exporter, or none where it is off. */
    private static Optional<Optional<MysqlExporter>> mysqlExporter(ConfigReader r, Optional<Environment> environment) {
        boolean fallback = environment.map(e -> e != Environment.DEVELOPMENT).orElse(true);
        Optional<Boolean> enabled = r.read(MYSQL_EXPORTER, Checks::bool);
        String user = r.readOrDefault(MYSQL_EXPORTER_USER, v -> Checks.matching(v, Checks.MYSQL_NAME, "a MySQL user name"));
        Optional<SecretValue> password = r.secret(MYSQL_EXPORTER_PASSWORD);
        if (enabled.isEmpty() && r.text(MYSQL_EXPORTER).isPresent()) {
            return Optional.empty();
        }
        if (!enabled.orElse(fallback)) {
            return Optional.of(Optional.empty());
        }
        if (password.isEmpty()) {
            if (r.text(MYSQL_EXPORTER_PASSWORD).isEmpty()) {
                r.problem(MYSQL_EXPORTER_PASSWORD, "is required: the stack runs a mysqld-exporter, which logs in to MySQL as "
                        + user + " (create that user with the grants in README, Monitoring)", "pulumi config set --secret "
                        + r.key(MYSQL_EXPORTER_PASSWORD) + " <value> --stack " + r.stack() + ", or leave the exporter out: "
                        + r.setCommand(MYSQL_EXPORTER, "false"));
            }
            return Optional.empty();
        }
        return Optional.of(Optional.of(new MysqlExporter(user, password.get())));
    }

    @Override
    public String toString() {
        return "monitoring(" + scrape.id() + " in " + namespace + ", VPA " + vpa.map(m -> m.name().toLowerCase(Locale.ROOT)).orElse("none") + ")";
    }
}
