package io.verto.infra.monitoring;

import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import io.verto.infra.kubernetes.Labels;
import io.verto.infra.kubernetes.custom.CustomObject;
import io.verto.infra.monitoring.RuleGroup.Alert;
import io.verto.infra.monitoring.RuleGroup.Record;
import io.verto.infra.monitoring.RuleGroup.Severity;
import io.verto.infra.types.AlertDuration;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Design 6.2's seven alerts (and, with backups, the {@link BackupAlerts}) as one PrometheusRule ({@code monitoring.coreos.com/v1}) named
 * {@value #NAME}, each with a {@code severity} label, a {@code for} duration, a summary, a description
 * and a runbook link, plus the recording rules the dashboard draws. Every expression is scoped to the
 * stack's namespace and services (a cluster-wide Prometheus sees every stack), and fixed where the
 * design's would not work (see README, "Alert rules").
 */
public class AlertRules extends ComponentResource {
    public static final String TYPE = "verto:monitoring:AlertRules";
    public static final String NAME = "verto-alerts";

    /** Recorded series the dashboard uses. */
    public static final String REQUESTS = "namespace_job:verto_http_requests:rate5m";
    public static final String ERROR_RATIO = "namespace_job:verto_http_errors:ratio_rate5m";
    public static final String LATENCY_P95 = "namespace_job:verto_http_request_duration_seconds:p95";
    public static final String LATENCY_P50 = "namespace_job:verto_http_request_duration_seconds:p50";
    public static final String CPU_PERCENT = "namespace_pod:verto_cpu_usage:percent_of_limit";
    public static final String MEMORY_PERCENT = "namespace_pod:verto_memory_usage:percent_of_limit";

    public AlertRules(String name, AlertRulesArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        new CustomObject(NAME, ObjectMetaArgs.builder().name(NAME).namespace(args.namespace())
                .labels(Labels.shared(args.partOf(), args.labels())).build(), new PrometheusRuleSpec(groups(args)), child);
        registerOutputs(Map.of());
    }

    /** The rule groups: recording rules, the seven alerts, and the backups' alerts when the stack has backups. */
    public static List<RuleGroup> groups(AlertRulesArgs a) {
        String ns = "namespace=\"" + a.namespaceName() + "\"";
        String jobs = ns + ",job=~\"" + String.join("|", a.jobs()) + "\"";
        String pods = ns + ",pod=~\"(" + String.join("|", a.jobs()) + ")-.+\"";
        String containers = pods + ",container!=\"\",container!=\"POD\"";
        String requests = "sum by (namespace, job) (rate(http_requests_total{" + jobs + "}[5m]))";
        String errors = "sum by (namespace, job) (rate(http_requests_total{" + jobs + ",status=~\"5..\"}[5m]))";
        String buckets = "sum by (le, namespace, job) (rate(http_request_duration_seconds_bucket{" + jobs + "}[5m]))";
        String cpu = "100 * sum by (namespace, pod) (rate(container_cpu_usage_seconds_total{" + containers + "}[5m]))\n"
                + "  / sum by (namespace, pod) (kube_pod_container_resource_limits{" + pods + ",resource=\"cpu\"})";
        String memory = "100 * sum by (namespace, pod) (container_memory_working_set_bytes{" + containers + "})\n"
                + "  / sum by (namespace, pod) (kube_pod_container_resource_limits{" + pods + ",resource=\"memory\"})";
        String rootFs = "{mountpoint=\"/\",fstype!~\"tmpfs|overlay|squashfs\"}";

        var records = new RuleGroup("verto.records", List.of(
                new Record(REQUESTS, requests),
                new Record(ERROR_RATIO, errors + "\n  / " + requests),
                new Record(LATENCY_P95, "histogram_quantile(0.95, " + buckets + ")"),
                new Record(LATENCY_P50, "histogram_quantile(0.50, " + buckets + ")"),
                new Record(CPU_PERCENT, cpu),
                new Record(MEMORY_PERCENT, memory)));
        var alerts = new RuleGroup("verto.alerts", List.of(
                alert(a, "VertoServiceDown", "up{" + jobs + "} == 0", 1, Severity.critical,
                        "Verto service {{ $labels.job }} is down",
                        "{{ $labels.instance }} of {{ $labels.job }} in {{ $labels.namespace }} has not answered Prometheus for 1 minute."),
                alert(a, "VertoHighErrorRate", "(\n  " + errors + "\n  / " + requests + "\n) > " + a.errorRate().fraction(), 5,
                        Severity.warning, "High error rate on {{ $labels.job }}",
                        "{{ $labels.job }} in {{ $labels.namespace }} has answered more than " + a.errorRate()
                                + " of its requests with 5xx for 5 minutes."),
                alert(a, "VertoHighLatency", "histogram_quantile(0.95,\n  " + buckets + "\n) > " + a.latencyP95().promql(), 5,
                        Severity.warning, "High latency on {{ $labels.job }}",
                        "{{ $labels.job }} in {{ $labels.namespace }} has had a 95th percentile latency above " + a.latencyP95()
                                + " for 5 minutes."),
                alert(a, "VertoHighCPUUsage", "(\n  " + cpu + "\n) > " + a.cpu().value(), 10, Severity.warning,
                        "High CPU usage in {{ $labels.pod }}",
                        "{{ $labels.pod }} in {{ $labels.namespace }} has used more than " + a.cpu() + " of its CPU limit for 10 minutes."),
                alert(a, "VertoHighMemoryUsage", "(\n  " + memory + "\n) > " + a.memory().value(), 10, Severity.warning,
                        "High memory usage in {{ $labels.pod }}",
                        "{{ $labels.pod }} in {{ $labels.namespace }} has used more than " + a.memory()
                                + " of its memory limit for 10 minutes."),
                alert(a, "VertoDiskSpaceLow", "(\n  100 * node_filesystem_avail_bytes" + rootFs + "\n  / node_filesystem_size_bytes" + rootFs
                                + "\n) < " + a.diskFree().value(), 5, Severity.critical, "Low disk space on {{ $labels.instance }}",
                        "Node {{ $labels.instance }} has had less than " + a.diskFree() + " of its root filesystem free for 5 minutes."),
                // By job, not instance: each exporter pod (two in production) reports the same server.
                alert(a, "VertoDatabaseConnectionHigh", "(\n  100 * max by (namespace, job) (mysql_global_status_threads_connected{" + ns
                                + "})\n  / max by (namespace, job) (mysql_global_variables_max_connections{" + ns + "})\n) > "
                                + a.mysqlConnections().value(), 5, Severity.warning, "High database connections",
                        "The MySQL of {{ $labels.namespace }} ({{ $labels.job }}) has had more than " + a.mysqlConnections()
                                + " of its max_connections in use for 5 minutes.")));
        return a.backup().map(b -> List.of(records, alerts, b.group(a.namespaceName(), a.runbookBase()))).orElse(List.of(records, alerts));
    }

    private static Alert alert(AlertRulesArgs a, String name, String expr, int forMinutes, Severity severity, String summary,
                               String description) {
        return new Alert(name, expr, AlertDuration.minutes(forMinutes), severity, summary, description,
                a.runbookBase() + "#" + name.toLowerCase(Locale.ROOT));
    }
}
