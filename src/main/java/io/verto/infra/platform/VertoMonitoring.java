package io.verto.infra.platform;

import com.pulumi.core.Output;
import io.verto.infra.backup.MysqlBackupCronJob;
import io.verto.infra.backup.RestoreCheckCronJob;
import io.verto.infra.config.MonitoringSettings;
import io.verto.infra.config.StackSettings;
import io.verto.infra.kubernetes.Labels;
import io.verto.infra.kubernetes.workload.SecureContainer;
import io.verto.infra.monitoring.AlertRules;
import io.verto.infra.monitoring.AlertRulesArgs;
import io.verto.infra.monitoring.BackupAlerts;
import io.verto.infra.monitoring.DashboardArgs;
import io.verto.infra.monitoring.GrafanaDashboard;
import io.verto.infra.monitoring.MysqlExporter;
import io.verto.infra.monitoring.MysqlExporterArgs;
import io.verto.infra.monitoring.GrafanaDashboard.FieldDefaults;
import io.verto.infra.monitoring.GrafanaDashboard.GridPos;
import io.verto.infra.monitoring.GrafanaDashboard.Panel;
import io.verto.infra.monitoring.GrafanaDashboard.PanelType;
import io.verto.infra.monitoring.GrafanaDashboard.Target;
import io.verto.infra.monitoring.GrafanaDashboard.ValueText;
import io.verto.infra.monitoring.ScrapeConfigArgs;
import io.verto.infra.monitoring.ScrapeTarget;
import io.verto.infra.monitoring.ScrapeArgs;
import io.verto.infra.monitoring.VerticalAutoscalingArgs;
import io.verto.infra.monitoring.VerticalPodAutoscalerSpec;
import io.verto.infra.types.VpaUpdateMode;

import java.util.List;

/**
 * How Verto is watched (design 6) and right-sized (11.2), as arguments of the monitoring components:
 * its scrape targets, alert rules, dashboard and VPAs, from the stack's settings and the services' plans.
 */
final class VertoMonitoring {
    private VertoMonitoring() { }

    /** The services with metrics: the ones Prometheus scrapes. */
    private static List<ServicePlan> scraped(List<ServicePlan> plans) {
        return plans.stream().filter(p -> p.entry().metrics().isPresent()).toList();
    }

    /**
     * Each service's metrics endpoint, job named after its workload (design 6.1's {@code verto-frontend}), and the
     * mysqld-exporter's when the stack runs one.
     */
    static List<ScrapeTarget> targets(StackSettings s, List<ServicePlan> plans) {
        var targets = new java.util.ArrayList<>(targets(plans));
        s.monitoring().mysqlExporter().ifPresent(e -> targets.add(new ScrapeTarget(MysqlExporter.NAME, MysqlExporter.NAME,
                Labels.selector(MysqlExporter.NAME, VertoApplication.NAME), Labels.NAME, SecureContainer.METRICS_PORT_NAME, "/metrics",
                MysqlExporter.METRICS)));
        return targets;
    }

    /** Each service's metrics endpoint, job named after its workload. */
    static List<ScrapeTarget> targets(List<ServicePlan> plans) {
        return scraped(plans).stream()
                .map(p -> {
                    var metrics = p.entry().metrics().orElseThrow();
                    return new ScrapeTarget(p.name(), p.name() + "-service", Labels.selector(p.name(), VertoApplication.NAME), Labels.NAME,
                            SecureContainer.METRICS_PORT_NAME, metrics.path(), metrics.names());
                })
                .toList();
    }

    /** The services with a metrics port, in the stack's namespace: for ServiceMonitors or the plain scrape config. */
    static ScrapeArgs scrape(StackSettings s, List<ServicePlan> plans, Output<String> namespace) {
        var args = ScrapeArgs.builder().namespace(namespace).namespaceName(s.kubernetes().namespace()).partOf(VertoApplication.NAME)
                .labels(s.monitoring().labels());
        targets(s, plans).forEach(args::target);
        return args.build();
    }

    /** The plain scrape config with the alert rules beside it (design 6.1, 6.2). */
    static ScrapeConfigArgs scrapeConfig(StackSettings s, List<ServicePlan> plans, Output<String> namespace) {
        return ScrapeConfigArgs.builder().scrape(scrape(s, plans, namespace))
                .ruleGroups(AlertRules.groups(alertRules(s, plans, namespace))).build();
    }

    static AlertRulesArgs alertRules(StackSettings s, List<ServicePlan> plans, Output<String> namespace) {
        MonitoringSettings.AlertThresholds t = s.monitoring().alerts();
        var args = AlertRulesArgs.builder().namespace(namespace).namespaceName(s.kubernetes().namespace()).partOf(VertoApplication.NAME)
                .errorRate(t.errorRate()).latencyP95(t.latencyP95()).cpu(t.cpu()).memory(t.memory()).diskFree(t.diskFree())
                .mysqlConnections(t.mysqlConnections()).labels(s.monitoring().labels())
                .backup(s.backup().map(b -> new BackupAlerts(MysqlBackupCronJob.NAME, RestoreCheckCronJob.NAME, t.backupAgeHours(),
                        t.restoreCheckAgeHours())));
        scraped(plans).forEach(p -> args.job(p.name()));
        return args.build();
    }

