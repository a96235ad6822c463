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

    private static final java.util.regex.Pattern USERNAME = java.util.regex.Pattern.compile("[^\\s:]{1,255}");

    static final Setting KUBE_CONTEXT = Setting.of("kubeContext", Kind.CONTEXT).requiredWhen("unless `renderDirectory` is set")
            .find("the kubeconfig context of the stack's cluster", "kubectl config get-contexts; for EKS, aws eks update-kubeconfig --name <cluster> adds it")
            .describe("kubeconfig context of the stack's cluster");
    static final Setting RENDER_DIRECTORY = Setting.of("renderDirectory", Kind.PATH).noneMeans("apply to the cluster").example("rendered/{stack}")
            .describe("write manifests to this directory instead of applying them (wins over `kubeContext`; every Secret is written as "
                    + "plain YAML there); staging and production only with `testOnly`");
    static final Setting NAMESPACE = Setting.of("namespace", Kind.NAME).required().example("verto-{stack}")
            .describe("the Kubernetes namespace everything lands in");
    static final Setting INGRESS_CONTROLLER_NAMESPACE = Setting.of("ingressControllerNamespace", Kind.NAME).defaultsTo("ingress-nginx")
            .describe("namespace of the ingress controller, allowed in by NetworkPolicy");
    static final Setting CLUSTER_ISSUER = Setting.of("clusterIssuer", Kind.NAME).defaultsTo("letsencrypt-prod")
            .describe("cert-manager ClusterIssuer that signs the ingress certificate");
    static final Setting ACME_CHALLENGE = Setting.of("acmeChallenge", Kind.CHOICE)
            .defaultsTo("`dns01` with the CDN, else `http01`", c -> c.cdn() ? "dns01" : "http01").example("dns01")
            .describe("how cert-manager proves the domain: `http01` (the namespace admits its solver from the ingress controller) or `dns01` "
                    + "(the ClusterIssuer needs a dns01 solver); with the CDN only `dns01` works, as HTTP-01 would go through CloudFront");
    static final Setting IMAGE_PULL_SECRET = Setting.of("imagePullSecret", Kind.NAME).noneMeans("").example("registry-secret")
            .describe("name of an existing pull secret in the namespace to use (instead of `registryUsername`/`registryPassword`)");
    static final Setting REGISTRY_USERNAME = Setting.of("registryUsername", Kind.USER).noneMeans("public images")
            .find("the registry user (e.g. a GitLab deploy token's name)", "the project's Settings > Repository > Deploy tokens")
            .describe("user for the image registry; the program creates the pull secret `registry-secret`");
    static final Setting REGISTRY_PASSWORD = Setting.of("registryPassword", Kind.SECRET).optionalSecret()
            .describe("password or token for `registryUsername`");
    static final Setting SPREAD_ACROSS_ZONES = Setting.of("spreadAcrossZones", Kind.BOOL)
            .defaultsTo("`true` in production, else `false`", c -> String.valueOf(c.environment().orElse(null) == Environment.PRODUCTION))
            .example("true").describe("spread each service's pods across availability zones (required, not best effort)");
    static final Setting SKIP_AWAIT = Setting.of("skipAwait", Kind.BOOL).defaultsTo("false")
            .describe("`true`: `pulumi up` does not wait for rollouts, Service endpoints and Ingress addresses "
                    + "(`pulumi.com/skipAwait`); only for API servers without nodes, such as the apply test; staging and production only with `testOnly`");

    /** The settings this section reads, in the order the reference lists them. */
    public static final List<Setting> SETTINGS = List.of(KUBE_CONTEXT, RENDER_DIRECTORY, NAMESPACE,
            INGRESS_CONTROLLER_NAMESPACE, CLUSTER_ISSUER, ACME_CHALLENGE, IMAGE_PULL_SECRET, REGISTRY_USERNAME, REGISTRY_PASSWORD,
            SPREAD_ACROSS_ZONES, SKIP_AWAIT);

    /** Reads the section; {@code cdn} is whether the stack puts CloudFront in front of the ingress. */
    static Optional<KubernetesSettings> read(ConfigReader r, Optional<Environment> environment, boolean testOnly, boolean cdn) {
        Optional<String> context = r.read(KUBE_CONTEXT, String::strip);
        Optional<String> renderDirectory = r.read(RENDER_DIRECTORY, String::strip);
        boolean real = environment.map(e -> e == Environment.STAGING || e == Environment.PRODUCTION).orElse(false) && !testOnly;
        if (renderDirectory.isPresent() && real) {
            // Render-only applies nothing and writes every Secret as plain YAML: never what a real stack means.
            r.problem(RENDER_DIRECTORY, "renders manifests instead of applying them, and writes every Secret in plain YAML: not for a "
                    + environment.get().id() + " stack (test harnesses set verto:testOnly)",
                    context.isPresent() ? r.rm(RENDER_DIRECTORY) : r.rm(RENDER_DIRECTORY).then(r.propose(KUBE_CONTEXT)));
        }
        if (renderDirectory.isEmpty()) {
            r.require(KUBE_CONTEXT, "unless verto:renderDirectory is set: the stack names no cluster");
        }
        Optional<String> namespace = r.read(NAMESPACE, v -> Checks.name(v, "a Kubernetes namespace name"));
        String controllerNamespace = r.readOrDefault(INGRESS_CONTROLLER_NAMESPACE, v -> Checks.name(v, "a namespace name"));
        String clusterIssuer = r.readOrDefault(CLUSTER_ISSUER, v -> Checks.name(v, "a ClusterIssuer name"));
        // http01 in any spelling is refused with the CDN: one problem, whose fix (dns01) works, not a spelling fix first.
        boolean http01WithCdn = cdn && r.text(ACME_CHALLENGE).map(t -> t.strip().equalsIgnoreCase("http01")).orElse(false);
        AcmeChallenge challenge = http01WithCdn ? AcmeChallenge.HTTP01 : r.readOrDefault(ACME_CHALLENGE,
                v -> AcmeChallenge.valueOf(Checks.oneOf(v, Set.of("http01", "dns01")).toUpperCase(Locale.ROOT)));
        if (http01WithCdn) {
            // The aliases' DNS points at CloudFront, so Let's Encrypt's HTTP-01 request goes through CloudFront, which reaches
            // the ingress over HTTPS only and fails while the origin has no valid certificate: issuance and renewal fail.
            r.problem(ACME_CHALLENGE, "'" + r.text(ACME_CHALLENGE).get().strip() + "' asks for HTTP-01, but with the CDN the aliases' DNS points at CloudFront, through which HTTP-01 "
                    + "fails (first issuance, a new alias, an expired certificate); use DNS-01, with a dns01 solver for the aliases' zone "
                    + "in the ClusterIssuer (scripts/preflight checks it)", r.set(ACME_CHALLENGE, "dns01"));
        }
        Optional<RegistryAccess> registryAccess = registryAccess(r);
        boolean spread = r.readOrDefault(SPREAD_ACROSS_ZONES, Checks::bool);
        boolean skipAwait = r.readOrDefault(SKIP_AWAIT, Checks::bool);
        if (skipAwait && real) {
            r.problem(SKIP_AWAIT, "`true` lets `pulumi up` succeed while pods never become ready: not for a " + environment.get().id()
                    + " stack (test harnesses set verto:testOnly)", r.rm(SKIP_AWAIT));
        }
        if (namespace.isEmpty() || (context.isEmpty() && renderDirectory.isEmpty()) || registryAccess.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new KubernetesSettings(context, renderDirectory, namespace.get(), controllerNamespace, clusterIssuer,
                challenge, registryAccess.get(), spread, skipAwait));
    }

    /** Anonymous by default; an existing secret by name, or credentials for one to create; never both. */
    private static Optional<RegistryAccess> registryAccess(ConfigReader r) {
        Optional<String> existing = r.read(IMAGE_PULL_SECRET, v -> Checks.name(v, "a Secret name"));
        // Registries take the user and password as HTTP basic auth (user:password): a colon or a space breaks it.
        Optional<String> username = r.read(REGISTRY_USERNAME, v -> Checks.matching(v, USERNAME, "a registry user name (no spaces or ':')"));
        Optional<SecretValue> password = r.secret(REGISTRY_PASSWORD);
        boolean passwordGiven = r.given(REGISTRY_PASSWORD);
        if (existing.isPresent() && (username.isPresent() || passwordGiven)) {
            r.problem(IMAGE_PULL_SECRET, "names an existing pull secret, but registryUsername/registryPassword ask for a new one: use one",
                    r.rm(IMAGE_PULL_SECRET));
            return Optional.empty();
        }
        if (username.isPresent() != passwordGiven) {
            Setting missing = username.isPresent() ? REGISTRY_PASSWORD : REGISTRY_USERNAME;
            r.problem(missing, "is needed with " + (username.isPresent() ? "registryUsername" : "registryPassword"), r.propose(missing));
            return Optional.empty();
        }
        if (username.isPresent()) {
            return password.map(p -> new RegistryAccess.Credentials(username.get(), p));
        }
        return Optional.of(existing.<RegistryAccess>map(RegistryAccess.ExistingSecret::new).orElseGet(RegistryAccess.Anonymous::new));
    }
}
