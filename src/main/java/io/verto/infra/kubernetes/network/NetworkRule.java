package io.verto.infra.kubernetes.network;

import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyEgressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyIngressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPeerArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPortArgs;
import io.verto.infra.types.Port;

import java.util.List;
import java.util.Optional;

/**
 * One allow rule of a NetworkPolicy: these peers, on these ports.
 *
 * @param peer  who is allowed
 * @param ports which ports; never empty, so no rule opens every port by accident
 */
public record NetworkRule(NetworkPeer peer, List<Port> ports) {
    public NetworkRule {
        if (peer == null || ports == null || ports.isEmpty()) {
            throw new IllegalArgumentException("a network rule needs a peer and at least one port");
        }
        ports = List.copyOf(ports);
    }

    public static NetworkRule of(NetworkPeer peer, Port... ports) {
        return new NetworkRule(peer, List.of(ports));
    }

    /** DNS to the cluster's resolver (kube-dns / CoreDNS in kube-system) on 53/UDP and 53/TCP. */
    public static NetworkRule clusterDns() {
        return of(NetworkPeer.namespacePods("kube-system", java.util.Map.of("k8s-app", "kube-dns")), Port.udp(53), Port.tcp(53));
    }

    private List<NetworkPolicyPortArgs> portArgs() {
        return ports.stream()
                .map(p -> NetworkPolicyPortArgs.builder().port(p.number()).protocol(p.protocol().name()).build())
                .toList();
    }

    private List<NetworkPolicyPeerArgs> peerArgs() {
        return peer.toArgs().map(List::of).orElse(List.of());
    }

    public NetworkPolicyIngressRuleArgs toIngress() {
        var builder = NetworkPolicyIngressRuleArgs.builder().ports(portArgs());
        Optional.of(peerArgs()).filter(p -> !p.isEmpty()).ifPresent(builder::from);
        return builder.build();
    }

    public NetworkPolicyEgressRuleArgs toEgress() {
        var builder = NetworkPolicyEgressRuleArgs.builder().ports(portArgs());
        Optional.of(peerArgs()).filter(p -> !p.isEmpty()).ifPresent(builder::to);
        return builder.build();
    }
}
