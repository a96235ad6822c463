package io.verto.infra.kubernetes.workload;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.apps.v1.Deployment;
import com.pulumi.kubernetes.apps.v1.DeploymentArgs;
import com.pulumi.kubernetes.apps.v1.inputs.DeploymentSpecArgs;
import com.pulumi.kubernetes.apps.v1.inputs.DeploymentStrategyArgs;
import com.pulumi.kubernetes.apps.v1.inputs.RollingUpdateDeploymentArgs;
import com.pulumi.kubernetes.autoscaling.v2.HorizontalPodAutoscaler;
import com.pulumi.kubernetes.autoscaling.v2.HorizontalPodAutoscalerArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.CrossVersionObjectReferenceArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.HorizontalPodAutoscalerSpecArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.MetricSpecArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.MetricTargetArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.ResourceMetricSourceArgs;
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
import io.verto.infra.kubernetes.network.NetworkRule;
import io.verto.infra.types.Percent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A stateless HTTP service: ServiceAccount, Deployment, ClusterIP Service, PodDisruptionBudget, its own
 * NetworkPolicy allow-list, and a HorizontalPodAutoscaler when autoscaling is given.
 *
 * <p>Secure by default, with nothing to switch on: non-root uid, no privilege escalation, all
 * capabilities dropped, read-only root filesystem (writable emptyDirs only where asked), seccomp
 * RuntimeDefault, no service-account token, requests and limits, liveness and readiness probes, and a
 * rolling update that never goes below the desired pod count (maxUnavailable 0, maxSurge 1).
 */
public class WebService extends ComponentResource {
    public static final String TYPE = "verto:kubernetes:WebService";

    /** Pods a rolling update may add on top of the desired count. Quotas must leave room for them. */
    public static final int MAX_SURGE = 1;

    private final Output<String> deploymentName;
    private final Output<String> serviceName;
    private final Map<String, String> selectorLabels;
    private final int servicePort;

    public WebService(String name, WebServiceArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        this.selectorLabels = Labels.selector(args.name(), args.partOf());
        this.servicePort = args.servicePort();
        Map<String, String> labels = Labels.of(args.name(), args.partOf(), args.component(), args.container().image().version(), args.environment());

        var serviceAccount = new ServiceAccount(name, ServiceAccountArgs.builder()
                .metadata(meta(args.name(), args, labels))
                .automountServiceAccountToken(false)
                .build(), child);

        // With an HPA the replica count belongs to the HPA: Pulumi sets it once and then leaves it alone.
        var deploymentOptions = args.scaling().autoscaling().isPresent()
                ? CustomResourceOptions.builder().parent(this).ignoreChanges("spec.replicas").build()
                : child;
        var deployment = new Deployment(name, DeploymentArgs.builder()
                .metadata(awaitable(args.name(), args, labels))
                .spec(DeploymentSpecArgs.builder()
                        .replicas(args.scaling().replicas())
                        .selector(selector())
                        .strategy(DeploymentStrategyArgs.builder().type("RollingUpdate")
                                .rollingUpdate(RollingUpdateDeploymentArgs.builder().maxUnavailable(0).maxSurge(MAX_SURGE).build())
                                .build())
                        .template(PodTemplateSpecArgs.builder()
                                .metadata(ObjectMetaArgs.builder().labels(labels).build())
                                .spec(podSpec(args, serviceAccount).toArgs())
                                .build())
                        .build())
                .build(), deploymentOptions);
        this.deploymentName = deployment.metadata().applyValue(m -> m.name().orElseThrow());

        var service = new Service(name, ServiceArgs.builder()
                .metadata(awaitable(args.serviceName(), args, labels))
                .spec(ServiceSpecArgs.builder()
                        .type("ClusterIP")
                        .selector(selectorLabels)
                        .ports(servicePorts(args))
                        .build())
                .build(), child);
        this.serviceName = service.metadata().applyValue(m -> m.name().orElseThrow());

        new PodDisruptionBudget(name, PodDisruptionBudgetArgs.builder()
                .metadata(meta(args.name(), args, labels))
                .spec(PodDisruptionBudgetSpecArgs.builder()
                        .maxUnavailable(args.maxUnavailableDuringDisruption())
                        .selector(selector())
                        .build())
                .build(), child);

        args.scaling().autoscaling().ifPresent(scaling -> new HorizontalPodAutoscaler(name, HorizontalPodAutoscalerArgs.builder()
                .metadata(meta(args.name(), args, labels))
                .spec(HorizontalPodAutoscalerSpecArgs.builder()
                        .scaleTargetRef(CrossVersionObjectReferenceArgs.builder()
                                .apiVersion("apps/v1").kind("Deployment").name(deploymentName).build())
                        .minReplicas(scaling.minReplicas())
                        .maxReplicas(scaling.maxReplicas())
                        .metrics(utilisation("cpu", scaling.targetCpuPercent()), utilisation("memory", scaling.targetMemoryPercent()))
                        .build())
                .build(), child));

        List<NetworkRule> egress = new ArrayList<>();
        egress.add(NetworkRule.clusterDns());
        egress.addAll(args.egress());
        var networkSpec = NetworkPolicySpecArgs.builder()
                .podSelector(selector())
                .policyTypes("Ingress", "Egress")
                .egress(egress.stream().map(NetworkRule::toEgress).toList());
        if (!args.ingress().isEmpty()) {
            networkSpec.ingress(args.ingress().stream().map(NetworkRule::toIngress).toList());
        }
        new NetworkPolicy(name, NetworkPolicyArgs.builder()
                .metadata(meta(args.name(), args, labels))
                .spec(networkSpec.build())
                .build(), child);

        registerOutputs(Map.of("deploymentName", deploymentName, "serviceName", serviceName));
    }

