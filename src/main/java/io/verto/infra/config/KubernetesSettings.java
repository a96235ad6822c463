package io.verto.infra.config;

import java.util.List;
import java.util.Optional;

/**
 * Where the stack's objects go and what the cluster around them looks like.
 *
 * @param context                    kubeconfig context of the target cluster
 * @param renderDirectory            when set, manifests are written here instead and no cluster is contacted
 * @param namespace                  the namespace everything lands in
 * @param ingressControllerNamespace namespace of the ingress-nginx controller, allowed in by NetworkPolicy
 * @param clusterIssuer              cert-manager ClusterIssuer that signs the TLS certificate
 * @param imagePullSecret            the registry pull secret's name, if images are private
 * @param spreadAcrossZones          spread each service's pods across availability zones
 * @param skipAwait                  don't wait for rollouts, endpoints and ingress addresses (API servers without nodes)
 */
public record KubernetesSettings(Optional<String> context, Optional<String> renderDirectory, String namespace,
                                 String ingressControllerNamespace, String clusterIssuer, Optional<String> imagePullSecret,
                                 boolean spreadAcrossZones, boolean skipAwait) {

    static final Setting KUBE_CONTEXT = Setting.optional("kubeContext", "<kubeconfig-context>", "none",
            "kubeconfig context of the stack's cluster; this or `renderDirectory` is required");
    static final Setting RENDER_DIRECTORY = Setting.optional("renderDirectory", "rendered/{stack}", "none",
            "write manifests to this directory instead of applying them (wins over `kubeContext`)");
    static final Setting NAMESPACE = Setting.required("namespace", "verto-{stack}", "the Kubernetes namespace everything lands in");
    static final Setting INGRESS_CONTROLLER_NAMESPACE = Setting.defaulting("ingressControllerNamespace", "ingress-nginx",
            "namespace of the ingress controller, allowed in by NetworkPolicy");
    static final Setting CLUSTER_ISSUER = Setting.defaulting("clusterIssuer", "letsencrypt-prod",
            "cert-manager ClusterIssuer that signs the ingress certificate");
    static final Setting IMAGE_PULL_SECRET = Setting.defaulting("imagePullSecret", "registry-secret",
            "the registry pull secret's name; `none` for public images");
    static final Setting SPREAD_ACROSS_ZONES = Setting.optional("spreadAcrossZones", "true", "true in production, else false",
            "spread each service's pods across availability zones (required, not best effort)");

    static final Setting SKIP_AWAIT = Setting.defaulting("skipAwait", "false",
            "`true`: `pulumi up` does not wait for rollouts, Service endpoints and Ingress addresses "
                    + "(`pulumi.com/skipAwait`); only for API servers without nodes, such as the apply test");

    /** The settings this section reads, in the order the reference lists them. */
    public static final List<Setting> SETTINGS = List.of(KUBE_CONTEXT, RENDER_DIRECTORY, NAMESPACE,
            INGRESS_CONTROLLER_NAMESPACE, CLUSTER_ISSUER, IMAGE_PULL_SECRET, SPREAD_ACROSS_ZONES, SKIP_AWAIT);

    static Optional<KubernetesSettings> read(ConfigReader r, Optional<Environment> environment) {
        Optional<String> context = r.text(KUBE_CONTEXT);
        Optional<String> renderDirectory = r.text(RENDER_DIRECTORY);
        if (context.isEmpty() && renderDirectory.isEmpty()) {
            r.problem(KUBE_CONTEXT, "is required: the stack names neither a cluster (kubeContext) nor a render directory (renderDirectory)",
                    r.setCommand(KUBE_CONTEXT, KUBE_CONTEXT.example()) + ", or set verto:renderDirectory to only write manifests");
        }
        Optional<String> namespace = r.read(NAMESPACE,
                v -> Checks.matching(v, Checks.DNS_LABEL, "a Kubernetes namespace name (lower-case letters, digits and '-', at most 63)"));
        String controllerNamespace = r.readOrDefault(INGRESS_CONTROLLER_NAMESPACE, v -> Checks.matching(v, Checks.DNS_LABEL, "a namespace name"));
        String clusterIssuer = r.readOrDefault(CLUSTER_ISSUER, v -> Checks.matching(v, Checks.DNS_LABEL, "a ClusterIssuer name"));
        String pullSecret = r.readOrDefault(IMAGE_PULL_SECRET, v -> Checks.matching(v, Checks.DNS_LABEL, "a Secret name, or 'none' for public images"));
        Optional<Boolean> spread = r.read(SPREAD_ACROSS_ZONES, Checks::bool);
        boolean skipAwait = r.readOrDefault(SKIP_AWAIT, Checks::bool);

        if (namespace.isEmpty() || (context.isEmpty() && renderDirectory.isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(new KubernetesSettings(context, renderDirectory, namespace.get(), controllerNamespace, clusterIssuer,
                pullSecret.equals("none") ? Optional.empty() : Optional.of(pullSecret),
                spread.orElse(environment.map(e -> e == Environment.PRODUCTION).orElse(false)), skipAwait));
    }
}
