package io.verto.infra.config;

import io.verto.infra.types.Percent;
import io.verto.infra.types.Seconds;
import io.verto.infra.types.Share;
import io.verto.infra.types.VpaUpdateMode;

import java.util.List;
import java.util.Locale;
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
 */
public record MonitoringSettings(Scrape scrape, String namespace, Optional<VpaUpdateMode> vpa, AlertThresholds alerts) {

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
            throw new IllegalArgumentException("'" + v + "' is not a scrape mode");
        }
    }

    /**
     * Thresholds of the design's alerts (6.2).
     *
     * @param errorRate        share of 5xx answers above which a service alerts
     * @param latencyP95       95th percentile latency above which a service alerts
     * @param cpu              percent of its CPU limit above which a pod alerts
     * @param memory           percent of its memory limit above which a pod alerts
     * @param diskFree         percent of free node disk below which a node alerts
     * @param mysqlConnections MySQL connections above which the database alerts
     * @param backupAgeHours       hours without a successful backup above which the backups alert (stacks with backups)
     * @param restoreCheckAgeHours hours without a passed restore check above which the backups alert (stacks with backups)
     */
    public record AlertThresholds(Share errorRate, Seconds latencyP95, Percent cpu, Percent memory, Percent diskFree,
                                  int mysqlConnections, int backupAgeHours, int restoreCheckAgeHours) { }

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
    static final Setting MYSQL_CONNECTIONS = Setting.of("monitoring.alerts.mysqlConnections", Kind.COUNT).defaultsTo("80")
            .describe("VertoDatabaseConnectionHigh: connected MySQL threads");

    static final Setting BACKUP_AGE = Setting.of("monitoring.alerts.backupAgeHours", Kind.COUNT).defaultsTo("26")
            .describe("VertoBackupMissing: hours without a successful backup (a nightly schedule's day, plus a margin for a late or slow run)");
    static final Setting RESTORE_CHECK_AGE = Setting.of("monitoring.alerts.restoreCheckAgeHours", Kind.COUNT).defaultsTo("192")
            .describe("VertoRestoreCheckMissing: hours without a passed restore check (the weekly schedule's week, plus a day)");

    private static final Set<String> VPA_MODES = Set.of("Off", "Initial", "Auto", "none");
    private static final Set<String> SCRAPES = Set.of("serviceMonitor", "configMap", "none");

    /** The settings this section reads, in the order the reference lists them. */
    public static final List<Setting> SETTINGS = List.of(SCRAPE, NAMESPACE, VPA_MODE, ERROR_RATE, LATENCY, CPU, MEMORY,
            DISK_FREE, MYSQL_CONNECTIONS, BACKUP_AGE, RESTORE_CHECK_AGE);

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
                r.readOrDefault(MYSQL_CONNECTIONS, v -> Checks.integer(v, 1, 100_000, "a connection count")),
                r.readOrDefault(BACKUP_AGE, v -> Checks.integer(v, 1, 24 * 366, "an age in hours")),
                r.readOrDefault(RESTORE_CHECK_AGE, v -> Checks.integer(v, 1, 24 * 366, "an age in hours")));
        boolean autoWithHpa = autoscales && r.text(VPA_MODE).map(t -> t.strip().equalsIgnoreCase("auto")).orElse(false);
        if (autoWithHpa) {
            // 'auto' in any case means Auto, which is refused next to an HPA whatever its spelling: one problem, one fix.
            r.problem(VPA_MODE, "'" + r.text(VPA_MODE).get() + "' lets the VPA evict pods to resize them while the HPA scales the same "
                    + "pods on CPU and memory: they fight. Keep the VPA's recommendations only (Off), or turn autoscaling off",
                    r.set(VPA_MODE, "Off"));
            return Optional.empty();
        }
        Optional<Optional<VpaUpdateMode>> mode = r.read(VPA_MODE, MonitoringSettings::vpa);
        if (mode.isEmpty() && r.text(VPA_MODE).isPresent()) {
            return Optional.empty();
        }
        Optional<VpaUpdateMode> vpa = mode.orElse(Optional.of(VpaUpdateMode.Off));
        return Optional.of(new MonitoringSettings(scrape, namespace, vpa, alerts));
    }

    /** A VPA mode, or {@code none}: no VPA. */
    private static Optional<VpaUpdateMode> vpa(String v) {
        return Checks.oneOf(v, VPA_MODES).equals("none") ? Optional.empty() : Optional.of(VpaUpdateMode.valueOf(v));
    }

    @Override
    public String toString() {
        return "monitoring(" + scrape.id() + " in " + namespace + ", VPA " + vpa.map(m -> m.name().toLowerCase(Locale.ROOT)).orElse("none") + ")";
    }
}
