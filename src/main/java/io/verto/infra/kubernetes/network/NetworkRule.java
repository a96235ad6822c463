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
 * @param peers who is allowed (any of them); {@link NetworkPeer#anywhere()} alone opens the ports to every address
 * @param ports which ports; never empty, so no rule opens every port by accident
 */
public record NetworkRule(List<NetworkPeer> peers, List<Port> ports) {
    public NetworkRule {
        if (peers == null || peers.isEmpty() || ports == null || ports.isEmpty()) {
            throw new IllegalArgumentException("a network rule needs a peer and at least one port");
        }
        peers = List.copyOf(peers);
        ports = List.copyOf(ports);
        if (peers.size() > 1 && peers.stream().anyMatch(p -> p.toArgs().isEmpty())) {
            throw new IllegalArgumentException("'anywhere' cannot be combined with other peers: it already allows every address");
        }
    }

    public static NetworkRule of(NetworkPeer peer, Port... ports) {
        return new NetworkRule(List.of(peer), List.of(ports));
    }

    /**
     * These ports on any of these address ranges (every subnet a data store can be in, e.g. each one a Multi-AZ
     * database may fail over to); none: any address, visibly ({@link NetworkPeer#anywhere()}).
     */
    public static NetworkRule to(List<String> cidrs, Port... ports) {
        List<NetworkPeer> peers = cidrs.isEmpty() ? List.of(NetworkPeer.anywhere()) : cidrs.stream().map(NetworkPeer::cidr).toList();
        return new NetworkRule(peers, List.of(ports));
    }

    /** Where NodeLocal DNSCache listens on every node (its documented default address). */
    public static final String NODE_LOCAL_DNS = "169.254.20.10/32";

    /**
     * DNS on 53/UDP and 53/TCP to the cluster's resolvers: any pod in {@code kube-system} (CoreDNS or
     * kube-dns, whatever their labels) and NodeLocal DNSCache's node-local address. Not to the internet.
     */
    public static NetworkRule clusterDns() {
        return new NetworkRule(List.of(NetworkPeer.namespace("kube-system"), NetworkPeer.cidr(NODE_LOCAL_DNS)),
                List.of(Port.udp(53), Port.tcp(53)));
    }

    private List<NetworkPolicyPortArgs> portArgs() {
        return ports.stream()
                .map(p -> NetworkPolicyPortArgs.builder().port(p.number()).protocol(p.protocol().name()).build())
                .toList();
    }

    private List<NetworkPolicyPeerArgs> peerArgs() {
        return peers.stream().flatMap(p -> p.toArgs().stream()).toList();
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