    /** The HTTP port, and the metrics port under its own number when the container has one. */
    private static List<ServicePortArgs> servicePorts(WebServiceArgs args) {
        List<ServicePortArgs> ports = new ArrayList<>();
        ports.add(ServicePortArgs.builder().name(SecureContainer.PORT_NAME).protocol("TCP")
                .port(args.servicePort()).targetPort(SecureContainer.PORT_NAME).build());
        args.container().metricsPort().ifPresent(p -> ports.add(ServicePortArgs.builder().name(SecureContainer.METRICS_PORT_NAME)
                .protocol(p.protocol().name()).port(p.number()).targetPort(SecureContainer.METRICS_PORT_NAME).build()));
        return ports;
    }

    private static ObjectMetaArgs meta(String objectName, WebServiceArgs args, Map<String, String> labels) {
        return ObjectMetaArgs.builder().name(objectName).namespace(args.namespace()).labels(labels).build();
    }

    /** Metadata of an object whose readiness {@code pulumi up} waits for, unless told to skip. */
    private static ObjectMetaArgs awaitable(String objectName, WebServiceArgs args, Map<String, String> labels) {
        if (!args.skipAwait()) {
            return meta(objectName, args, labels);
        }
        return ObjectMetaArgs.builder().name(objectName).namespace(args.namespace()).labels(labels)
                .annotations(Annotations.skipAwait(true)).build();
    }

    private LabelSelectorArgs selector() {
        return LabelSelectorArgs.builder().matchLabels(selectorLabels).build();
    }

    private static SecurePodSpec podSpec(WebServiceArgs args, ServiceAccount serviceAccount) {
        var pod = SecurePodSpec.builder()
                .serviceAccountName(serviceAccount.metadata().applyValue(m -> m.name().orElseThrow()))
                .container(args.container())
                .runAsUser(args.runAsUser())
                .imagePullSecret(args.imagePullSecret());
        if (args.spreadAcrossZones()) {
            pod.spreadAcrossZones(Labels.selector(args.name(), args.partOf()));
        }
        return pod.build();
    }

    private static MetricSpecArgs utilisation(String resource, Percent percent) {
        return MetricSpecArgs.builder().type("Resource")
                .resource(ResourceMetricSourceArgs.builder().name(resource)
                        .target(MetricTargetArgs.builder().type("Utilization").averageUtilization(percent.value()).build())
                        .build())
                .build();
    }

    public Output<String> deploymentName() {
        return deploymentName;
    }

    public Output<String> serviceName() {
        return serviceName;
    }

    public int servicePort() {
        return servicePort;
    }
}
