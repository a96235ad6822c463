package io.verto.infra.kubernetes.namespace;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.LimitRange;
import com.pulumi.kubernetes.core.v1.LimitRangeArgs;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.core.v1.ResourceQuota;
import com.pulumi.kubernetes.core.v1.ResourceQuotaArgs;
import com.pulumi.kubernetes.core.v1.inputs.LimitRangeItemArgs;
import com.pulumi.kubernetes.core.v1.inputs.LimitRangeSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.ResourceQuotaSpecArgs;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.networking.v1.NetworkPolicy;
import com.pulumi.kubernetes.networking.v1.NetworkPolicyArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicySpecArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import io.verto.infra.kubernetes.Labels;
import io.verto.infra.kubernetes.network.NetworkPeer;
import io.verto.infra.kubernetes.network.NetworkRule;
import io.verto.infra.types.ContainerLimits;
import io.verto.infra.types.Port;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A namespace that is safe before anything is deployed into it: Pod Security Admission at
 * {@code restricted} (enforce, audit and warn), a ResourceQuota, a LimitRange, and a default-deny
 * NetworkPolicy for ingress and egress, so every workload must open exactly what it needs.
 */
public class SecureNamespace extends ComponentResource {
    public static final String TYPE = "verto:kubernetes:SecureNamespace";

    /** The label cert-manager puts on its HTTP-01 solver pods. */
    public static final String ACME_SOLVER_LABEL = "acme.cert-manager.io/http01-solver";
    /** The port cert-manager's HTTP-01 solver listens on. */
    public static final Port ACME_SOLVER_PORT = Port.tcp(8089);

    private final Output<String> namespaceName;

    public SecureNamespace(String name, SecureNamespaceArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var child = CustomResourceOptions.builder().parent(this).build();

        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("name", args.name());
        labels.put(Labels.ENVIRONMENT, args.environment());
        labels.put(Labels.PART_OF, args.partOf());
        labels.put(Labels.MANAGED_BY, Labels.MANAGER);
        for (String mode : new String[] {"enforce", "audit", "warn"}) {
            labels.put("pod-security.kubernetes.io/" + mode, args.podSecurityLevel());
            labels.put("pod-security.kubernetes.io/" + mode + "-version", "latest");
        }

        var namespace = new Namespace(name, NamespaceArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(args.name()).labels(labels).build())
                .build(), CustomResourceOptions.builder().parent(this).protect(args.protect()).build());
        // Children read the name from the Namespace's output, so they wait for it to exist.
        this.namespaceName = namespace.metadata().applyValue(m -> m.name().orElseThrow());

        new ResourceQuota(name + "-quota", ResourceQuotaArgs.builder()
                .metadata(meta(name + "-quota", args))
                .spec(ResourceQuotaSpecArgs.builder().hard(args.quota().hard()).build())
                .build(), child);

        ContainerLimits limits = args.containerLimits();
        new LimitRange(name + "-limits", LimitRangeArgs.builder()
                .metadata(meta(name + "-limits", args))
                .spec(LimitRangeSpecArgs.builder().limits(LimitRangeItemArgs.builder()
                        .type("Container")
                        .default_(limits.defaults().limitMap())
                        .defaultRequest(limits.defaults().requestMap())
                        .min(Map.of("cpu", limits.minCpu().toString(), "memory", limits.minMemory().toString()))
                        .max(Map.of("cpu", limits.maxCpu().toString(), "memory", limits.maxMemory().toString()))
                        .build()).build())
                .build(), child);

        new NetworkPolicy(name + "-default-deny", NetworkPolicyArgs.builder()
                .metadata(meta("default-deny-all", args))
                .spec(NetworkPolicySpecArgs.builder()
                        .podSelector(LabelSelectorArgs.builder().build())
                        .policyTypes("Ingress", "Egress")
                        .build())
                .build(), child);

        args.acmeHttp01SolverFrom().ifPresent(controller -> new NetworkPolicy(name + "-acme-http01-solver", NetworkPolicyArgs.builder()
                .metadata(meta("allow-acme-http01-solver", args))
                .spec(NetworkPolicySpecArgs.builder()
                        .podSelector(LabelSelectorArgs.builder().matchLabels(Map.of(ACME_SOLVER_LABEL, "true")).build())
                        .policyTypes("Ingress")
                        .ingress(NetworkRule.of(NetworkPeer.namespace(controller), ACME_SOLVER_PORT).toIngress())
                        .build())
                .build(), child));

        registerOutputs(Map.of("namespaceName", namespaceName));
    }

    private ObjectMetaArgs meta(String objectName, SecureNamespaceArgs args) {
        return ObjectMetaArgs.builder()
                .name(objectName)
                .namespace(namespaceName)
                .labels(Map.of(Labels.PART_OF, args.partOf(), Labels.MANAGED_BY, Labels.MANAGER, Labels.ENVIRONMENT, args.environment()))
                .build();
    }

    /** The namespace's name, resolved once the Namespace exists. */
    public Output<String> namespaceName() {
        return namespaceName;
    }
}
