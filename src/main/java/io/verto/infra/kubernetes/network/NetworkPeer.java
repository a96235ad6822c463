package io.verto.infra.kubernetes.network;

import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IPBlockArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPeerArgs;

import java.util.Map;
import java.util.Optional;

/**
 * Who may talk to (or be talked to by) a workload, in NetworkPolicy terms. Use the factories;
 * {@link #anywhere()} is deliberately the only way to open a port to every address.
 */
public final class NetworkPeer {
    /** Label every namespace gets from Kubernetes itself (1.21+), unlike the design's custom {@code name} label. */
    public static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

    private final Optional<NetworkPolicyPeerArgs> peer;
    private final String description;

    private NetworkPeer(Optional<NetworkPolicyPeerArgs> peer, String description) {
        this.peer = peer;
        this.description = description;
    }

    /** Pods in the same namespace with these labels. */
    public static NetworkPeer pods(Map<String, String> labels) {
        return new NetworkPeer(Optional.of(NetworkPolicyPeerArgs.builder()
                .podSelector(LabelSelectorArgs.builder().matchLabels(labels).build()).build()), "pods " + labels);
    }

    /** Every pod in the named namespace. */
    public static NetworkPeer namespace(String name) {
        return new NetworkPeer(Optional.of(NetworkPolicyPeerArgs.builder()
                .namespaceSelector(LabelSelectorArgs.builder().matchLabels(Map.of(NAMESPACE_NAME_LABEL, name)).build())
                .build()), "namespace " + name);
    }

    /** Pods with these labels in the named namespace. */
    public static NetworkPeer namespacePods(String namespace, Map<String, String> labels) {
        return new NetworkPeer(Optional.of(NetworkPolicyPeerArgs.builder()
                .namespaceSelector(LabelSelectorArgs.builder().matchLabels(Map.of(NAMESPACE_NAME_LABEL, namespace)).build())
                .podSelector(LabelSelectorArgs.builder().matchLabels(labels).build())
                .build()), "pods " + labels + " in namespace " + namespace);
    }

    /** An address range, e.g. a managed database's subnet. */
    public static NetworkPeer cidr(String cidr) {
        return new NetworkPeer(Optional.of(NetworkPolicyPeerArgs.builder()
                .ipBlock(IPBlockArgs.builder().cidr(cidr).build()).build()), "addresses " + cidr);
    }

    /** Any address at all: only the port limits the rule. */
    public static NetworkPeer anywhere() {
        return new NetworkPeer(Optional.empty(), "anywhere");
    }

    /** The peer selector; empty for {@link #anywhere()}, which NetworkPolicy writes as no {@code to}/{@code from}. */
    public Optional<NetworkPolicyPeerArgs> toArgs() {
        return peer;
    }

    @Override
    public String toString() {
        return description;
    }
}
