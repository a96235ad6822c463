package io.verto.infra.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where the stack's objects go and what the cluster around them looks like.
 *
 * @param context                    kubeconfig context of the target cluster
 * @param renderDirectory            when set, manifests are written here instead and no cluster is contacted
 * @param namespace                  the namespace everything lands in
 * @param ingressControllerNamespace namespace of the ingress-nginx controller, allowed in by NetworkPolicy
 * @param clusterIssuer              cert-manager ClusterIssuer that signs the TLS certificate
 * @param acmeChallenge              how cert-manager proves the domain: HTTP-01 through the ingress, or DNS-01
 * @param registryAccess             how pods authenticate to the image registry
 * @param spreadAcrossZones          spread each service's pods across availability zones
 * @param skipAwait                  don't wait for rollouts, endpoints and ingress addresses (API servers without nodes)
 */
public record KubernetesSettings(Optional<String> context, Optional<String> renderDirectory, String namespace,
                                 String ingressControllerNamespace, String clusterIssuer, AcmeChallenge acmeChallenge,
                                 RegistryAccess registryAccess, boolean spreadAcrossZones, boolean skipAwait) {

    /** How cert-manager proves control of the domain. */
    public enum AcmeChallenge {
        /** Through the ingress: the namespace lets the ingress controller reach the solver pods. */
        HTTP01,
        /** Through DNS records, set up in the ClusterIssuer: nothing is opened in the namespace. */
        DNS01
    }

    /** How pods pull their images: anonymously, with a pull secret that exists, or with one this program creates. */
    public sealed interface RegistryAccess {
        /** Public images: no pull secret referenced. */
        record Anonymous() implements RegistryAccess { }

        /** A pull secret created outside this program, referenced by name. */
        record ExistingSecret(String name) implements RegistryAccess { }

        /** A pull secret this program creates from the user name and the Pulumi secret password. */
        record Credentials(String username, SecretValue password) implements RegistryAccess { }
    }

    static final Setting KUBE_CONTEXT = Setting.optional("kubeContext", "<kubeconfig-context>", "none",
            "kubeconfig context of the stack's cluster; this or `renderDirectory` is required");
    static final Setting RENDER_DIRECTORY = Setting.optional("renderDirectory", "rendered/{stack}", "none",
            "write manifests to this directory instead of applying them (wins over `kubeContext`)");
    static final Setting NAMESPACE = Setting.required("namespace", "verto-{stack}", "the Kubernetes namespace everything lands in");
    static final Setting INGRESS_CONTROLLER_NAMESPACE = Setting.defaulting("ingressControllerNamespace", "ingress-nginx",
            "namespace of the ingress controller, allowed in by NetworkPolicy");
    static final Setting CLUSTER_ISSUER = Setting.defaulting("clusterIssuer", "letsencrypt-prod",
            "cert-manager ClusterIssuer that signs the ingress certificate");
    static final Setting ACME_CHALLENGE = Setting.optional("acmeChallenge", "dns01", "`dns01` with the CDN, else `http01`",
            "how cert-manager proves the domain: `http01` (the namespace admits its solver from the ingress controller) or `dns01` "
                    + "(the ClusterIssuer needs a dns01 solver); with the CDN only `dns01` works, as HTTP-01 would go through CloudFront");
    static final Setting IMAGE_PULL_SECRET = Setting.optional("imagePullSecret", "registry-secret", "none",
            "name of an existing pull secret in the namespace to use (instead of `registryUsername`/`registryPassword`)");
    static final Setting REGISTRY_USERNAME = Setting.optional("registryUsername", "deploy-token", "none: public images",
            "user for the image registry (e.g. a GitLab deploy token's name); the program creates the pull secret `registry-secret`");
    static final Setting REGISTRY_PASSWORD = Setting.optionalSecret("registryPassword", "none",
            "password or token for `registryUsername`");
    static final Setting SPREAD_ACROSS_ZONES = Setting.optional("spreadAcrossZones", "true", "true in production, else false",
            "spread each service's pods across availability zones (required, not best effort)");

    static final Setting SKIP_AWAIT = Setting.defaulting("skipAwait", "false",
            "`true`: `pulumi up` does not wait for rollouts, Service endpoints and Ingress addresses "
                    + "(`pulumi.com/skipAwait`); only for API servers without nodes, such as the apply test");

    /** The settings this section reads, in the order the reference lists them. */
    public static final List<Setting> SETTINGS = List.of(KUBE_CONTEXT, RENDER_DIRECTORY, NAMESPACE,
            INGRESS_CONTROLLER_NAMESPACE, CLUSTER_ISSUER, ACME_CHALLENGE, IMAGE_PULL_SECRET, REGISTRY_USERNAME, REGISTRY_PASSWORD,
            SPREAD_ACROSS_ZONES, SKIP_AWAIT);

    /** Reads the section; {@code cdn} is whether the stack puts CloudFront in front of the ingress. */
    static Optional<KubernetesSettings> read(ConfigReader r, Optional<Environment> environment, boolean cdn) {
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
        Optional<AcmeChallenge> challenge = acmeChallenge(r, cdn);
        Optional<RegistryAccess> registryAccess = registryAccess(r);
        Optional<Boolean> spread = r.read(SPREAD_ACROSS_ZONES, Checks::bool);
        boolean skipAwait = r.readOrDefault(SKIP_AWAIT, Checks::bool);

        if (namespace.isEmpty() || (context.isEmpty() && renderDirectory.isEmpty()) || registryAccess.isEmpty() || challenge.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new KubernetesSettings(context, renderDirectory, namespace.get(), controllerNamespace, clusterIssuer,
                challenge.get(), registryAccess.get(), spread.orElse(environment.map(e -> e == Environment.PRODUCTION).orElse(false)), skipAwait));
    }

    /**
     * DNS-01 by default with the CDN, HTTP-01 without. With the CDN the aliases' DNS points at CloudFront, so
     * Let's Encrypt's HTTP-01 request would reach the ingress through CloudFront, which talks to the origin over
     * HTTPS only and fails while the origin has no valid certificate (first issuance, a new alias, an expired one).
     */
    private static Optional<AcmeChallenge> acmeChallenge(ConfigReader r, boolean cdn) {
        String fallback = cdn ? "dns01" : "http01";
        String v = r.text(ACME_CHALLENGE).map(String::trim).orElse(fallback);
        if (!Set.of("http01", "dns01").contains(v)) {
            r.problem(ACME_CHALLENGE, "'" + v + "' is not one of [dns01, http01]", r.setCommand(ACME_CHALLENGE, fallback));
            return Optional.empty();
        }
        if (cdn && v.equals("http01")) {
            r.problem(ACME_CHALLENGE, "is http01, but with the CDN the aliases' DNS points at CloudFront: Let's Encrypt's HTTP-01 request "
                    + "goes through CloudFront, which reaches the ingress over HTTPS only and fails while the origin has no valid "
                    + "certificate, so issuance and renewal fail. Use DNS-01, and give the ClusterIssuer a dns01 solver for the "
                    + "aliases' zone (scripts/preflight checks it)", r.setCommand(ACME_CHALLENGE, "dns01"));
            return Optional.empty();
        }
        return Optional.of(AcmeChallenge.valueOf(v.toUpperCase(Locale.ROOT)));
    }

    /** Anonymous by default; an existing secret by name, or credentials for one to create; never both. */
    private static Optional<RegistryAccess> registryAccess(ConfigReader r) {
        Optional<String> existing = r.read(IMAGE_PULL_SECRET, v -> Checks.matching(v, Checks.DNS_LABEL, "a Secret name"));
        Optional<String> username = r.read(REGISTRY_USERNAME, v -> v);
        Optional<SecretValue> password = r.secret(REGISTRY_PASSWORD);
        boolean passwordGiven = r.text(REGISTRY_PASSWORD).isPresent();
        if (existing.isPresent() && (username.isPresent() || passwordGiven)) {
            r.problem(IMAGE_PULL_SECRET, "names an existing pull secret, but registryUsername/registryPassword ask for a new one",
                    "pulumi config rm " + r.key(IMAGE_PULL_SECRET) + " --stack " + r.stack() + " (or remove the registry credentials)");
            return Optional.empty();
        }
        if (username.isPresent() != passwordGiven) {
            Setting missing = username.isPresent() ? REGISTRY_PASSWORD : REGISTRY_USERNAME;
            r.problem(missing, "is needed with " + (username.isPresent() ? "registryUsername" : "registryPassword"),
                    missing == REGISTRY_PASSWORD
                            ? "pulumi config set --secret " + r.key(REGISTRY_PASSWORD) + " <token> --stack " + r.stack()
                            : r.setCommand(REGISTRY_USERNAME, REGISTRY_USERNAME.example()));
            return Optional.empty();
        }
        if (username.isPresent()) {
            return password.map(p -> new RegistryAccess.Credentials(username.get(), p));
        }
        return Optional.of(existing.<RegistryAccess>map(RegistryAccess.ExistingSecret::new).orElseGet(RegistryAccess.Anonymous::new));
    }
}
