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
import java.util.Map;

/**
 * A Grafana dashboard (design 6.3) as a ConfigMap labelled {@value #SIDECAR_LABEL}{@code : "1"}, which
 * Grafana's dashboard sidecar (kube-prometheus-stack, the Grafana chart) loads from any namespace it
 * watches. The JSON is {@value #FILE}.
 */
public class Dashboard extends ComponentResource {
    public static final String TYPE = "verto:monitoring:Dashboard";
    public static final String SIDECAR_LABEL = "grafana_dashboard";
    public static final String FILE = "verto-dashboard.json";

    public Dashboard(String name, DashboardArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        Map<String, String> labels = new LinkedHashMap<>(Labels.shared(args.partOf()));
        labels.put(args.sidecarLabel(), args.sidecarValue());
        new ConfigMap(name, ConfigMapArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(args.configMapName()).namespace(args.namespace()).labels(labels).build())
                .data(Map.of(FILE, json(args.dashboard())))
                .build(), child);
        registerOutputs(Map.of());
    }

    /** The dashboard's JSON model. */
    public static String json(GrafanaDashboard dashboard) {
        return Canonical.prettyJson(dashboard);
    }
}
