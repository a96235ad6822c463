package io.verto.infra.monitoring;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.apps.v1.Deployment;
import com.pulumi.kubernetes.apps.v1.DeploymentArgs;
import com.pulumi.kubernetes.apps.v1.inputs.DeploymentSpecArgs;
import com.pulumi.kubernetes.autoscaling.v2.HorizontalPodAutoscaler;
import com.pulumi.kubernetes.autoscaling.v2.HorizontalPodAutoscalerArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.CrossVersionObjectReferenceArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.HorizontalPodAutoscalerSpecArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.MetricSpecArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.MetricTargetArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.ResourceMetricSourceArgs;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.kubernetes.core.v1.SecretArgs;
import com.pulumi.kubernetes.core.v1.Service;
import com.pulumi.kubernetes.core.v1.ServiceAccount;
import com.pulumi.kubernetes.core.v1.ServiceAccountArgs;
import com.pulumi.kubernetes.core.v1.ServiceArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodTemplateSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServicePortArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServiceSpecArgs;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.networking.v1.NetworkPolicy;
import com.pulumi.kubernetes.networking.v1.NetworkPolicyArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicySpecArgs;
import com.pulumi.kubernetes.policy.v1.PodDisruptionBudget;
import com.pulumi.kubernetes.policy.v1.PodDisruptionBudgetArgs;
import com.pulumi.kubernetes.policy.v1.inputs.PodDisruptionBudgetSpecArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import io.verto.infra.kubernetes.Annotations;
import io.verto.infra.kubernetes.Labels;
import io.verto.infra.kubernetes.network.NetworkPeer;
import io.verto.infra.kubernetes.network.NetworkRule;
import io.verto.infra.kubernetes.workload.EnvVars;
import io.verto.infra.kubernetes.workload.HttpProbe;
import io.verto.infra.kubernetes.workload.SecureContainer;
import io.verto.infra.kubernetes.workload.SecurePodSpec;
import io.verto.infra.types.Cpu;
import io.verto.infra.types.Memory;
import io.verto.infra.types.Port;
import io.verto.infra.types.Resources;

import java.util.List;
import java.util.Map;

/**
 * Prometheus' mysqld-exporter for the stack's MySQL (design 6.2's VertoDatabaseConnectionHigh reads its
 * {@code mysql_global_status_threads_connected} and {@code mysql_global_variables_max_connections}): a Deployment
 * of the pinned image ({@link MysqlExporterArgs#IMAGE}) in the restricted pod of {@link SecurePodSpec}, logging in
 * as its own least-privilege user whose DSN reaches the pod only through a Secret made from a Pulumi secret; a
 * ClusterIP Service {@value #NAME} with the port {@code metrics} ({@value #PORT}) for a ServiceMonitor or the plain
 * scrape config; a NetworkPolicy that lets only the monitoring namespace in, on that port, and the pod out only to
 * DNS and MySQL's ranges; a PodDisruptionBudget, and an HPA when asked.
 */
public class MysqlExporter extends ComponentResource {
    public static final String TYPE = "verto:monitoring:MysqlExporter";
    public static final String NAME = "mysqld-exporter";
    public static final int PORT = 9104;
    /** The metrics the alert rules read from it; scripts/exporter-test proves a real exporter exposes them. */
    public static final List<String> METRICS = List.of("mysql_up", "mysql_global_status_threads_connected",
            "mysql_global_variables_max_connections");
    static final String DSN_KEY = "DATA_SOURCE_NAME";
    /** Requests and limits of its container: a Go binary with a few MySQL connections. */
    public static final Resources RESOURCES = new Resources(Cpu.millis(50), Memory.mebibytes(64), Cpu.millis(100), Memory.mebibytes(128));

    private final Output<String> serviceName;

