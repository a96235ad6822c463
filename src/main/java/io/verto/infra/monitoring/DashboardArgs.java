package io.verto.infra.monitoring;

import com.pulumi.core.Output;

import java.util.Objects;

/** Arguments of {@link Dashboard}. Required: namespace, partOf, dashboard. */
public final class DashboardArgs {
    private final Output<String> namespace;
    private final String partOf;
    private final GrafanaDashboard dashboard;
    private final String configMapName;
    private final String sidecarLabel;
    private final String sidecarValue;

    private DashboardArgs(Builder b) {
        this.namespace = Objects.requireNonNull(b.namespace, "DashboardArgs.namespace is required");
        this.partOf = Objects.requireNonNull(b.partOf, "DashboardArgs.partOf is required");
        this.dashboard = Objects.requireNonNull(b.dashboard, "DashboardArgs.dashboard is required");
        this.configMapName = Objects.requireNonNull(b.configMapName, "DashboardArgs.configMapName");
        this.sidecarLabel = Objects.requireNonNull(b.sidecarLabel, "DashboardArgs.sidecarLabel");
        this.sidecarValue = Objects.requireNonNull(b.sidecarValue, "DashboardArgs.sidecarValue");
    }

    public static Builder builder() {
        return new Builder();
    }

    public Output<String> namespace() { return namespace; }
    public String partOf() { return partOf; }
    public GrafanaDashboard dashboard() { return dashboard; }
    public String configMapName() { return configMapName; }
    public String sidecarLabel() { return sidecarLabel; }
    public String sidecarValue() { return sidecarValue; }

    public static final class Builder {
        private Output<String> namespace;
        private String partOf;
        private GrafanaDashboard dashboard;
        private String configMapName = "verto-dashboard";
        private String sidecarLabel = Dashboard.SIDECAR_LABEL;
        private String sidecarValue = "1";

        /**
         * The label Grafana's dashboard sidecar loads ConfigMaps by ({@code sidecar.dashboards.label} and
         * {@code labelValue}). Default {@code grafana_dashboard: "1"}, the Grafana chart's and kube-prometheus-stack's.
         */
        public Builder sidecarLabel(String name, String value) { this.sidecarLabel = name; this.sidecarValue = value; return this; }

        /** Namespace of the ConfigMap: Grafana's, unless its sidecar searches others. Required. */
        public Builder namespace(Output<String> namespace) { this.namespace = namespace; return this; }

        /** {@code app.kubernetes.io/part-of} of the ConfigMap. Required. */
        public Builder partOf(String partOf) { this.partOf = partOf; return this; }

        /** The dashboard. Required. */
        public Builder dashboard(GrafanaDashboard dashboard) { this.dashboard = dashboard; return this; }

        /** The ConfigMap's name. Default {@code verto-dashboard}. */
        public Builder configMapName(String name) { this.configMapName = name; return this; }

        public DashboardArgs build() {
            return new DashboardArgs(this);
        }
    }
}
