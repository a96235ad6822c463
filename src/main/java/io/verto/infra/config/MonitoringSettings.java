package io.verto.infra.config;

import io.verto.infra.types.Percent;
import io.verto.infra.types.Seconds;
import io.verto.infra.types.Share;
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
     * @param errorRate            share of 5xx answers above which a service alerts
     * @param latencyP95           95th percentile latency above which a service alerts
     * @param cpu                  percent of its CPU limit above which a pod alerts
     * @param memory               percent of its memory limit above which a pod alerts
     * @param diskFree             percent of free node disk below which a node alerts
     * @param mysqlConnections     percent of MySQL's max_connections in use above which the database alerts
     * @param backupAgeHours       hours without a successful backup above which the backups alert (stacks with backups)
     * @param restoreCheckAgeHours hours without a passed restore check above which the backups alert (stacks with backups)
     */
    public record AlertThresholds(Share errorRate, Seconds latencyP95, Percent cpu, Percent memory, Percent diskFree,
                                  Percent mysqlConnections, int backupAgeHours, int restoreCheckAgeHours) { }

    static final Setting SCRAPE = Setting.of("monitoring.scrape", Kind.CHOICE).defaultsTo("serviceMonitor")
            .describe("how Prometheus finds the services: `serviceMonitor` (prometheus-operator), `configMap` (the design's plain scrape "
                    + "config and rules file in a ConfigMap, 6.1) or `none`");
    static final Setting NAMESPACE = Setting.of("monitoring.namespace", Kind.NAME).defaultsTo("monitoring")
            .describe("namespace of Prometheus and Grafana: the only one whose pods may reach the services' metrics port");
    static final Setting VPA_MODE = Setting.of("monitoring.vpaMode", Kind.CHOICE).defaultsTo("Off")
            .describe("VPA updateMode (design 11.2): `Off` (recommendations only), `Initial` or `Auto`; `Auto` is refused with autoscaling "
                    + "(the VPA and the HPA would fight over the same CPU and memory); `none` creates no VPA (clusters without its CRD)");
    static final Setting ERROR_RATE = Setting.of("monitoring.alerts.errorRate", Kind.PERCENT).defaultsTo("5")
            .describe("VertoHighErrorRate: percent of 5xx answers over 5 minutes (above 0, fractions allowed)");
    static final Setting LATENCY = Setting.of("monitoring.alerts.latencyP95", Kind.SECONDS).defaultsTo("1")
            .describe("VertoHighLatency: 95th percentile latency in seconds");
    static final Setting CPU = Setting.of("monitoring.alerts.cpu", Kind.PERCENT).defaultsTo("80")
            .describe("VertoHighCPUUsage: percent of the pod's CPU limit");
    static final Setting MEMORY = Setting.of("monitoring.alerts.memory", Kind.PERCENT).defaultsTo("85")
            .describe("VertoHighMemoryUsage: percent of the pod's memory limit");
    static final Setting DISK_FREE = Setting.of("monitoring.alerts.diskFree", Kind.PERCENT).defaultsTo("10")
            .describe("VertoDiskSpaceLow: percent of free space on a node's root filesystem");
    static final Setting MYSQL_CONNECTIONS = Setting.of("monitoring.alerts.mysqlConnections", Kind.PERCENT).defaultsTo("80")
            .describe("VertoDatabaseConnectionHigh: percent of MySQL's `max_connections` in use (design 10.2 sets 200; 5 pods times a "
                    + "pool of 20 already exceeds the design's fixed 80)");
    static final Setting BACKUP_AGE = Setting.of("monitoring.alerts.backupAgeHours", Kind.COUNT).defaultsTo("26")
            .describe("VertoBackupMissing: hours without a successful backup (a nightly schedule's day, plus a margin for a late or slow run)");
    static final Setting RESTORE_CHECK_AGE = Setting.of("monitoring.alerts.restoreCheckAgeHours", Kind.COUNT).defaultsTo("192")
            .describe("VertoRestoreCheckMissing: hours without a passed restore check (the weekly schedule's week, plus a day)");
    static final Setting LABELS = Setting.of("monitoring.labels", Kind.TEXT).noneMeans("").example("release=kube-prometheus-stack")
            .describe("labels `name=value,...` added to the ServiceMonitors and the PrometheusRule: what your Prometheus's "
                    + "`serviceMonitorSelector` and `ruleSelector` match. kube-prometheus-stack selects `release=<its Helm release "
                    + "name>` (`helm list -A` shows it); `scripts/preflight` prints what yours selects");
    static final Setting DASHBOARD_NAMESPACE = Setting.of("monitoring.dashboardNamespace", Kind.NAME)
            .defaultsTo("`monitoring.namespace`", c -> c.parsed().apply(NAMESPACE).map(Object::toString).orElse("monitoring"))
            .example("monitoring")
            .describe("namespace of the dashboard ConfigMap: Grafana's, since its sidecar watches only its own namespace unless "
                    + "`sidecar.dashboards.searchNamespace` says otherwise");
    static final Setting DASHBOARD_LABEL = Setting.of("monitoring.dashboardLabel", Kind.TEXT).defaultsTo("grafana_dashboard=1")
            .describe("label `name=value` Grafana's sidecar loads dashboards by (`sidecar.dashboards.label`/`labelValue`; "
                    + "kube-prometheus-stack: `grafana_dashboard=1`)");
    static final Setting MYSQL_EXPORTER = Setting.of("monitoring.mysqlExporter", Kind.BOOL)
            .defaultsTo("`true` outside development", c -> String.valueOf(c.environment().orElse(null) != Environment.DEVELOPMENT))
            .example("true").describe("run a mysqld-exporter for MySQL's metrics (VertoDatabaseConnectionHigh needs them); `false` leaves it out");
    static final Setting MYSQL_EXPORTER_USER = Setting.of("monitoring.mysqlExporterUser", Kind.USER).defaultsTo("verto_exporter")
            .find("the exporter's MySQL user", "README, Monitoring, creates it with its grants: SELECT user FROM mysql.user")
            .describe("the exporter's own MySQL user (create it with the grants in README, Monitoring); its password is `mysqlExporterPassword`");
    static final Setting MYSQL_EXPORTER_PASSWORD = Setting.of("mysqlExporterPassword", Kind.SECRET).optionalSecret()
            .noneMeans("required with the exporter").describe("password of `monitoring.mysqlExporterUser`");

    private static final Set<String> VPA_MODES = Set.of("Off", "Initial", "Auto", "none");
    private static final Set<String> SCRAPES = Set.of("serviceMonitor", "configMap", "none");

    /** The settings this section reads, in the order the reference lists them. */
    public static final List<Setting> SETTINGS = List.of(SCRAPE, NAMESPACE, VPA_MODE, ERROR_RATE, LATENCY, CPU, MEMORY,
            DISK_FREE, MYSQL_CONNECTIONS, BACKUP_AGE, RESTORE_CHECK_AGE, LABELS, DASHBOARD_NAMESPACE, DASHBOARD_LABEL, MYSQL_EXPORTER,
            MYSQL_EXPORTER_USER, MYSQL_EXPORTER_PASSWORD);

    /** The full key of the VPA mode setting. */
    public static String vpaModeKey() {
        return StackSettingsLoader.NAMESPACE + ":" + VPA_MODE.key();
    }

    /**
     * Reads the section; {@code autoscales} (read leniently from the workloads' settings, whatever else is wrong
     * there) is for the one check across sections: a VPA in Auto mode next to an HPA is refused.
     */
    static Optional<MonitoringSettings> read(ConfigReader r, boolean autoscales) {
        Scrape scrape = r.readOrDefault(SCRAPE, v -> Scrape.parse(Checks.oneOf(v, SCRAPES)));
        String namespace = r.readOrDefault(NAMESPACE, v -> Checks.name(v, "a Kubernetes namespace name"));
        var alerts = new AlertThresholds(
                r.readOrDefault(ERROR_RATE, Share::percent),
                r.readOrDefault(LATENCY, Seconds::parse),
                r.readOrDefault(CPU, Percent::parse),
                r.readOrDefault(MEMORY, Percent::parse),
                r.readOrDefault(DISK_FREE, v -> Percent.of(Checks.integer(v, 1, 99, "a free-space percentage"))),
                r.readOrDefault(MYSQL_CONNECTIONS, Percent::parse),
                r.readOrDefault(BACKUP_AGE, v -> Checks.integer(v, 1, 24 * 366, "an age in hours")),
                r.readOrDefault(RESTORE_CHECK_AGE, v -> Checks.integer(v, 1, 24 * 366, "an age in hours")));
        Optional<Map<String, String>> labels = r.read(LABELS, MonitoringSettings::selectionLabels);
        String dashboardNamespace = r.readOrDefault(DASHBOARD_NAMESPACE, v -> Checks.name(v, "a Kubernetes namespace name"));
        Map.Entry<String, String> dashboardLabel = r.readOrDefault(DASHBOARD_LABEL, Checks::label);
        Optional<Optional<MysqlExporter>> exporter = mysqlExporter(r);
        boolean autoWithHpa = autoscales && r.text(VPA_MODE).map(t -> t.strip().equalsIgnoreCase("auto")).orElse(false);
        if (autoWithHpa) {
            // 'auto' in any case means Auto, which is refused next to an HPA whatever its spelling: one problem, one fix.
            r.problem(VPA_MODE, "'" + r.text(VPA_MODE).get() + "' lets the VPA evict pods to resize them while the HPA scales the same "
                    + "pods on CPU and memory: they fight. Keep the VPA's recommendations only (Off), or turn autoscaling off",
                    r.set(VPA_MODE, "Off"));
            return Optional.empty();
        }
        Optional<Optional<VpaUpdateMode>> mode = r.read(VPA_MODE, MonitoringSettings::vpa);
        if ((mode.isEmpty() && r.text(VPA_MODE).isPresent()) || (labels.isEmpty() && r.text(LABELS).isPresent()) || exporter.isEmpty()) {
            return Optional.empty();
        }
        Optional<VpaUpdateMode> vpa = mode.orElse(Optional.of(VpaUpdateMode.Off));
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
    private static Optional<Optional<MysqlExporter>> mysqlExporter(ConfigReader r) {
        boolean enabled = r.readOrDefault(MYSQL_EXPORTER, Checks::bool);
        String user = r.readOrDefault(MYSQL_EXPORTER_USER, v -> Checks.matching(v, Checks.MYSQL_NAME, "a MySQL user name"));
        Optional<SecretValue> password = r.secret(MYSQL_EXPORTER_PASSWORD);
        if (!enabled) {
            return Optional.of(Optional.empty());
        }
        if (password.isEmpty()) {
            if (!r.given(MYSQL_EXPORTER_PASSWORD)) {
                r.problem(MYSQL_EXPORTER_PASSWORD, "is required: the stack runs a mysqld-exporter, which logs in to MySQL as " + user
                        + " (create that user with the grants in README, Monitoring)", r.propose(MYSQL_EXPORTER_PASSWORD)
                        .or(r.set(MYSQL_EXPORTER, "false")));
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
