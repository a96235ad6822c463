package io.verto.infra.monitoring;

import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import io.verto.infra.kubernetes.Labels;
import io.verto.infra.serialization.Canonical;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * For a plain Prometheus (no operator): design 6.1's scrape jobs for the services, as a ConfigMap
 * {@value #NAME} holding {@value #SCRAPE_FILE} (a {@code scrape_config_files} entry, or jobs to paste under
 * {@code scrape_configs}) and the rules as {@value #RULES_FILE} (a {@code rule_files} entry). Unlike the
 * design's, the jobs discover only the stack's namespace and copy the namespace and pod into labels, which
 * the rules match on.
 */
public class ScrapeConfig extends ComponentResource {
    public static final String TYPE = "verto:monitoring:ScrapeConfig";
    public static final String NAME = "verto-prometheus-config";
    public static final String SCRAPE_FILE = "verto-scrape.yml";
    public static final String RULES_FILE = "verto-alerts.yml";

    public ScrapeConfig(String name, ScrapeConfigArgs configArgs, ComponentResourceOptions options) {
        super(TYPE, name, options);
        ScrapeArgs args = configArgs.scrape();
        var child = CustomResourceOptions.builder().parent(this).build();
        Map<String, String> data = new LinkedHashMap<>();
        data.put(SCRAPE_FILE, Canonical.yaml(Map.of("scrape_configs", args.targets().stream().map(t -> job(t, args)).toList())));
        if (!configArgs.ruleGroups().isEmpty()) {
            data.put(RULES_FILE, Canonical.yaml(Map.of("groups", configArgs.ruleGroups().stream().map(RuleGroup::toValue).toList())));
        }
        Set<String> metrics = new LinkedHashSet<>();
        args.targets().forEach(t -> metrics.addAll(t.metrics()));
        new ConfigMap(name, ConfigMapArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(NAME).namespace(args.namespace()).labels(Labels.shared(args.partOf()))
                        .annotations(Map.of(ScrapeTarget.METRICS_ANNOTATION, String.join(",", metrics))).build())
                .data(data)
                .build(), child);
        registerOutputs(Map.of());
    }

    /** One scrape job: the target's Service endpoints on its metrics port, in the stack's namespace only. */
    static Map<String, Object> job(ScrapeTarget t, ScrapeArgs args) {
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("job_name", t.job());
        job.put("scrape_interval", args.interval());
        job.put("metrics_path", t.path());
        job.put("kubernetes_sd_configs", List.of(Map.of("role", "endpoints",
                "namespaces", Map.of("names", List.of(args.namespaceName())))));
        job.put("relabel_configs", List.of(
                keep("__meta_kubernetes_service_name", t.service()),
                keep("__meta_kubernetes_endpoint_port_name", t.port()),
                copy("__meta_kubernetes_namespace", "namespace"),
                copy("__meta_kubernetes_pod_name", "pod")));
        return job;
    }

    private static Map<String, Object> keep(String label, String value) {
        return Map.of("source_labels", List.of(label), "action", "keep", "regex", value);
    }

    private static Map<String, Object> copy(String label, String target) {
        return Map.of("source_labels", List.of(label), "action", "replace", "target_label", target);
    }
}
