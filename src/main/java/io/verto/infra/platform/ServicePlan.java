package io.verto.infra.platform;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarArgs;
import io.verto.infra.kubernetes.Labels;
import io.verto.infra.kubernetes.network.NetworkPeer;
import io.verto.infra.kubernetes.network.NetworkRule;
import io.verto.infra.kubernetes.workload.Probe;
import io.verto.infra.kubernetes.workload.SecureContainer;
import io.verto.infra.kubernetes.workload.WebService;
import io.verto.infra.kubernetes.workload.WebServiceArgs;
import io.verto.infra.types.Capacity;
import io.verto.infra.types.ImageRef;
import io.verto.infra.types.Port;
import io.verto.infra.types.Resources;
import io.verto.infra.types.Scaling;

import java.util.List;
import java.util.Optional;

/**
 * One service of the application, planned as a value before anything is registered: the namespace
 * quota is sized from the plans, then each plan becomes a {@link WebService}.
 *
 * @param component         {@code frontend}, {@code backend}: the container's and the labels' component name
 * @param image             the pinned image
 * @param port              the container's HTTP port
 * @param metricsPort       where the container serves Prometheus metrics, when it does
 * @param livenessProbe     restarts the container when it fails
 * @param readinessProbe    takes the pod out of rotation when it fails
 * @param env               environment variables
 * @param envFromConfigMaps ConfigMaps imported whole
 * @param resources         requests and limits of its container
 * @param scaling           its pod count, fixed or autoscaled
 * @param ingress           who may connect to it
 * @param egress            what it may connect to (DNS is always allowed)
 */
public record ServicePlan(String component, ImageRef image, Port port, Optional<Port> metricsPort, Probe livenessProbe, Probe readinessProbe,
                          List<EnvVarArgs> env, List<String> envFromConfigMaps, Resources resources, Scaling scaling,
                          List<NetworkRule> ingress, List<NetworkRule> egress) {

    /** Deployment and label name of a component's workload: {@code verto-<component>}. */
    public static String workloadName(String component) {
        return VertoApplication.NAME + "-" + component;
    }

    /** A component's pods as a NetworkPolicy peer, known before its WebService exists. */
    public static NetworkPeer podsOf(String component) {
        return NetworkPeer.pods(Labels.selector(workloadName(component), VertoApplication.NAME));
    }

    public String name() {
        return workloadName(component);
    }

    /** What the service can take at its highest pod count plus the pods a rolling update adds. */
    public Capacity capacity() {
        return Capacity.of(resources, scaling.maxReplicas() + WebService.MAX_SURGE);
    }

    /** The WebService arguments for this plan in a namespace, with the stack-wide choices. */
    WebServiceArgs.Builder toArgs(Output<String> namespace, String environment) {
        return WebServiceArgs.builder()
                .namespace(namespace)
                .name(name())
                .component(component)
                .partOf(VertoApplication.NAME)
                .environment(environment)
                .container(SecureContainer.builder()
                        .name(component)
                        .image(image)
                        .port(port)
                        .metricsPort(metricsPort.orElse(null))
                        .resources(resources)
                        .livenessProbe(livenessProbe)
                        .readinessProbe(readinessProbe)
                        .env(env)
                        .envFromConfigMaps(envFromConfigMaps)
                        .build())
                .scaling(scaling)
                .allowIngress(ingress)
                .allowEgress(egress);
    }
}
