package io.verto.infra.platform;

import com.pulumi.core.Output;
import io.verto.infra.kubernetes.Labels;
import io.verto.infra.kubernetes.network.NetworkPeer;
import io.verto.infra.kubernetes.network.NetworkRule;
import io.verto.infra.kubernetes.workload.SecureContainer;
import io.verto.infra.kubernetes.workload.WebService;
import io.verto.infra.kubernetes.workload.WebServiceArgs;
import io.verto.infra.types.Capacity;
import io.verto.infra.types.Scaling;

import java.util.List;

/**
 * One catalogue entry resolved for a stack ({@link StackPlan}): its container as it will run, its pod count,
 * and the network rules its NetworkPolicy allows. Becomes a {@link WebService}.
 *
 * @param entry     the service as the catalogue states it
 * @param container its container with the stack's image tag, size and environment
 * @param scaling   its pod count, fixed or autoscaled
 * @param ingress   who may connect to it
 * @param egress    what it may connect to (DNS is always allowed)
 */
public record ServicePlan(ServiceEntry entry, SecureContainer container, Scaling scaling, List<NetworkRule> ingress,
                          List<NetworkRule> egress) {
    public ServicePlan {
        ingress = List.copyOf(ingress);
        egress = List.copyOf(egress);
    }

    /** Deployment and label name of a service's workload: {@code verto-<service>}. */
    public static String workloadName(String service) {
        return VertoApplication.NAME + "-" + service;
    }

    /** A service's pods as a NetworkPolicy peer, known before its WebService exists. */
    public static NetworkPeer podsOf(String service) {
        return NetworkPeer.pods(Labels.selector(workloadName(service), VertoApplication.NAME));
    }

    /** The catalogue name, e.g. {@code frontend}. */
    public String component() {
        return entry.name();
    }

    /** The workload's name, e.g. {@code verto-frontend}. */
    public String name() {
        return workloadName(entry.name());
    }

    /** What the service can take at its highest pod count plus the pods a rolling update adds. */
    public Capacity capacity() {
        return Capacity.of(container.resources(), scaling.maxReplicas() + WebService.MAX_SURGE);
    }

    /** The WebService arguments in a namespace, with the stack-wide choices still to add. */
    WebServiceArgs.Builder toArgs(Output<String> namespace, String environment) {
        return WebServiceArgs.builder()
                .namespace(namespace)
                .name(name())
                .component(component())
                .partOf(VertoApplication.NAME)
                .environment(environment)
                .container(container)
                .scaling(scaling)
                .allowIngress(ingress)
                .allowEgress(egress);
    }
}