    public MysqlExporter(String name, MysqlExporterArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        Map<String, String> labels = Labels.of(NAME, args.partOf(), "monitoring", MysqlExporterArgs.IMAGE.version(), args.environment());
        var selector = LabelSelectorArgs.builder().matchLabels(Labels.selector(NAME, args.partOf())).build();

        var serviceAccount = new ServiceAccount(name, ServiceAccountArgs.builder().metadata(meta(args, labels))
                .automountServiceAccountToken(false).build(), child);
        // The exporter 0.14 reads its whole DSN from one variable: user:password@(host:port)/ (no database).
        Output<String> dsn = args.password().applyValue(p -> args.user() + ":" + p + "@(" + args.host() + ":" + args.port().number() + ")/");
        var secret = new Secret(name, SecretArgs.builder().metadata(meta(args, labels)).type("Opaque")
                .stringData(dsn.applyValue(d -> Map.of(DSN_KEY, d)).asSecret())
                .build(), CustomResourceOptions.builder().parent(this).additionalSecretOutputs("data", "stringData").build());

        var container = SecureContainer.builder().name(NAME).image(MysqlExporterArgs.IMAGE).resources(RESOURCES)
                .port(Port.tcp(PORT))
                // "/" is the exporter's own page: probing it never opens a MySQL connection.
                .livenessProbe(HttpProbe.of("/", 10, 20)).readinessProbe(HttpProbe.of("/", 5, 10))
                .env(List.of(EnvVars.fromSecret(NAME, DSN_KEY)))
                .build();
        var pod = SecurePodSpec.builder().serviceAccountName(serviceAccount.metadata().applyValue(m -> m.name().orElseThrow()))
                .container(container).imagePullSecret(args.imagePullSecret()).build();
        var deployment = new Deployment(name, DeploymentArgs.builder().metadata(awaitable(args, labels))
                .spec(DeploymentSpecArgs.builder().replicas(args.replicas()).selector(selector)
                        .template(PodTemplateSpecArgs.builder().metadata(ObjectMetaArgs.builder().labels(labels).build())
                                .spec(pod.toArgs()).build())
                        .build())
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(secret)
                .ignoreChanges(args.autoscaling().isPresent() ? List.of("spec.replicas") : List.of()).build());

        var service = new Service(name, ServiceArgs.builder().metadata(awaitable(args, labels))
                .spec(ServiceSpecArgs.builder().type("ClusterIP").selector(Labels.selector(NAME, args.partOf()))
                        .ports(ServicePortArgs.builder().name(SecureContainer.METRICS_PORT_NAME).port(PORT).targetPort(PORT).protocol("TCP").build())
                        .build())
                .build(), child);
        this.serviceName = service.metadata().applyValue(m -> m.name().orElseThrow());

        new NetworkPolicy(name, NetworkPolicyArgs.builder().metadata(meta(args, labels))
                .spec(NetworkPolicySpecArgs.builder().podSelector(selector).policyTypes("Ingress", "Egress")
                        .ingress(NetworkRule.of(NetworkPeer.namespace(args.monitoringNamespace()), Port.tcp(PORT)).toIngress())
                        .egress(NetworkRule.clusterDns().toEgress(), NetworkRule.to(args.databaseCidrs(), args.port()).toEgress())
                        .build())
                .build(), child);

        new PodDisruptionBudget(name, PodDisruptionBudgetArgs.builder().metadata(meta(args, labels))
                .spec(PodDisruptionBudgetSpecArgs.builder().maxUnavailable(1).selector(selector).build())
                .build(), child);

        args.autoscaling().ifPresent(range -> new HorizontalPodAutoscaler(name, HorizontalPodAutoscalerArgs.builder()
                .metadata(meta(args, labels))
                .spec(HorizontalPodAutoscalerSpecArgs.builder()
                        .scaleTargetRef(CrossVersionObjectReferenceArgs.builder().apiVersion("apps/v1").kind("Deployment")
                                .name(deployment.metadata().applyValue(m -> m.name().orElseThrow())).build())
                        .minReplicas(range.minReplicas()).maxReplicas(range.maxReplicas())
                        .metrics(MetricSpecArgs.builder().type("Resource").resource(ResourceMetricSourceArgs.builder().name("cpu")
                                .target(MetricTargetArgs.builder().type("Utilization").averageUtilization(range.targetCpuPercent().value()).build())
                                .build()).build())
                        .build())
                .build(), child));

        registerOutputs(Map.of("serviceName", serviceName));
    }

    private static ObjectMetaArgs meta(MysqlExporterArgs args, Map<String, String> labels) {
        return ObjectMetaArgs.builder().name(NAME).namespace(args.namespace()).labels(labels).build();
    }

    private static ObjectMetaArgs awaitable(MysqlExporterArgs args, Map<String, String> labels) {
        return ObjectMetaArgs.builder().name(NAME).namespace(args.namespace()).labels(labels)
                .annotations(Annotations.skipAwait(args.skipAwait())).build();
    }

    /** The exporter's Service, which the scrape objects select. */
    public Output<String> serviceName() { return serviceName; }
}