    /** The services whose entry has VPA bounds (design 11.2). */
    static List<ServicePlan> rightSized(List<ServicePlan> plans) {
        return plans.stream().filter(p -> p.entry().vpa().isPresent()).toList();
    }

    /** One VPA per service with VPA bounds, in the stack's mode. */
    static VerticalAutoscalingArgs verticalAutoscaling(VpaUpdateMode mode, List<ServicePlan> plans, Output<String> namespace) {
        var args = VerticalAutoscalingArgs.builder().namespace(namespace).partOf(VertoApplication.NAME);
        for (ServicePlan p : rightSized(plans)) {
            var b = p.entry().vpa().orElseThrow();
            args.target(new VerticalPodAutoscalerSpec(p.name(), p.component(), mode, b.minCpu(), b.minMemory(), b.maxCpu(), b.maxMemory()));
        }
        return args.build();
    }

    /** Design 6.3's five panels, on the stack's namespace, over the scraped metrics and the recorded series. */
    static DashboardArgs dashboard(StackSettings s, List<ServicePlan> plans, Output<String> namespace) {
        String ns = "namespace=\"" + s.kubernetes().namespace() + "\"";
        String jobs = ns + ",job=~\"" + String.join("|", scraped(plans).stream().map(ServicePlan::name).toList()) + "\"";
        var dashboard = new GrafanaDashboard("Verto Platform Monitoring (" + s.stack() + ")", "verto-" + s.stack(),
                List.of("verto", "monitoring", s.environment().id()), List.of(
                new Panel(1, "Service Availability", PanelType.stat,
                        List.of(new Target("A", "min by (job) (up{" + jobs + "})", "{{job}}")),
                        new GridPos(0, 0, 12, 8), FieldDefaults.mapped(List.of(new ValueText("0", "DOWN", "red"), new ValueText("1", "UP", "green")))),
                new Panel(2, "Request Rate", PanelType.timeseries,
                        List.of(new Target("A", "sum by (job, method, status) (rate(http_requests_total{" + jobs + "}[5m]))",
                                "{{job}} - {{method}} {{status}}")),
                        new GridPos(12, 0, 12, 8), FieldDefaults.unit("reqps", 0.0, null)),
                new Panel(3, "Response Time", PanelType.timeseries,
                        List.of(new Target("A", AlertRules.LATENCY_P95 + "{" + ns + "}", "{{job}} - 95th percentile"),
                                new Target("B", AlertRules.LATENCY_P50 + "{" + ns + "}", "{{job}} - 50th percentile")),
                        new GridPos(0, 8, 24, 8), FieldDefaults.unit("s", 0.0, null)),
                new Panel(4, "Error Rate", PanelType.timeseries,
                        List.of(new Target("A", AlertRules.ERROR_RATIO + "{" + ns + "}", "{{job}} - error rate")),
                        new GridPos(0, 16, 12, 8), FieldDefaults.unit("percentunit", 0.0, 1.0)),
                new Panel(5, "Resource Usage", PanelType.timeseries,
                        List.of(new Target("A", AlertRules.CPU_PERCENT + "{" + ns + "}", "{{pod}} - CPU % of limit"),
                                new Target("B", AlertRules.MEMORY_PERCENT + "{" + ns + "}", "{{pod}} - memory % of limit")),
                        new GridPos(12, 16, 12, 8), FieldDefaults.unit("percent", 0.0, 100.0))),
                "30s");
        var placement = s.monitoring().dashboard();
        // In Grafana's namespace (where its sidecar looks) it is named after the stack's, so stacks sharing a Grafana don't clash.
        boolean own = placement.namespace().equals(s.kubernetes().namespace());
        return DashboardArgs.builder().namespace(own ? namespace : Output.of(placement.namespace())).partOf(VertoApplication.NAME)
                .configMapName(own ? "verto-dashboard" : s.kubernetes().namespace() + "-dashboard")
                .sidecarLabel(placement.labelName(), placement.labelValue()).dashboard(dashboard).build();
    }

    /**
     * The stack's mysqld-exporter, when it runs one. Where the stack autoscales (production) it runs two pods with an
     * HPA, as every production Deployment must survive a node drain; elsewhere one.
     */
    static java.util.Optional<MysqlExporterArgs> mysqlExporter(StackSettings s, Output<String> namespace) {
        var db = s.application().database().endpoint();
        boolean autoscaled = s.workloads().scaling().autoscaling().isPresent();
        return s.monitoring().mysqlExporter().map(e -> MysqlExporterArgs.builder().namespace(namespace).partOf(VertoApplication.NAME)
                .environment(s.environment().id()).host(db.host()).port(db.port()).databaseCidrs(db.cidrs())
                .user(e.user()).password(e.password().asOutput()).monitoringNamespace(s.monitoring().namespace())
                .replicas(autoscaled ? 2 : 1).skipAwait(s.kubernetes().skipAwait())
                .autoscaling(autoscaled ? java.util.Optional.of(io.verto.infra.types.HorizontalScaling.between(2, 3)) : java.util.Optional.empty())
                .build());
    }
}
