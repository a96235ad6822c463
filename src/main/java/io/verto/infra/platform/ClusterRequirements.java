package io.verto.infra.platform;

import io.verto.infra.config.KubernetesSettings;
import io.verto.infra.config.MonitoringSettings;
import io.verto.infra.config.StackConfigException;
import io.verto.infra.config.StackSettings;
import io.verto.infra.config.StackSettingsLoader;
import io.verto.infra.kubernetes.Labels;
import io.verto.infra.serialization.Canonical;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a stack relies on in its cluster, as JSON for {@code scripts/preflight}: the CRDs its monitoring mode and
 * VPAs need, the ingress class and controller, the ClusterIssuer and its challenge, the metrics API (HPA, VPA),
 * the labels a Prometheus must select, Grafana's dashboard namespace and label, and whether the CDN needs the
 * controller's real-client-address settings. Read from the stack file alone ({@link StackFile}: secrets are not needed
 * to know what the cluster must have), so it runs before any {@code pulumi up}.
 *
 * <p>Usage: {@code java -cp target/verto-infra-program.jar io.verto.infra.platform.ClusterRequirements Pulumi.<stack>.yaml <stack>}
 */
public final class ClusterRequirements {
    private ClusterRequirements() { }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: ClusterRequirements STACK_FILE STACK");
            System.exit(2);
        }
        try {
            System.out.println(Canonical.prettyJson(of(StackSettingsLoader.load(StackFile.read(Path.of(args[0]), args[1]),
                    VertoApplication.catalogue().sizes()))));
        } catch (StackConfigException e) {
            System.err.println(e.getMessage());
            System.exit(3);
        }
    }

    /** The requirements of a stack with these settings. */
    static Map<String, Object> of(StackSettings s) {
        MonitoringSettings m = s.monitoring();
        KubernetesSettings k = s.kubernetes();
        List<String> crds = new ArrayList<>();
        if (m.scrape() == MonitoringSettings.Scrape.SERVICE_MONITOR) {
            crds.add("servicemonitors.monitoring.coreos.com");
        }
        if (m.scrape() != MonitoringSettings.Scrape.CONFIG_MAP) {
            crds.add("prometheusrules.monitoring.coreos.com");
        }
        m.vpa().ifPresent(mode -> crds.add("verticalpodautoscalers.autoscaling.k8s.io"));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("stack", s.stack());
        r.put("context", k.context().orElse(""));
        r.put("namespace", k.namespace());
        r.put("crds", crds);
        r.put("ingressClass", "nginx");
        r.put("ingressControllerNamespace", k.ingressControllerNamespace());
        r.put("clusterIssuer", k.clusterIssuer());
        r.put("acmeChallenge", k.acmeChallenge().name().toLowerCase(java.util.Locale.ROOT));
        r.put("metricsApi", s.workloads().scaling().autoscaling().isPresent() || m.vpa().isPresent());
        // What the ServiceMonitors and the PrometheusRule carry, and the namespace they are in: a Prometheus must select both.
        r.put("prometheus", m.scrape() == MonitoringSettings.Scrape.SERVICE_MONITOR ? Map.of("namespace", m.namespace(),
                "labels", Labels.shared(VertoApplication.NAME, m.labels()),
                "namespaceLabels", Map.of("kubernetes.io/metadata.name", k.namespace(), "name", k.namespace(),
                        Labels.ENVIRONMENT, s.environment().id(), Labels.PART_OF, VertoApplication.NAME, Labels.MANAGED_BY, Labels.MANAGER))
                : Map.of());
        r.put("monitoringLabelsSet", !m.labels().isEmpty());
        r.put("dashboard", Map.of("namespace", m.dashboard().namespace(), "label", m.dashboard().labelName(), "value", m.dashboard().labelValue()));
        r.put("cdn", s.cdn().isPresent());
        return r;
    }
}
